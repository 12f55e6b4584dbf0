// A transaction over the read index (beads fetched on demand, store/indexed-base.ts)
// must behave exactly like one over a full read: same answers, same errors, same
// journal, and after compaction byte-identical files.
import {cpSync, existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {compaction, Ledger} from '../../../../source/core/beads/ledger.js';
import type {LedgerState} from '../../../../source/core/beads/ledger-state.js';
import {addDependency, claimBead, closeBead, createBead, deleteBead, removeDependency, reopenBead, updateBead} from '../../../../source/core/beads/operations.js';
import {indexPath} from '../../../../source/core/beads/read-cache/format.js';
import {tempDir} from '../../../helpers/cli.js';
import {generateLedger} from '../generate-ledger.js';

const saved = {...compaction};
const who = {actor: 'tester', now: new Date('2026-03-01T10:00:00Z')};

/** Two copies of one generated ledger, its read index built. */
async function pair(): Promise<[Ledger, Ledger]> {
	const dir = path.join(tempDir('indexed-tx'), 'a', '.beads');
	Ledger.init(dir, 'gx');
	const {issues, wisps} = generateLedger(400, 7);
	writeFileSync(path.join(dir, 'issues.jsonl'), issues);
	writeFileSync(path.join(dir, 'wisps.jsonl'), wisps);
	await Ledger.open(dir).compact();
	await Ledger.open(dir).view();
	const copy = path.join(path.dirname(path.dirname(dir)), 'b', '.beads');
	cpSync(dir, copy, {recursive: true});
	await Ledger.open(copy).view();
	return [Ledger.open(dir), Ledger.open(copy)];
}

/** What a state says about every bead: the facts operations depend on. */
function facts(state: LedgerState): unknown {
	const ids = [...state.ids()];
	return {
		size: state.size,
		ids,
		beads: state.all(),
		dependents: ids.map(id => state.dependentsOf(id)),
		children: ids.slice(0, 80).map(id => state.childrenOf(id).map(bead => bead.id)),
		tops: ['gx', 'gx-cv', 'hq', 'g'].map(prefix => state.topLevelCount(prefix)),
	};
}

type Step = (state: LedgerState, ledger: Ledger) => unknown;

/** Runs `step` in a transaction; its result, or its error's message. */
async function outcome(ledger: Ledger, step: Step): Promise<unknown> {
	try {
		return await ledger.transact(state => JSON.parse(JSON.stringify(step(state, ledger) ?? null)));
	} catch (error) {
		return `error: ${(error as Error).message.replace(ledger.dir, '<dir>')}`;
	}
}

describe('transactions over the read index', () => {
	afterEach(() => Object.assign(compaction, saved));

	it('see what a full read sees, and write the same', async () => {
		const [indexed, full] = await pair();
		const ids = [...(await full.read()).ids()];
		const open = (await full.read()).all().filter(bead => bead.status === 'open' && !bead.ephemeral).map(bead => bead.id);
		const withParent = (await full.read()).all().find(bead => bead.dependencies?.some(dependency => dependency.type === 'parent-child'))!;
		const parent = withParent.dependencies!.find(dependency => dependency.type === 'parent-child')!.depends_on_id;
		const steps: Step[] = [
			state => facts(state),
			(state, ledger) => createBead(state, ledger, {title: 'fresh', id: 'gx-zz1', labels: ['b', 'a']}, who),
			(state, ledger) => createBead(state, ledger, {title: 'child', parent}, who),
			(state, ledger) => createBead(state, ledger, {title: 'child of new', parent: 'gx-zz1'}, who),
			(state, ledger) => createBead(state, ledger, {title: 'wisp', id: 'gx-zz2', ephemeral: true, deps: [{type: 'blocks', id: open[0]!}]}, who),
			state => addDependency(state, open[1]!, 'gx-zz1', 'blocks', who),
			state => addDependency(state, 'gx-zz1', open[1]!, 'blocks', who), // a cycle
			state => addDependency(state, open[2]!, open[3]!, 'blocks', who),
			state => addDependency(state, open[3]!, open[2]!, 'blocks', who), // a cycle through the files
			state => closeBead(state, open[1]!, {}, who), // blocked by gx-zz1
			state => closeBead(state, parent, {}, who), // open children, perhaps
			state => closeBead(state, 'gx-zz1', {reason: 'done'}, who),
			state => closeBead(state, open[1]!, {}, who),
			state => reopenBead(state, open[1]!, {reason: 'again'}, who),
			state => claimBead(state, open[4]!, who),
			(state, ledger) => updateBead(state, ledger, open[5]!, {title: 'renamed', addLabels: ['z'], status: 'in_progress', fields: {ephemeral: true}}, who),
			state => removeDependency(state, open[1]!, 'gx-zz1', who),
			state => deleteBead(state, open[0]!, {}, who), // gx-zz2 depends on it
			state => deleteBead(state, open[0]!, {force: true}, who),
			state => deleteBead(state, ids[ids.length - 1]!, {force: true}, who),
			state => deleteBead(state, 'gx-nope', {}, who),
			state => facts(state),
		];
		Object.assign(compaction, {minFileBytes: 0, shareOfFiles: 0, maxBytes: Infinity, maxAgeMs: Infinity});
		expect(await indexed.transact(state => state.lazy)).toBe(true);
		for (const [index, step] of steps.entries()) {
			// Both journal every write; the other copy has no read index, so it reads in full.
			Object.assign(compaction, {minFileBytes: 0, shareOfFiles: 0, maxBytes: Infinity, maxAgeMs: Infinity});
			const got = await outcome(indexed, step);
			expect(existsSync(indexPath(indexed.dir))).toBe(true);
			rmSync(indexPath(full.dir), {force: true});
			expect(got, `step ${index}`).toEqual(await outcome(full, step));
			expect((await indexed.read()).all(), `step ${index}`).toEqual((await full.read()).all());
		}
		expect(existsSync(path.join(indexed.dir, 'journal.jsonl'))).toBe(true);
		await indexed.compact();
		await full.compact();
		for (const file of ['issues.jsonl', 'wisps.jsonl']) expect(readFileSync(path.join(indexed.dir, file), 'utf8')).toBe(readFileSync(path.join(full.dir, file), 'utf8'));
	});

	it('fold the journal into the files when it is due, keeping every change', async () => {
		const [indexed] = await pair();
		Object.assign(compaction, {minFileBytes: 0, shareOfFiles: 0, maxBytes: 2000, maxAgeMs: Infinity});
		const issues = path.join(indexed.dir, 'issues.jsonl');
		const before = readFileSync(issues, 'utf8');
		let folded = false;
		for (let index = 0; index < 12 && !folded; index++) {
			await indexed.transact(state => createBead(state, indexed, {title: `bead ${index}`, id: `gx-new${index}`}, who));
			folded = !existsSync(path.join(indexed.dir, 'journal.jsonl'));
		}
		expect(folded).toBe(true);
		const after = readFileSync(issues, 'utf8');
		expect(after).not.toBe(before);
		expect(after).toContain('"id":"gx-new0"');
		expect((await indexed.read()).has('gx-new0')).toBe(true);
	});
});
