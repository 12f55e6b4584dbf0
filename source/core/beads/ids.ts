// Bead ids: `<prefix>-<base36 hash>`. Hash ids let many agents and branches create
// beads at once without a counter to fight over. The hash length grows with the
// ledger so that the chance of any collision stays under 25% (Beads' rule): 3
// characters up to ~150 beads, then 4, 5… Collisions are retried with a nonce.
import {createHash} from 'node:crypto';
import {usageError} from '../base/errors.js';

const minLength = 3;
const maxLength = 8;
const maxCollisionProbability = 0.25;

export function hashLengthFor(existing: number): number {
	for (let length = minLength; length <= maxLength; length++) {
		const space = 36 ** length;
		const probability = 1 - Math.exp(-(existing * existing) / (2 * space));
		if (probability <= maxCollisionProbability) return length;
	}
	return maxLength;
}

export function hashSuffix(seed: string, length: number): string {
	const digest = createHash('sha256').update(seed).digest();
	// 8 bytes hold more than 36^8; BigInt keeps it exact.
	const value = digest.readBigUInt64BE(0);
	return value.toString(36).padStart(maxLength, '0').slice(-length);
}

export type IdSeed = {title: string; description?: string; actor?: string; createdAt: string};

/** A fresh id for `prefix` that `taken` does not hold. */
export function generateId(prefix: string, seed: IdSeed, taken: (id: string) => boolean, topLevelCount: number): string {
	const base = `${seed.title}|${seed.description ?? ''}|${seed.actor ?? ''}|${seed.createdAt}|${process.hrtime.bigint()}`;
	for (let length = hashLengthFor(topLevelCount); length <= maxLength; length++) {
		for (let nonce = 0; nonce < 10; nonce++) {
			const id = `${prefix}-${hashSuffix(`${base}|${nonce}`, length)}`;
			if (!taken(id)) return id;
		}
	}
	throw usageError(`could not find a free id with prefix ${prefix}`, 'the ledger is extremely full; try again');
}

/** `mp-a1b.3` → {parent: 'mp-a1b', index: 3}. */
export function parseChildId(id: string): {parent: string; index: number} | undefined {
	const match = /^(.+)\.(\d+)$/.exec(id);
	return match ? {parent: match[1]!, index: Number(match[2])} : undefined;
}

export const prefixPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function validatePrefix(prefix: string): string {
	if (!prefixPattern.test(prefix) || prefix.length > 16) {
		throw usageError(`invalid prefix "${prefix}"`, 'use lowercase letters and digits, starting with a letter (e.g. "mp")');
	}
	return prefix;
}

/** The prefix an id carries: everything before the last "-<hash>" part, ignoring child suffixes. */
export function prefixOfId(id: string): string | undefined {
	const base = id.split('.')[0]!;
	const index = base.lastIndexOf('-');
	return index > 0 ? base.slice(0, index) : undefined;
}
