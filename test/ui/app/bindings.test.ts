// Every key the footer advertises does something in the state it is shown in: for each
// scope the UI can be in, press each advertised binding (by its keys) and see the state
// change, a service called, or the UI quit or attach.
import {isDeepStrictEqual} from 'node:util';
import {describe, expect, it} from 'vitest';
import {handleKey, activeScopes} from '../../../source/ui/app/use-keys.js';
import type {KeyContext} from '../../../source/ui/app/bindings.js';
import {footerItems, keyMap, matchKey, type KeyInfo} from '../../../source/ui/app/key-map.js';
import {reducer, type Action} from '../../../source/ui/app/reducer.js';
import {initialState, type UiState} from '../../../source/ui/app/state.js';
import {createStore} from '../../../source/ui/app/store.js';
import {fakeServices, sampleLedgers, sampleSessions} from '../fake-services.js';

const run = (state: UiState, ...actions: Action[]) => actions.reduce(reducer, state);
const loaded = run(initialState, {type: 'sessions', sessions: sampleSessions}, {type: 'ledgers', ledgers: sampleLedgers});
const typed = (state: UiState, value: string) => run(state, {type: 'edit', buffer: {value, cursor: value.length}});

/** One state per place the UI can be in. */
const places: Record<string, UiState> = {
	'Mayor pane': loaded,
	'Agents pane': run(loaded, {type: 'focus', pane: 'agents'}, {type: 'select', to: 'next'}),
	'Convoys pane, a ready bead selected': run(loaded, {type: 'focus', pane: 'convoys'}, {type: 'select', to: 'last'}),
	'Mail pane': run(loaded, {type: 'focus', pane: 'mail'}),
	'key list': run(loaded, {type: 'push', popup: {kind: 'help'}}),
	'a message open': run(loaded, {type: 'focus', pane: 'mail'}, {type: 'push', popup: {kind: 'mail', id: 'hq-m1'}}),
	'sling, choosing the target': run(loaded, {type: 'push', popup: {kind: 'sling', bead: 'mp-r1', title: 'Fix rounding', step: 'target', choice: 0}}),
	'sling, confirming': run(loaded, {type: 'push', popup: {kind: 'sling', bead: 'mp-r1', title: 'Fix rounding', step: 'confirm', choice: 0, target: 'mp', runtime: 'sim'}}),
	'stop, confirming': run(loaded, {type: 'push', popup: {kind: 'confirm-stop', agent: 'mp.polecats.nux', address: 'mp/polecats/nux'}}),
	'checkpoints, choosing': run(loaded, {type: 'push', popup: {kind: 'history', agent: 'mp.polecats.nux', address: 'mp/polecats/nux', checkpoints: [{commit: 'a1b2c3d4', at: '2026-12-02T10:00:00Z', reason: 'turn end', state: 'idle', files: 1}, {commit: 'b2c3d4e5', at: '2026-12-02T09:00:00Z', reason: 'turn end', state: 'idle', files: 2}], choice: 0}}),
	'rollback, confirming': run(loaded, {type: 'push', popup: {kind: 'confirm-rollback', agent: 'mp.polecats.nux', address: 'mp/polecats/nux', checkpoint: {commit: 'a1b2c3d4', at: '2026-12-02T10:00:00Z', reason: 'turn end', state: 'idle', files: 1}}}),
	'a prompt with text': typed(run(loaded, {type: 'push', popup: {kind: 'input', purpose: 'nudge', subject: 'mp.polecats.nux', label: 'Message:'}}), 'hi'),
	'the filter with text': typed(run(loaded, {type: 'push', popup: {kind: 'filter'}}), 'nux'),
	'the Mayor input with text': typed(run(loaded, {type: 'push', popup: {kind: 'mayor-input'}}), 'hello'),
	'Needs-you list, a waiting agent selected': run(loaded, {type: 'focus', pane: 'attention'}),
	'merge queue, a failed request selected': run(loaded, {type: 'work', work: {mergeQueue: [{id: 'mp-mr1', title: 'Fix', rig: 'mp', state: 'failed', priority: 2, created_at: '2026-12-02T10:00:00Z', source_bead: 'mp-r1', branch: 'polecat/nux', commit: 'abc', worker: 'mp/polecats/nux', attempts: 1, last_error: 'gate npm test failed'}], hooks: {}}}, {type: 'focus', pane: 'merges'}),
	'restart, confirming': run(loaded, {type: 'push', popup: {kind: 'confirm', action: {kind: 'restart', agent: 'mp.polecats.slit', address: 'mp/polecats/slit', running: false}}}),
};

