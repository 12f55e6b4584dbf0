import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {closeBead, createBead} from '../../../source/core/beads/operations.js';
import {readyBeads} from '../../../source/core/beads/queries.js';
import type {Cooked} from '../../../source/core/formulas/cook.js';
import {burnMolecule, listMolecules, moleculeProgress, squashMolecule} from '../../../source/core/formulas/molecule.js';
import {parseFormulaText} from '../../../source/core/formulas/parse.js';
import {cookResolved} from '../../../source/core/formulas/cook.js';
import {pour} from '../../../source/core/formulas/pour.js';
import {tempDir} from '../../helpers/cli.js';

const who = {actor: 'alice', now: new Date('2026-03-01T10:00:00Z')};
let ledger: Ledger;

beforeEach(() => {
	ledger = Ledger.init(path.join(tempDir(), '.beads'), 'mp');
});

const tdd: Cooked = cookResolved(parseFormulaText(`
formula = "tdd"
description = "Cycle for {{what}}"
[vars.what]
required = true
[[steps]]
id = "red"
title = "Red {{what}}"
[[steps.children]]
id = "write"
title = "Write test"
[[steps.children]]
id = "fail"
title = "See it fail"
needs = ["write"]
[[steps]]
id = "green"
title = "Green"
needs = ["red"]
[[steps]]
id = "refactor"
title = "Refactor"
type = "chore"
needs = ["green"]
`, 'tdd.formula.toml'), {mode: 'runtime', vars: {what: 'sum'}});

const close = (id: string) => ledger.transact(state => closeBead(state, id, {}, who));

describe('pour, progress, squash, burn', () => {
	it('pours a root and nested step beads with blocks edges, and progress follows closing', async () => {
		const result = await pour(ledger, tdd, {}, who);
		const root = result.root.id;
		expect(root).toMatch(/^mp-mol-/);
		expect(result.steps).toEqual({red: `${root}.1`, write: `${root}.1.1`, fail: `${root}.1.2`, green: `${root}.2`, refactor: `${root}.3`});
		let state = await ledger.read();
		expect(state.require(root)).toMatchObject({issue_type: 'molecule', title: 'tdd: Cycle for sum', source_formula: 'tdd', metadata: {source_formula: 'tdd', vars: {what: 'sum'}}});
		expect(state.require(`${root}.1`)).toMatchObject({issue_type: 'epic', title: 'Red sum'});
		expect(state.require(`${root}.3`)).toMatchObject({issue_type: 'chore'});
		expect(state.require(`${root}.2`).dependencies?.map(dependency => [dependency.type, dependency.depends_on_id])).toEqual([['parent-child', root], ['blocks', `${root}.1`]]);
		let progress = moleculeProgress(state, state.require(root));
		expect(progress).toMatchObject({total: 5, done: 0, current: [`${root}.1.1`], next: [`${root}.1.2`]});
		expect(readyBeads(state, {}, who.now).map(bead => bead.id).sort()).toEqual([`${root}.1`, `${root}.1.1`]);

		for (const id of ['1.1', '1.2', '1']) await close(`${root}.${id}`);
		state = await ledger.read();
		progress = moleculeProgress(state, state.require(root));
		expect(progress).toMatchObject({done: 3, percent: 60, current: [`${root}.2`], next: [`${root}.3`]});
		expect(listMolecules(state)).toHaveLength(1);
	});

	it('squash refuses unfinished steps; a durable molecule keeps its root, closed, with the digest as a child', async () => {
		const {root} = await pour(ledger, tdd, {}, who);
		await expect(ledger.transact(state => squashMolecule(state, ledger, root.id, {}, who))).rejects.toThrow(`${root.id} has 5 unfinished steps`);
		for (const id of ['1.1', '1.2', '1', '2', '3']) await close(`${root.id}.${id}`);
		const result = await ledger.transact(state => squashMolecule(state, ledger, root.id, {}, who));
		expect(result).toMatchObject({root: 'closed', digest: {id: `${root.id}.4`, status: 'closed', issue_type: 'task', title: `Digest: ${root.title}`, close_reason: 'Squashed from 5 steps'}});
		expect(result.digest.description).toContain('- [x] Red sum');
		const state = await ledger.read();
		expect(state.all().map(bead => bead.id).sort()).toEqual([root.id, `${root.id}.4`]);
		expect(state.require(root.id).status).toBe('closed');
		expect(listMolecules(state)).toHaveLength(0);
		expect(listMolecules(state, {all: true})).toHaveLength(1);
	});

	it('squashing a wisp leaves only a durable digest', async () => {
		const {root} = await pour(ledger, tdd, {ephemeral: true}, who);
		expect(root.id).toMatch(/^mp-wisp-/);
		for (const id of ['1.1', '1.2', '1', '2', '3']) await close(`${root.id}.${id}`);
		const result = await ledger.transact(state => squashMolecule(state, ledger, root.id, {summary: 'All good'}, who));
		const state = await ledger.read();
		expect(state.all()).toEqual([expect.objectContaining({id: result.digest.id, description: 'All good', status: 'closed'})]);
		expect(state.require(result.digest.id).ephemeral).toBeUndefined();
	});

	it('burn deletes root and steps and the edges pointing at them; in-progress steps need force', async () => {
		const {root} = await pour(ledger, tdd, {}, who);
		const other = await ledger.transact(state => createBead(state, ledger, {title: 'After the cycle', deps: [{type: 'blocks', id: `${root.id}.3`}]}, who));
		await ledger.transact(state => {
			state.put({...state.require(`${root.id}.1.1`), status: 'in_progress'});
		});
		await expect(ledger.transact(state => burnMolecule(state, root.id, {}, who))).rejects.toThrow('in progress');
		const result = await ledger.transact(state => burnMolecule(state, root.id, {force: true}, who));
		expect(result.removed).toHaveLength(6);
		const state = await ledger.read();
		expect(state.all().map(bead => bead.id)).toEqual([other.id]);
		expect(state.require(other.id).dependencies).toBeUndefined();
	});

	// Big enough that a quadratic pour would run into the test's timeout.
	it('pours 3,000 chained steps', {timeout: 15_000}, async () => {
		const lines = ['formula = "big"'];
		for (let index = 0; index < 3000; index++) lines.push(`[[steps]]\nid = "s${index}"\ntitle = "Step ${index}"\nneeds = ${JSON.stringify(index === 0 ? [] : [`s${index - 1}`])}`);
		const result = await pour(ledger, cookResolved(parseFormulaText(lines.join('\n'), 'big.formula.toml'), {mode: 'runtime'}), {}, who);
		expect(result.created).toBe(3001);
	});
});
