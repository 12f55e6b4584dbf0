import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {processQueue} from '../../../source/core/refinery/merge.js';
import {rigLayout} from '../../../source/core/base/paths.js';
import {git, runCli, runOk} from '../../helpers/cli.js';
import {runInProcess} from '../../helpers/in-process.js';
import {makeTown} from '../../helpers/town.js';
import {newBead, rigLedgerOf, setMergeQueue} from '../../core/refinery/helpers.js';

type Message = {subject: string; from: string; body: string};

const commit = (dir: string, file: string, text: string, vars: Record<string, string>) => {
	writeFileSync(path.join(dir, file), text);
	git(dir, ['add', '-A'], vars);
	git(dir, ['commit', '-q', '-m', `add ${file}`], vars);
};

describe('gt mq submit', () => {
	it('queues a crew branch that the refinery merges onto main, and the human hears of it', async () => {
		const town = await makeTown();
		const env = town.vars;
		await runOk('gt', ['crew', 'add', 'me', '--rig', town.rig], {cwd: town.town, env});
		const crew = path.join(town.rigDir, 'crew', 'me');
		const repo = rigLayout(town.town, town.rig).repo;
		const bead = await newBead(town, 'Add a feature', 1);

		// Nothing to merge yet; not a crew workspace; an unknown branch; the default branch.
		const empty = await runInProcess('gt', ['mq', 'submit'], {cwd: crew, env});
		expect([empty.code, empty.stderr]).toEqual([4, expect.stringMatching(/^gt: crew\/me has no commits that main does not have: nothing to merge — /)]);
		const outside = await runInProcess('gt', ['mq', 'submit'], {cwd: town.town, env});
		expect(outside.code).toBe(2);
		expect(outside.stderr).toMatch(/^gt: gt mq submit runs in a crew workspace — /);
		commit(crew, 'feature.txt', 'feature\n', env);
		const unknown = await runInProcess('gt', ['mq', 'submit', 'no-such-branch'], {cwd: crew, env});
		expect([unknown.code, unknown.stderr]).toEqual([3, expect.stringMatching(/^gt: no branch "no-such-branch" in rig calc — /)]);
		expect((await runInProcess('gt', ['mq', 'submit', '--branch', 'main'], {cwd: crew, env})).code).toBe(2);
		expect((await runInProcess('gt', ['mq', 'submit', '--issue', 'ca-zzzz'], {cwd: crew, env})).code).toBe(3);
		expect((await runInProcess('gt', ['mq', 'submit', '--priority', '9'], {cwd: crew, env})).code).toBe(2);
		const dry = await runInProcess('gt', ['mq', 'submit', '--dry-run'], {cwd: crew, env});
		expect(dry.code).toBe(0);
		expect(dry.stdout).toContain('dry run, nothing written');
		expect((await rigLedgerOf(town).read()).all().filter(b => b.issue_type === 'merge-request')).toEqual([]);

		const submitted = JSON.parse(await runOk('gt', ['mq', 'submit', '--issue', bead, '--json'], {cwd: path.join(crew), env}));
		expect(submitted).toMatchObject({rig: 'calc', branch: 'crew/me', target: 'main', ahead: 1, source_issue: bead, priority: 1, worker: 'calc/crew/me', dry_run: false});
		const again = await runInProcess('gt', ['mq', 'submit'], {cwd: crew, env});
		expect([again.code, again.stderr]).toEqual([4, expect.stringContaining(`crew/me is already in the merge queue as ${submitted.id} (queued)`)]);
		const listed = JSON.parse(await runOk('gt', ['mq', 'list', '--json'], {cwd: town.town, env}));
		expect(listed).toMatchObject([{id: submitted.id, state: 'queued', branch: 'crew/me', source_bead: bead}]);

		const [outcome] = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcome).toMatchObject({request: submitted.id, state: 'merged'});
		expect(git(repo, ['show', 'main:feature.txt'], env)).toBe('feature');
		expect((await rigLedgerOf(town).read()).get(bead)?.status).toBe('closed');
		// The crew branch is the human's: it stays.
		expect(git(repo, ['branch', '--list', 'crew/me'], env)).toContain('crew/me');
		const inbox = JSON.parse(await runOk('gt', ['mail', 'inbox', 'overseer', '--all', '--json'], {cwd: town.town, env})) as Message[];
		expect(inbox.find(message => message.subject === 'Merged: ' + `${bead}: Add a feature`)).toMatchObject({from: 'calc/refinery'});

		// Landed already: the same commits are not work to submit again.
		expect((await runInProcess('gt', ['mq', 'submit'], {cwd: crew, env})).code).toBe(4);
	});

	it('gt done in a crew workspace with nothing hooked commits leftovers and submits the branch; a failure mails the human', async () => {
		const town = await makeTown();
		const env = town.vars;
		await runOk('gt', ['crew', 'add', 'you', '--rig', town.rig], {cwd: town.town, env});
		const crew = path.join(town.rigDir, 'crew', 'you');
		writeFileSync(path.join(crew, 'notes.txt'), 'left over\n');
		const done = JSON.parse(await runOk('gt', ['done', '-m', 'Add notes', '--json'], {cwd: crew, env}));
		expect(done).toMatchObject({branch: 'crew/you', committed: 'Add notes', worker: 'calc/crew/you', status: 'completed'});
		expect(done.merge_request).toBe(done.id);
		expect(git(crew, ['status', '--porcelain'], env)).toBe('');

		await setMergeQueue(town, {gates: ['node -e "process.exit(3)"']});
		const [outcome] = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcome).toMatchObject({request: done.id, state: 'failed'});
		const inbox = JSON.parse(await runOk('gt', ['mail', 'inbox', 'overseer', '--all', '--json'], {cwd: town.town, env})) as Message[];
		expect(inbox.find(message => message.subject === 'Merge failed: Merge crew/you')?.body).toContain(`gt mq retry ${done.id}`);

		// A new submit of the fixed branch replaces the failed request.
		await setMergeQueue(town, {gates: []});
		commit(crew, 'fix.txt', 'fixed\n', env);
		const resubmit = await runCli('gt', ['mq', 'submit'], {cwd: crew, env});
		expect(resubmit.code).toBe(0);
		expect(resubmit.stdout).toContain(`Superseded failed request ${done.id}`);
		const [merged] = await processQueue(town.town, town.rig, {env: town.env});
		expect(merged).toMatchObject({state: 'merged'});
		expect(git(rigLayout(town.town, town.rig).repo, ['show', 'main:notes.txt'], env)).toBe('left over');
	});
});
