// The merge view: a merging request shows the live tail of its setup and gates, a failed one
// its error and output, a queued one its place in the line.
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {MergePane, detailLines} from '../../../source/ui/panes/merge-pane.js';
import {reducer} from '../../../source/ui/app/reducer.js';
import {initialState} from '../../../source/ui/app/state.js';
import {createStore} from '../../../source/ui/app/store.js';
import {UiContext} from '../../../source/ui/app/ui-context.js';
import {plainTheme} from '../../../source/ui/widgets/theme.js';
import type {MergeRequestJson} from '../../../source/core/refinery/queue.js';
import {fakeServices} from '../fake-services.js';

const at = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

function request(id: string, state: MergeRequestJson['state'], extra: Partial<MergeRequestJson> = {}): MergeRequestJson {
	return {id, title: `Work ${id}`, rig: 'mp', state, priority: 2, created_at: at(60), source_bead: `mp-${id}`, branch: `polecat/nux/mp-${id}`, commit: 'abc', worker: 'mp/polecats/nux', attempts: 1, ...extra};
}

function mount(mergeQueue: MergeRequestJson[], selected = 0) {
	let state = reducer(initialState, {type: 'work', work: {mergeQueue, hooks: {}}});
	state = {...state, selected: {...state.selected, merges: selected}};
	const store = createStore(state);
	return render(
		<UiContext.Provider value={{store, services: fakeServices()}}>
			<MergePane focused width={90} height={18} theme={plainTheme} />
		</UiContext.Provider>,
	);
}

describe('merge pane', () => {
	it('shows the running gate\'s live output for a merging request', async () => {
		const view = mount([request('m1', 'merging', {live_output: '$ npm ci\nadded 12 packages\n$ npm test\n  ✓ adds\n  … running suite 2'})]);
		await vi.waitFor(() => expect(view.lastFrame()).toContain('running (live output):'));
		const frame = view.lastFrame()!;
		expect(frame).toContain('$ npm test');
		expect(frame).toContain('… running suite 2');
		view.unmount();
	});

	it('shows a failure with its error and output, failed requests first', async () => {
		const view = mount([
			request('q1', 'queued'),
			request('f1', 'failed', {last_error: 'gate "npm test" failed (exit 1)', gate_output: '$ npm test\nFAIL test/calc.test.js\n  expected 3, got 4'}),
		]);
		await vi.waitFor(() => expect(view.lastFrame()).toContain('error: gate "npm test" failed (exit 1)'));
		const frame = view.lastFrame()!;
		expect(frame).toContain('1 failed');
		expect(frame).toContain('expected 3, got 4');
		expect(frame.indexOf('f1')).toBeLessThan(frame.indexOf('q1'));
		view.unmount();
	});

	it('says where a queued request stands and why it was queued again', () => {
		const queued = [request('q1', 'queued'), request('q2', 'queued', {last_error: 'interrupted (daemon restart); queued again', created_at: at(30)})];
		expect(detailLines(queued[0]!, 1)).toContain("queued · next in mp's line");
		expect(detailLines(queued[1]!, 2)).toEqual([expect.stringContaining('q2 queued'), "queued · number 2 in mp's line", 'last time: interrupted (daemon restart); queued again']);
		expect(detailLines(request('m', 'merging'))).toContain('rebasing; the setup and gates start next…');
	});
});
