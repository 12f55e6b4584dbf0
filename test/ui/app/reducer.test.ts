import {describe, expect, it} from 'vitest';
import {reducer, type Action} from '../../../source/ui/app/reducer.js';
import {convoyRows, selectedConvoyRow} from '../../../source/ui/data/rows.js';
import {initialState, topPopup, type UiState} from '../../../source/ui/app/state.js';
import {sampleLedgers, sampleSessions} from '../fake-services.js';

const run = (state: UiState, ...actions: Action[]) => actions.reduce(reducer, state);
const loaded = run(initialState, {type: 'sessions', sessions: sampleSessions}, {type: 'ledgers', ledgers: sampleLedgers});

describe('reducer', () => {
	it('moves focus through the six panes both ways', () => {
		const next = {type: 'focus-next'} as const;
		expect(run(loaded, next).focus).toBe('agents');
		expect(run(loaded, next, next, next, next).focus).toBe('attention');
		expect(run(loaded, next, next, next, next, next, next).focus).toBe('mayor');
		expect(run(loaded, {type: 'focus-prev'}).focus).toBe('merges');
		expect(run(loaded, {type: 'focus', pane: 'convoys'}).focus).toBe('convoys');
	});

	it('keeps the selection inside the list of the focused pane', () => {
		const agents = run(loaded, {type: 'focus', pane: 'agents'});
		expect(run(agents, {type: 'select', to: 'prev'}).selected.agents).toBe(0);
		expect(run(agents, {type: 'select', to: 'last'}).selected.agents).toBe(3);
		expect(run(agents, {type: 'select', to: 'last'}, {type: 'select', to: 'next'}).selected.agents).toBe(3);
		expect(run(agents, {type: 'select', to: 'next'}, {type: 'select', to: 'first'}).selected.agents).toBe(0);
	});

	it('is a focus stack: popups push, esc pops, then clears the filter', () => {
		let state = run(loaded, {type: 'push', popup: {kind: 'help'}}, {type: 'push', popup: {kind: 'filter'}});
		expect(state.stack.map(popup => popup.kind)).toEqual(['help', 'filter']);
		state = run(state, {type: 'edit', buffer: {value: 'nux', cursor: 3}});
		expect(state.filter).toBe('nux');
		state = run(state, {type: 'pop'});
		expect(topPopup(state)?.kind).toBe('help');
		state = run(state, {type: 'pop'});
		expect(state.stack).toEqual([]);
		expect(state.filter).toBe('nux');
		expect(run(state, {type: 'pop'}).filter).toBe('');
	});

	it('filters rows by text', () => {
		const state = run(loaded, {type: 'filter', text: 'logout'});
		expect(convoyRows(state).map(row => row.id)).toEqual(['hq-cv-x1', 'mp-e5f']);
	});

	it('walks the sling dialog: target, runtime (default first), confirm', () => {
		let state = run(loaded, {type: 'focus', pane: 'convoys'}, {type: 'select', to: 'last'});
		expect(selectedConvoyRow(state)).toMatchObject({kind: 'bead', id: 'mp-r1'});
		state = run(state, {type: 'push', popup: {kind: 'sling', bead: 'mp-r1', title: 'Fix rounding', step: 'target', choice: 0}});
		state = run(state, {type: 'sling-move', delta: 1}, {type: 'sling-move', delta: 5}, {type: 'sling-move', delta: -2}, {type: 'sling-choose'});
		expect(topPopup(state)).toMatchObject({step: 'runtime', target: 'mp'});
		state = run(state, {type: 'sling-move', delta: 1}, {type: 'sling-choose'});
		expect(topPopup(state)).toMatchObject({step: 'confirm', target: 'mp', runtime: 'claude'});
		expect(run(state, {type: 'sling-choose'})).toBe(state);
	});

	it('replaces the top popup and resets the text for a new prompt', () => {
		let state = run(loaded, {type: 'push', popup: {kind: 'input', purpose: 'compose', label: 'To:'}}, {type: 'edit', buffer: {value: 'mayor/', cursor: 6}});
		state = run(state, {type: 'replace', popup: {kind: 'input', purpose: 'compose', label: 'Subject:', draft: {to: 'mayor/'}}});
		expect(state.stack).toHaveLength(1);
		expect(state.editor.value).toBe('');
	});
});
