// Keys by id: the test names a binding of the key map, the helper types its first key.
import {binding, keySequence, type BindingId} from '../../source/ui/app/key-map.js';

export type Typist = {write(data: string): void};

export function press(stdin: Typist, id: BindingId, which = 0): void {
	const keys: readonly string[] = binding(id).keys;
	stdin.write(keySequence(keys[which] ?? keys[0]!));
}
