// End to end: the real UI in a real pty over a real town with sim agents. Type a
// request to the Mayor, sling a bead with the keyboard, see the agent appear; quit
// and find the agents still running and the terminal restored.
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {binaries, runCli, runOk} from '../helpers/cli.js';
import {binding, keySequence, type BindingId} from '../../source/ui/app/key-map.js';
import {runInPty, type PtyScreen} from './pty-screen.js';
import {makeUiTown, type UiTown} from './town.js';

describe('gt ui in a terminal', () => {
	let town: UiTown;
	let ui: PtyScreen | undefined;

	beforeAll(async () => {
		town = await makeUiTown();
	});

	afterAll(async () => {
		ui?.kill();
		if (town) await runCli('gt', ['down'], {cwd: town.town, env: town.env});
	});

	const press = (id: BindingId, which = 0) => ui!.write(keySequence((binding(id).keys as readonly string[])[which]!));
	const see = (pattern: string | RegExp, timeout = 20_000) => vi.waitFor(() => {
		const text = ui!.text();
		if (typeof pattern === 'string') expect(text).toContain(pattern);
		else expect(text).toMatch(pattern);
	}, {timeout, interval: 100});

	it('refuses without a terminal', async () => {
		const result = await runCli('gt', ['ui'], {cwd: town.town, env: town.env});
		expect(result.code).toBe(2);
		expect(result.stderr.trim()).toMatch(/^gt: gt ui needs a terminal — /);
	});

	it('types to the Mayor, slings with the keyboard, and shows the agent', async () => {
		const bead = (await runOk('bd', ['create', 'Fix rounding in src/calc.js', '--silent'], {cwd: town.rig, env: town.env})).trim();
		// Ink draws nothing while CI is set; `gt ui` on a terminal clears it before Ink
		// loads, so the child gets CI=true here to prove the UI draws anyway.
		ui = runInPty(process.execPath, [binaries.gt, 'ui'], {cwd: town.town, env: {...town.env, CI: 'true', TERM: 'xterm-256color'}, cols: 100, rows: 30});
		await see('daemon up');
		await see(/1 Mayor\s+sim (idle|working)/);
		expect(ui.raw()).toContain('\x1b[?1049h');

		press('mayor.type');
		await see('enter send');
		ui.write('Add a subtract function to src/calc.js\r');
		await see('Typed to the Mayor.');
		await see('subtract', 30_000);

		press('input.cancel');
		await see('i/enter type');
		press('global.filter');
		ui.write(`${bead}\r`);
		await see(`filter: ${bead}`);
		press('global.pane-convoys');
		press('list.last');
		press('convoys.sling');
		await see('Sling to which rig or agent?');
		press('dialog.confirm');
		await see('With which runtime?');
		press('dialog.confirm');
		await see('→ mp with sim');
		press('dialog.confirm');
		await see(new RegExp(`mp/\\S+\\s+polecat\\s+\\w+\\s+${bead}`), 30_000);

		press('global.quit');
		expect(await ui.exited).toBe(0);
		expect(ui.raw()).toContain('\x1b[?1049l');
		const agents = await runOk('gt', ['agents'], {cwd: town.town, env: town.env});
		expect(agents).toContain('mayor');
	});
});
