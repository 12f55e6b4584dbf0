// The Mayor pane in a real pty: the Mayor's screen with its attributes (the sim's banner
// is bold), and fitted to the pane again after `gt mayor attach` from another terminal
// at another size.
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {binaries, runCli} from '../helpers/cli.js';
import {attachMayor, screenOf} from '../helpers/terminal.js';
import {runInPty, type PtyScreen} from './pty-screen.js';
import {makeUiTown, type UiTown} from './town.js';

describe('the Mayor pane', () => {
	let town: UiTown;
	let ui: PtyScreen | undefined;

	beforeAll(async () => {
		town = await makeUiTown();
	}, 60_000);

	afterAll(async () => {
		ui?.kill();
		if (town) await runCli('gt', ['down'], {cwd: town.town, env: town.env});
	});

	const see = (test: (text: string) => boolean, what: string, timeout = 20_000) => vi.waitFor(() => {
		const text = ui!.text();
		if (!test(text)) throw new Error(`${what}:\n${text}`);
	}, {timeout, interval: 100});
	// The sim's banner box, closed inside the pane's border: the screen fits the pane.
	const fitted = (text: string) => /[│║]╰─+╯[│║]/.test(text);

	it('shows the Mayor in colour, and fits it again after an attach at another size', async () => {
		ui = runInPty(process.execPath, [binaries.gt, 'ui'], {cwd: town.town, env: {...town.env, TERM: 'xterm-256color'}, cols: 120, rows: 40});
		await see(text => text.includes('sim — simulated agent (no AI)') && fitted(text), 'the Mayor banner fitted to the pane');
		await vi.waitFor(() => expect(ui!.styleOf('sim — simulated agent')?.bold).toBe(true), {timeout: 10_000, interval: 100});

		const attached = await attachMayor(town.town, town.env);
		// At 100 columns the banner is wider than the pane: cut off there.
		await see(text => !fitted(text), 'the Mayor at the attached size (cut off in the pane)');
		attached.pty.write('\x1d');
		expect(await attached.exited).toBe(0);
		expect(screenOf(attached.terminal)).not.toContain('gt: ');
		await see(fitted, 'the Mayor fitted to the pane again');
		expect(ui.styleOf('sim — simulated agent')?.bold).toBe(true);
		ui.write('q');
		expect(await ui.exited).toBe(0);
	}, 90_000);
});
