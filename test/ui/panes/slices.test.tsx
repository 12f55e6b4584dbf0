// Panes read their slice of the state through context and re-render only when it
// changes: a session update leaves the mail pane alone, a mail update the agents pane.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {Profiler, type ReactNode} from 'react';
import {describe, expect, it, vi} from 'vitest';
import {AgentsPane} from '../../../source/ui/panes/agents-pane.js';
import {MailPane} from '../../../source/ui/panes/mail-pane.js';
import {reducer, type Action} from '../../../source/ui/app/reducer.js';
import {initialState, type UiState} from '../../../source/ui/app/state.js';
import {createStore, type Store} from '../../../source/ui/app/store.js';
import {UiContext, useUi} from '../../../source/ui/app/ui-context.js';
import {plainTheme} from '../../../source/ui/widgets/theme.js';
import {fakeServices, message, sampleLedgers, sampleSessions, session} from '../fake-services.js';

const run = (state: UiState, ...actions: Action[]) => actions.reduce(reducer, state);
const loaded = run(initialState, {type: 'sessions', sessions: sampleSessions}, {type: 'ledgers', ledgers: sampleLedgers}, {type: 'tick', now: Date.now()});

/** Draws a count of store changes, so that the test can wait until each one was rendered before the next. */
function Canary() {
	const state = useUi(current => current, Object.is);
	return <Text>{`state ${state.sessions.length}/${state.daemon}/${state.focus}/${state.ledgers.mail.length}`}</Text>;
}

function mount(store: Store, pane: ReactNode) {
	let renders = 0;
	const view = render(
		<UiContext.Provider value={{store, services: fakeServices()}}>
			<Canary />
			<Profiler id="pane" onRender={() => renders++}>{pane}</Profiler>
		</UiContext.Provider>,
	);
	/** One action, rendered (the canary shows the new state) before the test goes on. */
	const dispatch = async (action: Action) => {
		store.dispatch(action);
		const {sessions, daemon, focus, ledgers} = store.getState();
		await vi.waitFor(() => expect(view.lastFrame()).toContain(`state ${sessions.length}/${daemon}/${focus}/${ledgers.mail.length}`));
	};
	return {...view, dispatch, renders: () => renders};
}

describe('pane slices', () => {
	it('a session change does not re-render the mail pane; a mail change does', async () => {
		const store = createStore(loaded);
		const view = mount(store, <MailPane focused={false} width={60} height={8} theme={plainTheme} />);
		await vi.waitFor(() => expect(view.lastFrame()).toContain('Convoy landed: Auth'));
		const before = view.renders();
		await view.dispatch({type: 'sessions', sessions: [...sampleSessions, session('mp/polecats/rictus', 'working')]});
		await view.dispatch({type: 'daemon', daemon: 'down'});
		await view.dispatch({type: 'focus', pane: 'agents'});
		expect(view.renders()).toBe(before);
		await view.dispatch({type: 'ledgers', ledgers: {...sampleLedgers, mail: [...sampleLedgers.mail, message('hq-m3', 'mayor/', 'New orders')]}});
		expect(view.lastFrame()).toContain('New orders');
		expect(view.renders()).toBe(before + 1);
		view.unmount();
	});

	it('a mail or convoy change does not re-render the agents pane; a session change does', async () => {
		const store = createStore(loaded);
		const view = mount(store, <AgentsPane focused width={70} height={8} theme={plainTheme} />);
		await vi.waitFor(() => expect(view.lastFrame()).toContain('mp/furiosa'));
		const before = view.renders();
		// The same ledgers re-read (new objects, equal content) and changed mail: neither is the agents pane's.
		await view.dispatch({type: 'ledgers', ledgers: {...sampleLedgers, mail: []}});
		await view.dispatch({type: 'ledgers', ledgers: structuredClone(sampleLedgers)});
		expect(view.renders()).toBe(before);
		await view.dispatch({type: 'sessions', sessions: [...sampleSessions, session('mp/polecats/rictus', 'working')]});
		expect(view.lastFrame()).toContain('mp/rictus');
		expect(view.renders()).toBe(before + 1);
		view.unmount();
	});
});
