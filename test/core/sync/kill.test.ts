// SIGKILL during gt sync, at many moments: every ledger is whole and valid right
// after the kill, the next gt sync completes, and no bead of either side is lost.
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseLedgerText} from '../../../source/core/beads/jsonl.js';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {binaries} from '../../helpers/cli.js';
import {waitUntil} from '../../helpers/wait.js';
import {create, expectSameLedgers, ledgerDirs, makeSharedTowns, settle, sync, type SharedTowns} from '../../helpers/sync-towns.js';

/** Pids whose parent is `pid` (its git children, which outlive it and finish on their own). */
function childrenOf(pid: number): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
		} catch {}
	}
	return found;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

async function killedSync(shared: SharedTowns, town: string, afterMs: number): Promise<void> {
	const child = spawn(process.execPath, [binaries.gt, 'sync'], {cwd: town, env: shared.vars, stdio: 'ignore'});
	const exited = new Promise(resolve => child.once('exit', resolve));
	await new Promise(resolve => setTimeout(resolve, afterMs));
	const orphans = childrenOf(child.pid!);
	child.kill('SIGKILL');
	await exited;
	// What a reader sees the moment gt sync is gone: whole, valid ledgers.
	for (const dir of ledgerDirs(shared, town)) {
		parseLedgerText(readFileSync(path.join(dir, 'issues.jsonl'), 'utf8'), dir, {unique: true});
		await Ledger.open(dir).read();
	}
	await waitUntil(() => orphans.every(pid => !alive(pid)), {what: 'the git processes of the killed sync to finish', timeout: 20_000});
}

describe('gt sync killed with SIGKILL', () => {
	it('never leaves a half-merged ledger, and the next sync loses nothing', async () => {
		const shared = await makeSharedTowns(2);
		const [a, b] = shared.towns as [string, string];
		const ids: string[] = [];
		for (const delay of [40, 80, 120, 160, 200, 250, 300, 380, 460, 560]) {
			ids.push(await create(shared, path.join(a, 'calc'), `a at ${delay}`), await create(shared, a, `hq a at ${delay}`));
			ids.push(await create(shared, path.join(b, 'calc'), `b at ${delay}`));
			await sync(shared, b);
			await killedSync(shared, a, delay);
			await sync(shared, a);
		}
		await settle(shared);
		await expectSameLedgers(shared, ids);
	}, 240_000);
});
