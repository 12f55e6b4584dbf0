// `[worktree] setup`: run in the refinery's worktree before the gates (again only when a lock file
// changed, what it made kept between merges), and in each new polecat worktree before its agent;
// a failing setup fails the merge with its output (mailed) or refuses the sling, saying why.
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {updateTomlFile} from '../../../source/core/base/toml-file.js';
import {rigLayout, townLayout} from '../../../source/core/base/paths.js';
import {inbox, overseer} from '../../../source/core/mail/mail.js';
import {rigLedger} from '../../../source/core/beads/resolve.js';
import {processQueue} from '../../../source/core/refinery/merge.js';
import {listMergeRequests} from '../../../source/core/refinery/queue.js';
import {liveOutput, liveOutputFile, withLiveOutput} from '../../../source/core/refinery/gates.js';
import {mergeRequestJson} from '../../../source/core/refinery/queue.js';
import {preparePolecat} from '../../../source/core/town/polecats.js';
import {worktreeSetupFor} from '../../../source/core/town/worktree-setup.js';
import {sling} from '../../../source/core/work/sling.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {mainHead, newBead, recordingControl, setMergeQueue, who, workOn} from './helpers.js';

// setup.js "installs" into deps/ (git-ignored) and counts its runs in $SETUP_COUNT; gate.js needs deps/.
const files = {
	'README.md': '# calc\n',
	'.gitignore': 'deps/\n',
	'package-lock.json': '{"lockfileVersion": 3}\n',
	'setup.js': "const fs = require('fs'); fs.mkdirSync('deps', {recursive: true}); fs.writeFileSync('deps/ok', '1'); if (process.env.SETUP_COUNT) fs.appendFileSync(process.env.SETUP_COUNT, 'x'); console.log('installed deps');\n",
	'gate.js': "require('fs').accessSync('deps/ok'); console.log('gate ok');\n",
	'slow-gate.js': "console.log('halfway there'); const go = process.env.GATE_GO; const wait = () => require('fs').existsSync(go) ? process.exit(0) : setTimeout(wait, 20); wait();\n",
	'broken-setup.js': "console.log('resolving packages'); console.error('npm ERR! missing: left-pad@9'); process.exit(3);\n",
};

async function setWorktree(town: TestTown, values: Record<string, unknown>, where: 'rig' | 'town' = 'rig'): Promise<void> {
	const file = where === 'rig' ? rigLayout(town.town, town.rig).config : townLayout(town.town).config;
	await updateTomlFile(file, table => {
		table.worktree = values;
	});
}

const withCount = (town: TestTown) => {
	const count = path.join(town.work, 'setup-count');
	writeFileSync(count, '');
	const env = {...town.env, vars: {...town.env.vars, SETUP_COUNT: count}};
	return {env, runs: () => readFileSync(count, 'utf8').length};
};

