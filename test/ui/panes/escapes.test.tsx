// A title holding terminal escapes is drawn escaped by the panes (their rows go
// through widgets/format fit and clip), never as raw ESC or C1 bytes.
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {AgentsPane} from '../../../source/ui/panes/agents-pane.js';
import {ConvoysPane} from '../../../source/ui/panes/convoys-pane.js';
import {MailPane} from '../../../source/ui/panes/mail-pane.js';
import {reducer, type Action} from '../../../source/ui/app/reducer.js';
import {initialState} from '../../../source/ui/app/state.js';
import {createStore} from '../../../source/ui/app/store.js';
import {UiContext} from '../../../source/ui/app/ui-context.js';
import {clip, fit} from '../../../source/ui/widgets/format.js';
import {plainTheme} from '../../../source/ui/widgets/theme.js';
import {convoy, fakeServices, message, sampleLedgers, session} from '../fake-services.js';

const evil = '\x1b]0;pwned\x07\x1b[2J\x9bX';
const raw = /[\x07\x80-\x9f]|\x1b\]|\x1b\[2J/;

describe('control characters in the UI', () => {
	it('fit and clip escape them', () => {
		expect(fit(`a${evil}`, 30)).toBe(`a\\e]0;pwned\\x07\\e[2J\\x9bX${' '.repeat(5)}`);
		expect(clip(`a${evil}`, 6)).toBe('a\\e]0;');
	});

	it('the convoys, mail and agents panes draw them escaped', () => {
		const ledgers = {...sampleLedgers, convoys: [convoy('hq-cv-e', `C ${evil}`, [{id: 'mp-e1', title: `B ${evil}`, status: 'open', rig: 'mp'}])], mail: [message('hq-m9', 'mp/nux', `M ${evil}`)]};
		const actions: Action[] = [{type: 'ledgers', ledgers}, {type: 'sessions', sessions: [session('mp/polecats/nux', 'idle', {bead: `x${evil}`})]}];
		const store = createStore(actions.reduce(reducer, initialState));
		for (const pane of [<ConvoysPane key="c" focused width={80} height={8} theme={plainTheme} />, <MailPane key="m" focused width={80} height={6} theme={plainTheme} />, <AgentsPane key="a" focused width={120} height={6} theme={plainTheme} />]) {
			const view = render(<UiContext.Provider value={{store, services: fakeServices()}}>{pane}</UiContext.Provider>);
			const frame = view.lastFrame() ?? '';
			expect(frame).not.toMatch(raw);
			expect(frame).toContain('\\e]0;pwned');
			view.unmount();
		}
	});
});