/** What Ink hands the input handler for a key name. */
function inkKey(name: string): [string, KeyInfo] {
	const named: Record<string, KeyInfo> = {
		enter: {return: true}, esc: {escape: true, meta: true}, tab: {tab: true}, 'shift+tab': {tab: true, shift: true},
		up: {upArrow: true}, down: {downArrow: true}, left: {leftArrow: true}, right: {rightArrow: true},
		home: {home: true}, end: {end: true}, pageup: {pageUp: true}, pagedown: {pageDown: true}, backspace: {backspace: true}, delete: {delete: true},
	};
	if (named[name]) return ['', named[name]];
	const control = /^ctrl\+(.)$/.exec(name);
	if (control) return [control[1]!, {ctrl: true}];
	return [name, /^[A-Z]$/.test(name) ? {shift: true} : {}];
}

/** Presses one key in a state; true when it changed the state or reached a service, quit or attach. */
function pressChanges(state: UiState, name: string): boolean {
	const store = createStore(state);
	const services = fakeServices();
	const outside: string[] = [];
	const context: KeyContext = {services, state: store.getState, act: store.dispatch, refresh: () => undefined, quit: () => outside.push('quit'), attach: id => outside.push(`attach ${id}`)};
	const [input, key] = inkKey(name);
	handleKey(input, key, context);
	return !isDeepStrictEqual(store.getState(), state) || services.calls.length > 0 || outside.length > 0;
}

describe('the footer', () => {
	it.each(Object.entries(places))('advertises in "%s" only keys that act', (_place, state) => {
		const scopes = activeScopes(state);
		const items = footerItems(scopes);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			for (const name of keyMap.find(entry => entry.id === item.id)!.keys) {
				expect(matchKey(name, scopes)?.id, `${name} in ${scopes.join(',')}`).toBe(item.id);
				expect(pressChanges(state, name), `${item.id} (${name})`).toBe(true);
			}
		}
	});

	it('covers every scope of the UI, and no key is bound twice among scopes active together', () => {
		const seen = new Set(Object.values(places).flatMap(state => activeScopes(state)));
		expect([...new Set(keyMap.map(entry => entry.scope))].filter(scope => scope !== 'attach' && !seen.has(scope))).toEqual([]);
		for (const state of Object.values(places)) {
			const keys = activeScopes(state).flatMap(scope => keyMap.filter(entry => entry.scope === scope).flatMap(entry => entry.keys));
			expect(new Set(keys).size, activeScopes(state).join(',')).toBe(keys.length);
		}
	});

	it('ctrl+c quits from every place; while typing, the first one clears the text and the second quits', () => {
		for (const [place, state] of Object.entries(places)) {
			let quit = false;
			const store = createStore(state);
			const context = {services: fakeServices(), state: store.getState, act: store.dispatch, refresh: () => undefined, quit: () => (quit = true), attach: () => undefined};
			handleKey('c', {ctrl: true}, context);
			if (place.endsWith('with text')) {
				expect(quit, place).toBe(false);
				expect(store.getState().editor.value).toBe('');
				expect(store.getState().stack).toEqual(state.stack);
				handleKey('c', {ctrl: true}, context);
			}
			expect(quit, place).toBe(true);
		}
	});
});