describe('worktree setup', () => {
	it('runs in the refinery before the gates, again only when the lock file changes, and keeps what it made', async () => {
		const town = await makeTown({files});
		await setMergeQueue(town, {gates: ['node gate.js']});
		await setWorktree(town, {setup: ['node setup.js']});
		const {env, runs} = withCount(town);

		await workOn(town, 'One', {'src/one.js': 'export const one = 1;\n'});
		const [first] = await processQueue(town.town, town.rig, {env});
		expect(first?.state).toBe('merged');
		// Polecat worktrees made before the count began ran their own setup; the refinery's is counted here.
		expect(runs()).toBe(1);
		const live = liveOutput(liveOutputFile(town.town, town.rig));
		expect(live).toContain('$ node setup.js\ninstalled deps');
		expect(live).toContain('$ node gate.js\ngate ok');
		const refinery = rigLayout(town.town, town.rig).refinery;
		expect(existsSync(path.join(refinery, 'deps/ok'))).toBe(true);

		// Nothing changed in the lock file: no setup, and the gate still finds deps/.
		await workOn(town, 'Two', {'src/two.js': 'export const two = 2;\n'});
		const [second] = await processQueue(town.town, town.rig, {env});
		expect(second?.state).toBe('merged');
		expect(runs()).toBe(1);
		expect(liveOutput(liveOutputFile(town.town, town.rig))).not.toContain('$ node setup.js');

		// A branch that changes the lock file runs it again.
		await workOn(town, 'Three', {'package-lock.json': '{"lockfileVersion": 3, "packages": {}}\n'});
		const [third] = await processQueue(town.town, town.rig, {env});
		expect(third?.state).toBe('merged');
		expect(runs()).toBe(2);
	});

	it('a merging request carries its running gate\'s output so far (what the merge view and gt mq status show)', async () => {
		const town = await makeTown({files});
		await setMergeQueue(town, {gates: ['node slow-gate.js']});
		await workOn(town, 'One', {'src/one.js': 'export const one = 1;\n'});
		const go = path.join(town.work, 'go');
		const running = processQueue(town.town, town.rig, {env: {...town.env, vars: {...town.env.vars, GATE_GO: go}}});
		await vi.waitFor(async () => {
			const [request] = await listMergeRequests(town.town, town.rig);
			expect(withLiveOutput(town.town, mergeRequestJson(request!)).live_output).toContain('$ node slow-gate.js\nhalfway there');
		}, {timeout: 10_000, interval: 50});
		writeFileSync(go, '');
		expect((await running)[0]?.state).toBe('merged');
		const [merged] = await listMergeRequests(town.town, town.rig);
		expect(withLiveOutput(town.town, mergeRequestJson(merged!)).live_output).toBeUndefined();
	});

	it('without a setup the refinery still removes ignored files between merges', async () => {
		const town = await makeTown({files});
		await setMergeQueue(town, {gates: ['node setup.js']});
		await workOn(town, 'One', {'src/one.js': 'export const one = 1;\n'});
		expect((await processQueue(town.town, town.rig, {env: town.env}))[0]?.state).toBe('merged');
		expect(existsSync(path.join(rigLayout(town.town, town.rig).refinery, 'deps'))).toBe(false);
	});

	it('fails the merge on a failing setup, with its output on the request and in the mail', async () => {
		const town = await makeTown({files});
		await setMergeQueue(town, {gates: ['node gate.js']});
		await workOn(town, 'One', {'src/one.js': 'export const one = 1;\n'});
		// Set after the polecat was made, so only the refinery runs it.
		await setWorktree(town, {setup: ['node broken-setup.js']}, 'town');
		const before = mainHead(town);
		const [outcome] = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcome?.state).toBe('failed');
		expect(outcome?.state === 'failed' && outcome.failure.kind).toBe('setup');
		expect(mainHead(town)).toBe(before);
		const [request] = await listMergeRequests(town.town, town.rig);
		expect(request?.meta.last_error).toBe('setup "node broken-setup.js" failed (exit 3)');
		expect(request?.meta.gate_output).toContain('npm ERR! missing: left-pad@9');
		const mail = await inbox(town.town, overseer);
		const failed = mail.find(message => message.subject.startsWith('Merge failed'));
		expect(failed?.body).toContain('Setup output (tail):');
		expect(failed?.body).toContain('npm ERR! missing: left-pad@9');
	});

	it('runs in a new polecat worktree, not again when the reused one has the same lock file', async () => {
		const town = await makeTown({files});
		await setWorktree(town, {setup: ['node setup.js']});
		const {env, runs} = withCount(town);
		const first = await preparePolecat(town.town, town.rig, {bead: await newBead(town, 'a'), busy: new Set()}, env);
		expect(first.setupRan).toBe(true);
		expect(runs()).toBe(1);
		expect(existsSync(path.join(first.ref.dir, 'deps/ok'))).toBe(true);
		// The same (clean) polecat reused for the next bead: same lock file, no setup.
		const again = await preparePolecat(town.town, town.rig, {bead: await newBead(town, 'b'), busy: new Set()}, env);
		expect(again.ref.dir).toBe(first.ref.dir);
		expect(again.setupRan).toBeUndefined();
		expect(runs()).toBe(1);
	});

	it('a failing setup refuses the sling: no agent started, the worktree and the bead as they were', async () => {
		const town = await makeTown({files});
		await setWorktree(town, {setup: ['node broken-setup.js']});
		const bead = await newBead(town, 'Work');
		const {control, started} = recordingControl();
		await expect(sling(town.town, {beads: [bead], target: town.rig, convoy: false}, control, who(), town.env)).rejects.toThrow(/worktree setup failed in calc\/polecats\/\w+: setup "node broken-setup.js" failed \(exit 3\): npm ERR! missing: left-pad@9; its agent was not started/);
		expect(started).toEqual([]);
		const polecats = rigLayout(town.town, town.rig).polecats;
		expect(existsSync(polecats) ? readdirSync(polecats) : []).toEqual([]);
		expect((await rigLedger(town.town, town.rig).read()).get(bead)?.status).toBe('open');
	});

	it('reads rig.toml first, then town.toml; setup = [] in the rig turns the town default off; bad values are named', async () => {
		const town = await makeTown({files});
		expect(worktreeSetupFor(town.town, town.rig).from).toBe('none');
		await setWorktree(town, {setup: ['npm ci']}, 'town');
		expect(worktreeSetupFor(town.town, town.rig)).toMatchObject({commands: ['npm ci'], from: 'town'});
		await setWorktree(town, {setup: []});
		expect(worktreeSetupFor(town.town, town.rig)).toMatchObject({commands: [], from: 'none'});
		await setWorktree(town, {setup: 'npm ci'});
		expect(() => worktreeSetupFor(town.town, town.rig)).toThrow(/\[worktree\] setup must be a list of strings/);
	});
});
