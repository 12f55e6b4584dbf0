// Running a fleet from the UI, over fake services: the selected agent's live screen
// in colour, the Needs-you list answered in place, the merge queue with retry and
// reject, restart and stop-the-town (asked first), the current hook, the small fixes.
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {AppContainer} from '../../../source/ui/app/app-container.js';
import type {BindingId} from '../../../source/ui/app/key-map.js';
import type {MergeRequestJson} from '../../../source/core/refinery/queue.js';
import {colorTheme} from '../../../source/ui/widgets/theme.js';
import {fakeServices, sampleSessions, session, type Fake} from '../fake-services.js';
import {press} from '../press.js';

function mount(fake: Fake = fakeServices()) {
	const quit = vi.fn();
	const attach = vi.fn();
	const view = render(<AppContainer services={fake} theme={colorTheme} quit={quit} attach={attach} timings={{sessionsMs: 40, ledgersMs: 40}} tickMs={50} />);
	const frame = () => view.lastFrame() ?? '';
	const key = (id: BindingId, which = 0) => press(view.stdin, id, which);
	const see = (text: string | RegExp) => vi.waitFor(() => (typeof text === 'string' ? expect(frame(), frame()).toContain(text) : expect(frame(), frame()).toMatch(text)));
	return {...view, fake, quit, attach, frame, key, see};
}

const called = (fake: Fake, method: string) => fake.calls.filter(call => call.method === method).map(call => call.args);

const failedRequest: MergeRequestJson = {
	id: 'mp-mr1', title: 'Session store', rig: 'mp', state: 'failed', priority: 2, created_at: new Date(Date.now() - 9000).toISOString(),
	source_bead: 'mp-r1', branch: 'polecat/nux', commit: 'abc1234', worker: 'mp/polecats/nux', attempts: 1,
	last_error: 'gate "npm test" failed (exit 1)', gate_output: 'FAIL test/calc.test.js\n  expected 3, got 4\nTests: 1 failed',
};

