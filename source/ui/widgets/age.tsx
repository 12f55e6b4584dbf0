// "5s", "3m": the age of a time against the UI's clock. A leaf of its own so that the
// clock's tick re-renders these cells only, and only when their text changes.
import {Text} from 'ink';
import {age} from './format.js';
import {useUi} from '../app/ui-context.js';

type Props = {readonly since: string | undefined; readonly color?: string | undefined; readonly pad?: number};

export function Age({since, color, pad = 4}: Props) {
	const text = useUi(state => age(since, state.now));
	return <Text color={color}>{` ${text.padStart(pad)}`}</Text>;
}
