import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {acquireLock, isProcessAlive, tryLock, withLock} from '../../../source/core/base/file-lock.js';
import {tempDir} from '../../helpers/cli.js';

/** The pid of a process that has already exited. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
	return Number(child.stdout);
}

describe('file lock', () => {
	it('serialises holders', async () => {
		const lock = path.join(tempDir(), 'x.lock');
		const order: string[] = [];
		await Promise.all(['a', 'b', 'c'].map(name => withLock(lock, async () => {
			order.push(`${name}+`);
			// Yield while holding, so the other holders run and find the lock taken.
			for (let turn = 0; turn < 10; turn++) await new Promise(resolve => setImmediate(resolve));
			order.push(`${name}-`);
		})));
		for (let index = 0; index < order.length; index += 2) expect(order[index]!.slice(0, 1)).toBe(order[index + 1]!.slice(0, 1));
		expect(existsSync(lock)).toBe(false);
	});

	it('breaks a lock left by a dead process instead of waiting it out', async () => {
		const lock = path.join(tempDir(), 'x.lock');
		const pid = deadPid();
		expect(isProcessAlive(pid)).toBe(false);
		writeFileSync(lock, `${pid} ${hostname()} ${Date.now()}\n`);
		// A lock it did not break would never be released: acquireLock would give up with a conflict.
		const release = await acquireLock(lock, {timeoutMs: 2000});
		expect(readFileSync(lock, 'utf8')).toContain(String(process.pid));
		release();
	});

	it('waits for a live holder and gives up with a one-line conflict', async () => {
		const lock = path.join(tempDir(), 'x.lock');
		writeFileSync(lock, `${process.ppid} ${hostname()} ${Date.now()}\n`);
		await expect(acquireLock(lock, {timeoutMs: 200, what: 'ledger mp'})).rejects.toThrow(/ledger mp is locked by process/);
		expect(readFileSync(lock, 'utf8')).toContain(String(process.ppid));
	});

	it.each([
		['empty (a writer killed between create and write, by an older version)', ''],
		['garbage', 'not-a-pid at all\n'],
		['a pid of 0', '0 host 1\n'],
	])('breaks a lock file that names no holder at once: %s', async (_name, contents) => {
		const lock = path.join(tempDir(), 'x.lock');
		writeFileSync(lock, contents);
		// Broken at the first attempt: a lock it did not break would make tryLock answer heldBy.
		const taken = tryLock(lock);
		expect('release' in taken).toBe(true);
		expect(readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
		if ('release' in taken) taken.release();
		expect(existsSync(lock)).toBe(false);
	});

	it('takes over a lock naming its own pid that it does not hold (a pid reused across containers)', () => {
		const lock = path.join(tempDir(), 'daemon.pid');
		writeFileSync(lock, `${process.pid}\n`);
		const taken = tryLock(lock, {record: 'pid'});
		expect('release' in taken).toBe(true);
		// The pid file keeps the plain form people use with kill $(cat …).
		expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
		// Held now, so a second claim from the same process is refused.
		expect(tryLock(lock, {record: 'pid'})).toEqual({heldBy: process.pid});
		if ('release' in taken) taken.release();
	});

	it('never leaves a lock without its holder: the record is linked into place whole', () => {
		const lock = path.join(tempDir(), 'x.lock');
		const taken = tryLock(lock);
		expect(readFileSync(lock, 'utf8').trim().split(' ')).toHaveLength(3);
		if ('release' in taken) taken.release();
	});
});