describe('running a fleet', () => {
	it('previews the selected agent: its screen with the colours it wrote, following j/k', async () => {
		const fake = fakeServices();
		fake.watchTerminal = (id, handlers) => {
			fake.calls.push({method: 'watchTerminal', args: [id]});
			setTimeout(() => {
				handlers.snapshot({cols: 60, rows: 6, lines: [`screen of ${id}`], cursor: {x: 0, y: 1}, title: '', alternate: false});
				handlers.output('\x1b[31mred alert\x1b[0m\r\n');
			}, 0);
			return {close: () => fake.calls.push({method: 'unwatchTerminal', args: [id]})};
		};
		const ui = mount(fake);
		await ui.see('mp/furiosa');
		ui.key('global.pane-agents');
		await ui.see('Preview');
		await ui.see('screen of mayor');
		// The agent's red arrives as red (SGR 31), not as text with escapes shown.
		await ui.see(/\x1b\[31m\s*red alert/);
		ui.key('list.down');
		await ui.see('screen of mp.polecats.furiosa');
		expect(called(fake, 'unwatchTerminal')).toContainEqual(['mayor']);
		ui.unmount();
	});

	it('scrolls the preview back through the agent\'s scrollback with [ / pageup, forward with ] / pagedown, and back to live on another agent', async () => {
		const fake = fakeServices();
		fake.watchTerminal = (id, handlers) => {
			setTimeout(() => {
				handlers.snapshot({cols: 60, rows: 6, lines: [], cursor: {x: 0, y: 0}, title: '', alternate: false});
				handlers.output(Array.from({length: 60}, (_, index) => `${id} line ${index + 1}`).join('\r\n'));
			}, 0);
			return {close: () => undefined};
		};
		const ui = mount(fake);
		// The Mayor pane shows the same terminal: read the preview only.
		const preview = () => ui.frame().slice(ui.frame().indexOf('Preview'));
		const inPreview = (text: string | RegExp) => vi.waitFor(() => expect(preview(), preview()).toMatch(text));
		ui.key('global.pane-agents');
		await inPreview('mayor line 60');
		ui.key('agents.scroll-back');
		await inPreview('↑ 10 lines back (]: forward)');
		expect(preview()).toMatch(/mayor line 50\s/);
		expect(preview()).not.toContain('mayor line 60');
		ui.key('agents.scroll-back', 1);
		await inPreview('↑ 20 lines back');
		expect(preview()).toMatch(/mayor line 40\s/);
		// Far past the top: it stops at the first line, and one ] comes forward from there.
		for (let press = 0; press < 8; press++) ui.key('agents.scroll-back');
		await inPreview(/mayor line 1\s/);
		await inPreview(/↑ 5\d lines back/);
		ui.key('agents.scroll-forward');
		await inPreview(/↑ 4\d lines back/);
		ui.key('list.down');
		await inPreview('mp.polecats.furiosa line 60');
		expect(preview()).not.toContain('lines back');
		ui.unmount();
	});

	it('shows why an exited agent stopped, and restarts it after asking', async () => {
		const fake = fakeServices({sessions: [...sampleSessions.slice(0, 3), session('mp/polecats/slit', 'exited', {bead: 'mp-zz9', exitCode: 1, state: {state: 'exited', source: 'process', confidence: 1, since: new Date().toISOString(), reason: 'claude refuses to run as root: set IS_SANDBOX=1'}})]});
		const ui = mount(fake);
		await ui.see('mp/slit');
		ui.key('global.pane-agents');
		ui.key('list.last');
		await ui.see('exited 1: claude refuses to run as root');
		ui.key('agents.restart');
		await ui.see('Restart mp/polecats/slit?');
		ui.key('dialog.confirm');
		await vi.waitFor(() => expect(called(fake, 'restart')).toEqual([['mp.polecats.slit']]));
		await ui.see('Restarted mp/polecats/slit on its hook.');
		ui.unmount();
	});

	it('keeps a stopped agent listed, refuses keys that need a session, and starts it with R after asking', async () => {
		const fake = fakeServices({sessions: sampleSessions.slice(0, 3)});
		fake.work = {mergeQueue: [], hooks: {'mp/polecats/rictus': 'mp-k9'}, agentsOnDisk: [
			{address: 'mp/polecats/nux', role: 'polecat', rig: 'mp', name: 'nux', cwd: '/tmp/town/mp/polecats/nux', state: {state: 'stopped', source: 'gt'}, restart: 'gt sling <bead> mp/polecats/nux'},
			{address: 'mp/polecats/rictus', role: 'polecat', rig: 'mp', name: 'rictus', cwd: '/tmp/town/mp/polecats/rictus', state: {state: 'stopped', source: 'gt'}, bead: 'mp-k9', restart: 'gt up'},
		]};
		const ui = mount(fake);
		// nux runs, so it is listed once, as running; rictus has no session.
		await ui.see('3 · 1 waiting · 1 stopped');
		ui.key('global.pane-agents');
		ui.key('list.last');
		await ui.see(/■ mp\/rictus\s+polecat\s+stopped\s+mp-k9/);
		await ui.see('stopped: no session, so no screen');
		expect(ui.frame()).toContain('starts it, as `gt up` would');
		expect(called(fake, 'watchTerminal').flat()).not.toContain('mp.polecats.rictus');
		expect(ui.frame().match(/mp\/nux/g)?.length ?? 0).toBeLessThanOrEqual(1);
		ui.key('agents.attach');
		await ui.see('mp/rictus is stopped: R starts it');
		expect(ui.attach).not.toHaveBeenCalled();
		ui.key('agents.restart');
		await ui.see('Start mp/polecats/rictus?');
		ui.key('dialog.confirm');
		await vi.waitFor(() => expect(called(fake, 'startAgent')).toEqual([['mp/polecats/rictus']]));
		await ui.see('Started mp/polecats/rictus on its hook.');
		ui.unmount();
	});

	it('shows the bead on the hook now, not the one the agent was started with', async () => {
		const fake = fakeServices();
		fake.work = {mergeQueue: [], hooks: {'mp/polecats/nux': 'mp-new1'}};
		const ui = mount(fake);
		await ui.see(/○ mp\/nux\s+polecat\s+idle\s+mp-new1/);
		// furiosa was started for mp-c3d; its hook is empty now.
		expect(ui.frame()).not.toMatch(/mp\/furiosa.*mp-c3d/);
		ui.unmount();
	});

	it('answers a waiting agent from the Needs-you list: approve, deny, a typed answer', async () => {
		const fake = fakeServices({sessions: [sampleSessions[0]!, session('mp/polecats/furiosa', 'waiting', {bead: 'mp-c3d', state: {state: 'waiting', source: 'signal', confidence: 1, since: new Date().toISOString(), detail: 'sim needs your permission to use Bash: npm test'}})]});
		const ui = mount(fake);
		await ui.see('2 need you (5)');
		ui.key('global.pane-attention');
		await ui.see('mp/polecats/furiosa is waiting for you');
		// What it asks, and the work it holds (bead and convoy).
		await ui.see('sim needs your permission to use Bash');
		await ui.see('mp-c3d in hq-cv-x1 Auth system');
		ui.key('attention.approve');
		await vi.waitFor(() => expect(called(fake, 'write')).toEqual([['mp.polecats.furiosa', '1']]));
		ui.key('attention.deny');
		await vi.waitFor(() => expect(called(fake, 'write').at(-1)).toEqual(['mp.polecats.furiosa', '\x1b']));
		ui.key('attention.answer');
		await ui.see('Answer to mp/polecats/furiosa');
		ui.stdin.write('use the staging db\r');
		await vi.waitFor(() => expect(called(fake, 'write').at(-1)).toEqual(['mp.polecats.furiosa', 'use the staging db\r']));
		ui.key('attention.open');
		await vi.waitFor(() => expect(ui.attach).toHaveBeenCalledWith('mp.polecats.furiosa'));
		ui.unmount();
	});

	it('shows a failed merge with its output, marked on the board and the agent row; r retries, R rejects after asking', async () => {
		const fake = fakeServices();
		fake.work = {mergeQueue: [failedRequest], hooks: {}};
		const ui = mount(fake);
		await ui.see(/mp-r1 Fix rounding\s+\(mp\)\s+✖ merge failed/);
		await ui.see(/mp\/nux\s+polecat\s+idle\s+✖ merge/);
		ui.key('global.pane-merges');
		await ui.see('Merge queue');
		await ui.see('✖ failed   mp-mr1 Session store — mp/polecats/nux');
		await ui.see('error: gate "npm test" failed (exit 1)');
		await ui.see('expected 3, got 4');
		ui.key('merges.retry');
		await vi.waitFor(() => expect(called(fake, 'retryMerge')).toEqual([['mp-mr1']]));
		ui.key('merges.reject');
		await ui.see('Reject mp-mr1 "Session store"?');
		ui.key('dialog.cancel');
		await ui.see('Merge queue');
		expect(called(fake, 'rejectMerge')).toEqual([]);
		ui.key('merges.reject', 1);
		await ui.see('Reject mp-mr1');
		ui.key('dialog.confirm');
		await vi.waitFor(() => expect(called(fake, 'rejectMerge')).toEqual([['mp-mr1', 'rejected from the UI']]));
		ui.unmount();
	});

	it('stops the town only after asking', async () => {
		const ui = mount();
		await ui.see('mp/furiosa');
		ui.key('global.stop-town');
		await ui.see('Stop 3 agents and the daemon?');
		ui.key('dialog.confirm');
		await vi.waitFor(() => expect(called(ui.fake, 'stopTown')).toHaveLength(1));
		await ui.see('Stopped the town.');
		ui.unmount();
	});

	it('says the filter hides the rows (not "No agents yet"), and lets a notice go after a while', async () => {
		const ui = mount();
		await ui.see('mp/furiosa');
		ui.key('global.filter');
		ui.stdin.write('zzz\r');
		await ui.see('filter: zzz');
		await ui.see('Nothing matches the filter "zzz"');
		expect(ui.frame()).not.toContain('No agents yet');
		expect(ui.frame()).not.toContain('No mail.');
		ui.unmount();
	});

	it('offers only installed runtimes when slinging', async () => {
		const fake = fakeServices();
		fake.ledgers = {...fake.ledgers, installed: ['sim']};
		const ui = mount(fake);
		await ui.see('Ready to sling');
		ui.key('global.pane-convoys');
		ui.key('list.last');
		ui.key('convoys.sling');
		await ui.see('Sling to which rig or agent?');
		ui.key('dialog.confirm');
		await ui.see('With which runtime?');
		expect(ui.frame()).toContain('sim  (town default)');
		expect(ui.frame()).not.toContain('claude');
		expect(ui.frame()).not.toContain('codex');
		ui.unmount();
	});
});
