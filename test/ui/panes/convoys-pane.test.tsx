// The convoy board: open convoys with their beads, ready work, then convoys that landed in
// the last hour, so a convoy that finishes does not vanish from under the person watching it.
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {ConvoysPane} from '../../../source/ui/panes/convoys-pane.js';
import {convoyRows} from '../../../source/ui/data/rows.js';
import {reducer} from '../../../source/ui/app/reducer.js';
import {initialState} from '../../../source/ui/app/state.js';
import {createStore} from '../../../source/ui/app/store.js';
import {UiContext} from '../../../source/ui/app/ui-context.js';
import {plainTheme} from '../../../source/ui/widgets/theme.js';
import {convoy, fakeServices, sampleLedgers} from '../fake-services.js';

const now = Date.parse('2026-12-03T12:00:00Z');
const landed = (id: string, title: string, minutesAgo: number) => ({...convoy(id, title, [{id: `${id}-b`, title: 'Done work', status: 'closed', rig: 'mp'}]), status: 'closed', closed_at: new Date(now - minutesAgo * 60_000).toISOString()});

function stateWith(filter = '') {
	const ledgers = {...sampleLedgers, landed: [landed('hq-cv-l1', 'Search page', 0.5), landed('hq-cv-l2', 'Billing', 12)]};
	return {...reducer(initialState, {type: 'ledgers', ledgers}), now, filter};
}

describe('convoys pane', () => {
	it('keeps recently landed convoys under "Landed", after the open ones and the ready work', () => {
		const rows = convoyRows(stateWith());
		const titles = rows.map(row => (row.kind === 'heading' ? `## ${row.title}` : row.id));
		expect(titles).toEqual(['hq-cv-x1', 'mp-a1b', 'mp-c3d', 'mp-e5f', '## Ready to sling', 'mp-r1', '## Landed', 'hq-cv-l1', 'hq-cv-l2']);
		// The filter applies to them too.
		expect(convoyRows(stateWith('billing')).map(row => row.id)).toEqual(['landed', 'hq-cv-l2']);
	});

	it('shows when each landed, in place of the progress bar', async () => {
		const store = createStore(stateWith());
		const view = render(
			<UiContext.Provider value={{store, services: fakeServices()}}>
				<ConvoysPane focused width={80} height={16} theme={plainTheme} />
			</UiContext.Provider>,
		);
		await vi.waitFor(() => expect(view.lastFrame()).toContain('Landed'));
		const frame = view.lastFrame()!;
		expect(frame).toMatch(/hq-cv-l1 Search page.*✔ landed just now/);
		expect(frame).toMatch(/hq-cv-l2 Billing.*✔ landed 12m ago/);
		expect(frame).toMatch(/hq-cv-x1 Auth system.*1\/3/);
		view.unmount();
	});
});
