// Running a fleet in a real pty over a real town: a sim polecat that asks permission is
// answered from the Needs-you list without attaching; its merge fails a gate, and the
// merge view shows the gate's output, retries it, and the human gets the mail; an agent
// is restarted and stopped from the keyboard; `gt down` with the UI open stays down.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {binaries, runCli, runOk} from '../helpers/cli.js';
import {binding, keySequence, type BindingId} from '../../source/ui/app/key-map.js';
import {rigLayout} from '../../source/core/base/paths.js';
import {updateTomlFile} from '../../source/core/base/toml-file.js';
import {runInPty, type PtyScreen} from './pty-screen.js';
import {makeUiTown, type UiTown} from './town.js';

describe('running a fleet from gt ui', () => {
	let town: UiTown;
	let ui: PtyScreen | undefined;
	const gt = (args: string[]) => runOk('gt', args, {cwd: town.town, env: town.env});

	beforeAll(async () => {
		town = await makeUiTown();
		// A sim runtime that asks before every turn, so the waiting state stays until answered.
		await gt(['config', 'set', 'agents.asker.command', process.execPath]);
		await gt(['config', 'set', 'agents.asker.args', JSON.stringify([binaries.gt, 'sim-agent'])]);
		await gt(['config', 'set', 'agents.asker.runtime', 'sim']);
		await gt(['config', 'set', 'agents.asker.env.GT_SIM_ASK', '1']);
		const gate = path.join(town.home, 'gate.cjs');
		writeFileSync(gate, "console.log('calc.test.js: expected 3, got 4 (GATE-OUTPUT)'); process.exit(1);\n");
		await updateTomlFile(rigLayout(town.town, 'mp').config, table => {
			table.merge_queue = {gates: [`${process.execPath} ${gate}`]};
		});
	}, 60_000);

	afterAll(async () => {
		ui?.kill();
		if (town) await runCli('gt', ['down'], {cwd: town.town, env: town.env});
	});

	const press = (id: BindingId, which = 0) => ui!.write(keySequence((binding(id).keys as readonly string[])[which]!));
	const see = (pattern: string | RegExp, timeout = 30_000) => vi.waitFor(() => {
		const text = ui!.text();
		if (typeof pattern === 'string') expect(text, text).toContain(pattern);
		else expect(text, text).toMatch(pattern);
	}, {timeout, interval: 100});

	it('answers a waiting agent in place, shows the failed gate with its output, retries it, mails the human', async () => {
		ui = runInPty(process.execPath, [binaries.gt, 'ui'], {cwd: town.town, env: {...town.env, TERM: 'xterm-256color'}, cols: 120, rows: 40});
		await see('daemon up');
		const bead = (await runOk('bd', ['create', 'Add subtract to src/calc.js', '--silent'], {cwd: town.rig, env: town.env})).trim();
		await gt(['sling', bead, 'mp', '--agent', 'asker']);
		await see(/\d need you \(5\)/);
		press('global.pane-attention');
		await see(/mp\/polecats\/\w+ is waiting for you/);
		// Its screen beside the list: the question, without attaching.
		await see('Its screen');
		await see('Do you want to proceed?');
		press('attention.approve');
		await see(/Approved for mp\/polecats\/\w+/);

		// The work lands in the queue and the gate fails: marked, mailed, shown with its output.
		await see(/Merge failed: Add subtract/, 60_000);
		press('global.pane-merges');
		await see(/✖ failed\s+\S+ Merge \S+: Add subtract/);
		await see('GATE-OUTPUT');
		press('merges.retry');
		await see(/Queued \S+ again/);
		press('global.pane-mail');
		await see(/mp\/refinery\s+Merge failed: Add subtract/);
	}, 120_000);

	it('restarts and stops an agent, each after asking; a stopped one stays listed, and R says what starting it needs', async () => {
		press('global.pane-agents');
		press('list.last');
		await see('Preview');
		press('agents.restart');
		await see(/Restart mp\/polecats\/\w+\?/);
		press('dialog.confirm');
		await see(/Restarted mp\/polecats\/\w+ on its hook/);
		press('agents.stop');
		await see(/Stop mp\/polecats\/\w+\?/);
		press('dialog.confirm');
		await see(/Stopped mp\/polecats\/\w+/);
		// It stays listed, stopped (its work merged above, so its hook is empty), and R says
		// what starting it needs rather than starting an agent with nothing to do.
		await see(/■ mp\/\w+\s+polecat\s+stopped/);
		await see(/starts it, as `gt sling <bead> mp\/polecats\/\w+` would/);
		press('agents.restart');
		await see(/Start mp\/polecats\/\w+\?/);
		press('dialog.confirm');
		await see(/has nothing on its hook/);
	}, 60_000);

	it('stays down after gt down with the UI open, and comes back with gt up', async () => {
		await gt(['down']);
		await see('daemon stopped');
		await new Promise(resolve => setTimeout(resolve, 3000));
		expect(ui!.text()).toContain('daemon stopped');
		const status = await runCli('gt', ['agents'], {cwd: town.town, env: town.env});
		expect(status.stdout + status.stderr).not.toMatch(/mayor\s+\S+\s+(working|idle)/);
		await gt(['up']);
		await see('daemon up');
		press('global.quit');
		expect(await ui!.exited).toBe(0);
	}, 60_000);
});
