// gt sling as the original's role texts type it: no target (your own hook), -s/-m/--args
// (context kept on the bead), --on (a formula applied to an existing bead); and gt mol
// status|current reading what that put on the hook.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';

type Bead = {id: string; status: string; assignee?: string; notes?: string; issue_type: string};
let town: TestTown;
const vars = (extra: Record<string, string> = {}) => ({...town.vars, GT_SIM_SPEED: '3600000', ...extra});
const gt = (args: string[], extra: Record<string, string> = {}) => runCli('gt', args, {cwd: town.town, env: vars(extra)});
const gtOk = (args: string[], extra: Record<string, string> = {}) => runOk('gt', args, {cwd: town.town, env: vars(extra)});
const bd = (args: string[]) => runOk('bd', args, {cwd: town.rigDir, env: town.vars});
const show = async (id: string) => (JSON.parse(await bd(['show', id, '--json'])) as Bead[])[0]!;
const crew = {GT_AGENT: 'calc/crew/max'};

beforeAll(async () => {
	town = await makeTown();
	await runOk('gt', ['crew', 'add', 'max', '--rig', 'calc'], {cwd: town.town, env: town.vars});
});

afterAll(async () => {
	if (town) await runCli('gt', ['down'], {cwd: town.town, env: town.vars});
});

describe('gt sling, the original\'s forms', () => {
	it('with no target puts the bead on the caller\'s own hook, with -s/-m/--args kept on it; gt mol status and current show it', async () => {
		const bead = (await bd(['create', 'Self work', '--silent'])).trim();
		const before = await gtOk(['mol', 'status'], crew);
		expect(before).toContain('Nothing on calc/crew/max\'s hook');
		const slung = await gt(['sling', bead, '-s', 'Auth', '-m', 'tokens expire early', '--args', 'patch release'], crew);
		expect(slung.code, slung.stderr).toBe(0);
		expect(slung.stdout).toContain('to yourself');
		const after = await show(bead);
		expect(after).toMatchObject({status: 'hooked', assignee: 'calc/crew/max'});
		expect(after.notes).toContain('Sling context: Auth: tokens expire early — Instructions: patch release');
		// Nothing was started: the daemon was never asked.
		expect(await gtOk(['agents'])).toContain('daemon is not running');
		const status = await gtOk(['mol', 'status'], crew);
		expect(status).toContain(`Hook: ${bead}  Self work  [hooked]`);
		expect(status).toContain('No molecule');
		expect(await gtOk(['mol', 'current'], crew)).toContain(`Current: ${bead}  Self work (no molecule) — finish with gt done`);
		expect(JSON.parse(await gtOk(['mol', 'status', '--json'], crew))).toMatchObject({agent: 'calc/crew/max', hooked: {id: bead}, molecule: null});
		// A second bead on an occupied hook is refused, and left as it was.
		const other = (await bd(['create', 'Other', '--silent'])).trim();
		const refused = await gt(['sling', other], crew);
		expect(refused.code).toBe(4);
		expect((await show(other)).status).toBe('open');
	});

	it('outside an agent, no target is refused in one line', async () => {
		const bead = (await bd(['create', 'Nobody', '--silent'])).trim();
		const refused = await gt(['sling', bead]);
		expect(refused.code).toBe(2);
		expect(refused.stderr.trim().split('\n')).toHaveLength(1);
		expect((await show(bead)).status).toBe('open');
	});

	it('<formula> --on <bead> <rig> pours the formula for the bead and slings the bead; the polecat\'s gt mol status shows the steps', async () => {
		const bead = (await bd(['create', 'Formula target', '--silent'])).trim();
		const slung = await gt(['sling', 'polecat-work', '--on', bead, 'calc']);
		expect(slung.code, slung.stderr).toBe(0);
		const after = await show(bead);
		expect(after.status).toBe('hooked');
		expect(after.assignee).toMatch(/^calc\/polecats\//);
		const root = /as (\S+) /.exec(after.notes ?? '')![1]!;
		expect(await show(root)).toMatchObject({assignee: after.assignee});
		const status = await gtOk(['mol', 'status'], {GT_AGENT: after.assignee!});
		expect(status).toContain(`Hook: ${bead}`);
		expect(status).toContain(root);
		expect(status).toMatch(/when done: gt mol step done \S+/);
		const current = JSON.parse(await gtOk(['mol', 'current', '--json'], {GT_AGENT: after.assignee!})) as {current_step: {id: string} | null};
		expect(current.current_step?.id).toMatch(new RegExp(`^${root}\\.`));
		const notFormula = await gt(['sling', bead, '--on', bead, 'calc']);
		expect(notFormula.code).toBe(2);
		expect(notFormula.stderr).toContain('is not a formula');
	});
});
