// Checkpoints over a real repository with a real linked worktree (as a polecat has):
// what is recorded, what is never touched, and rollbacks that restore bytes and modes
// exactly and can be undone.
import {chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {checkpointHistory, checkpointRef, findCheckpoint, rollbackWorktree, takeCheckpoint, type HookedAgent} from '../../../source/core/work/checkpoints.js';
import {git, makeGitRepo, tempDir, testEnv} from '../../helpers/cli.js';

let env: Record<string, string>;
let agent: HookedAgent;
let repo: string;
const now = () => new Date();
const file = (name: string) => path.join(agent.worktree, name);
const write = (name: string, text: string | Buffer) => {
	mkdirSync(path.dirname(file(name)), {recursive: true});
	writeFileSync(file(name), text);
};

beforeEach(() => {
	env = testEnv();
	const dir = tempDir('checkpoints');
	repo = makeGitRepo(path.join(dir, 'repo'), env, {'README.md': '# calc\n', 'src/calc.js': 'export const add = (a, b) => a + b;\n', '.gitignore': 'node_modules/\n*.log\n'});
	const worktree = path.join(dir, 'polecats', 'nux');
	git(repo, ['worktree', 'add', '-q', '-b', 'polecat/nux/ca-1', worktree], env);
	agent = {address: 'calc/polecats/nux', id: 'calc.polecats.nux', rig: 'calc', worktree};
});

describe('checkpoints', () => {
	it('record uncommitted and untracked files but not ignored ones, touching neither branch nor index', async () => {
		write('src/calc.js', 'export const add = (a, b) => a + b;\nexport const sub = (a, b) => a - b;\n');
		write('notes/todo.md', 'untracked\n');
		write('node_modules/dep/index.js', 'ignored\n');
		write('debug.log', 'ignored too\n');
		git(agent.worktree, ['add', 'src/calc.js'], env);
		const index = readFileSync(path.join(repo, '.git', 'worktrees', 'nux', 'index'));
		const head = git(agent.worktree, ['rev-parse', 'HEAD'], env);
		const status = git(agent.worktree, ['status', '--porcelain'], env);

		const {checkpoint, created} = await takeCheckpoint(agent, env, {reason: 'turn end', state: 'idle', bead: 'ca-1', now: now()});
		expect(created).toBe(true);
		const files = git(agent.worktree, ['ls-tree', '-r', '--name-only', checkpoint.commit], env).split('\n');
		expect(files.sort()).toEqual(['.gitignore', 'README.md', 'notes/todo.md', 'src/calc.js']);
		expect(git(agent.worktree, ['show', `${checkpoint.commit}:src/calc.js`], env)).toContain('sub');
		// Nothing of the agent's moved: HEAD, branch, index, status.
		expect(git(agent.worktree, ['rev-parse', 'HEAD'], env)).toBe(head);
		expect(git(agent.worktree, ['rev-parse', 'polecat/nux/ca-1'], env)).toBe(head);
		expect(readFileSync(path.join(repo, '.git', 'worktrees', 'nux', 'index')).equals(index)).toBe(true);
		expect(git(agent.worktree, ['status', '--porcelain'], env)).toBe(status);
		// Not on the branch, not reachable from it: only from our ref.
		expect(git(agent.worktree, ['branch', '--contains', checkpoint.commit], env)).toBe('');
		expect(git(agent.worktree, ['log', '--format=%H', 'polecat/nux/ca-1'], env)).not.toContain(checkpoint.commit);
		expect(git(agent.worktree, ['rev-parse', checkpointRef(agent.id)], env)).toBe(checkpoint.commit);
		expect(checkpoint).toMatchObject({reason: 'turn end', state: 'idle', bead: 'ca-1', head, files: 2});
	});

	it('skip a turn that changed nothing, and list newest first with what changed', async () => {
		write('a.txt', '1\n');
		const first = await takeCheckpoint(agent, env, {reason: 'turn end', state: 'idle', now: now()});
		const again = await takeCheckpoint(agent, env, {reason: 'turn end', state: 'idle', now: now()});
		expect(again).toEqual({checkpoint: first.checkpoint, created: false});
		write('a.txt', '2\n');
		write('b.txt', 'b\n');
		const second = await takeCheckpoint(agent, env, {reason: 'while working', state: 'working', now: now()});
		const history = await checkpointHistory(agent, env);
		expect(history.map(checkpoint => [checkpoint.commit, checkpoint.reason, checkpoint.files])).toEqual([[second.checkpoint.commit, 'while working', 2], [first.checkpoint.commit, 'turn end', 1]]);
		expect(findCheckpoint(history, '2')).toEqual(history[1]);
		expect(findCheckpoint(history, `#1`)).toEqual(history[0]);
		expect(findCheckpoint(history, second.checkpoint.commit.slice(0, 7))).toEqual(history[0]);
		expect(() => findCheckpoint(history, '9')).toThrow(/no checkpoint "9"/);
		expect(() => findCheckpoint(history, '../x')).toThrow(/no checkpoint/);
	});

	it('roll back to exact bytes and modes, remove what came after, keep ignored files, and can be undone', async () => {
		const binary = Buffer.from([0, 1, 2, 255, 10, 13, 0]);
		write('bin/data.bin', binary);
		write('run.sh', '#!/bin/sh\necho hi\n');
		chmodSync(file('run.sh'), 0o755);
		write('src/calc.js', 'changed once\n');
		const target = (await takeCheckpoint(agent, env, {reason: 'turn end', state: 'idle', now: now()})).checkpoint;

		write('src/calc.js', 'changed twice\n');
		write('later/new.txt', 'came after\n');
		chmodSync(file('run.sh'), 0o644);
		write('bin/data.bin', 'overwritten');
		write('cache.log', 'ignored, stays\n');
		const head = git(agent.worktree, ['rev-parse', 'HEAD'], env);

		await expect(rollbackWorktree(agent, env, target, {agentState: 'working', now: now()})).rejects.toThrow(/is working: rolling back under it would race its edits/);
		expect(readFileSync(file('src/calc.js'), 'utf8')).toBe('changed twice\n');

		const result = await rollbackWorktree(agent, env, target, {agentState: 'paused', now: now()});
		expect(readFileSync(file('src/calc.js'), 'utf8')).toBe('changed once\n');
		expect(readFileSync(file('bin/data.bin')).equals(binary)).toBe(true);
		expect(statSync(file('run.sh')).mode & 0o777).toBe(0o755);
		expect(existsSync(file('later/new.txt'))).toBe(false);
		expect(existsSync(file('later'))).toBe(false);
		expect(readFileSync(file('cache.log'), 'utf8')).toBe('ignored, stays\n');
		expect(git(agent.worktree, ['rev-parse', 'HEAD'], env)).toBe(head);
		expect(result).toMatchObject({removed: 1, headMoved: false});

		// The rollback's own checkpoint brings the later state back.
		await rollbackWorktree(agent, env, result.saved, {agentState: 'idle', now: now()});
		expect(readFileSync(file('src/calc.js'), 'utf8')).toBe('changed twice\n');
		expect(readFileSync(file('later/new.txt'), 'utf8')).toBe('came after\n');
		expect(readFileSync(file('bin/data.bin'), 'utf8')).toBe('overwritten');
		expect(statSync(file('run.sh')).mode & 0o777).toBe(0o644);
	});

	it('never reach a merge of the branch (what gt done hands the refinery)', async () => {
		write('src/calc.js', 'work in progress, never committed\n');
		await takeCheckpoint(agent, env, {reason: 'turn end', state: 'idle', now: now()});
		write('feature.txt', 'the real work\n');
		git(agent.worktree, ['add', 'feature.txt'], env);
		git(agent.worktree, ['commit', '-q', '-m', 'the work'], env);
		await takeCheckpoint(agent, env, {reason: 'turn end', state: 'idle', now: now()});
		git(repo, ['merge', '-q', '--no-edit', 'polecat/nux/ca-1'], env);
		expect(readFileSync(path.join(repo, 'src/calc.js'), 'utf8')).toBe('export const add = (a, b) => a + b;\n');
		expect(git(repo, ['log', '--format=%s', 'main'], env).split('\n')).toEqual(['the work', 'initial commit']);
	});
});
