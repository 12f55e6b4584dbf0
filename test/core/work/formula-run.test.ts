import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {hqLedger} from '../../../source/core/beads/resolve.js';
import {readyBeads} from '../../../source/core/beads/queries.js';
import {closeBead} from '../../../source/core/beads/operations.js';
import {runFormula} from '../../../source/core/work/formula-run.js';
import {recordingSessions} from '../../helpers/sessions.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {rigLedgerOf} from '../refinery/helpers.js';

const who = {actor: 'overseer', now: new Date()};

const review = `formula = "triple-review"
type = "convoy"
description = "Three looks at {{target}}"
[inputs.target]
description = "What to review"
required = true
[prompts]
base = "You are the {{.leg.title}} reviewer of {{.target}}. Write your findings down."
[[legs]]
id = "correctness"
title = "Correctness"
focus = "logic errors"
description = "Read for bugs."
[[legs]]
id = "security"
title = "Security"
description = "Read for holes."
[synthesis]
title = "Synthesis for {{target}}"
description = "Merge the findings."
`;

function withFormula(town: TestTown): void {
	const dir = path.join(town.town, '.beads', 'formulas');
	mkdirSync(dir, {recursive: true});
	writeFileSync(path.join(dir, 'triple-review.formula.toml'), review);
}

describe('gt formula run', () => {
	it('a convoy formula: one bead per leg, each slung to its own polecat, a synthesis blocked on all of them, one convoy', {timeout: 60_000}, async () => {
		const town = await makeTown();
		withFormula(town);
		const {control, started} = recordingSessions();
		const result = await runFormula(town.town, town.env, {formula: 'triple-review', rig: 'calc', vars: {target: 'src/calc.js'}}, async () => control, who);
		expect(result.legs.map(leg => leg.leg)).toEqual(['correctness', 'security']);
		expect(started).toHaveLength(2);
		expect(new Set(started.map(spec => spec.address)).size).toBe(2);
		const state = await rigLedgerOf(town).read();
		const [first, second] = result.legs.map(leg => state.require(leg.bead));
		expect(first).toMatchObject({title: 'Correctness', status: 'hooked'});
		expect(first!.description).toContain('Focus: logic errors');
		expect(first!.description).toContain('You are the Correctness reviewer of src/calc.js.');
		expect(second!.status).toBe('hooked');
		const synthesis = state.require(result.synthesis!);
		expect(synthesis.title).toBe('Synthesis for {{target}}'.replace('{{target}}', 'src/calc.js'));
		expect(synthesis.dependencies!.filter(edge => edge.type === 'blocks').map(edge => edge.depends_on_id).sort()).toEqual([first!.id, second!.id].sort());
		expect(readyBeads(state, {}, new Date()).map(bead => bead.id)).not.toContain(synthesis.id);
		const convoy = (await hqLedger(town.town).read()).require(result.convoy!);
		expect(convoy.dependencies!.filter(edge => edge.type === 'tracks').map(edge => edge.depends_on_id)).toEqual([first!.id, second!.id, synthesis.id]);
		// Once every leg is closed, the synthesis is ready.
		const ledger = rigLedgerOf(town);
		await ledger.transact(next => {
			for (const id of [first!.id, second!.id]) closeBead(next, id, {force: true}, who);
		});
		expect(readyBeads(await ledger.read(), {}, new Date()).map(bead => bead.id)).toContain(synthesis.id);
	});

	it('refuses a missing input before creating anything, and undoes everything when a leg cannot start', {timeout: 60_000}, async () => {
		const town = await makeTown();
		withFormula(town);
		const before = (await rigLedgerOf(town).read()).all().length;
		await expect(runFormula(town.town, town.env, {formula: 'triple-review', rig: 'calc', vars: {}}, async () => recordingSessions().control, who)).rejects.toThrow('formula triple-review needs --var target=…');
		// The first leg starts, the second cannot: the sling and the run are undone.
		let starts = 0;
		const failing = recordingSessions({failStart: () => ++starts > 1});
		await expect(runFormula(town.town, town.env, {formula: 'triple-review', rig: 'calc', vars: {target: 'x'}}, async () => failing.control, who)).rejects.toThrow(/cannot start/);
		expect((await rigLedgerOf(town).read()).all().filter(bead => bead.issue_type !== 'agent')).toHaveLength(before);
		expect((await hqLedger(town.town).read()).all().filter(bead => bead.issue_type === 'convoy')).toEqual([]);
		const dry = await runFormula(town.town, town.env, {formula: 'triple-review', rig: 'calc', vars: {target: 'x'}, dryRun: true}, async () => recordingSessions().control, who);
		expect(dry).toMatchObject({dryRun: true, legs: [{leg: 'correctness'}, {leg: 'security'}], synthesis: 'Synthesis for x'});
	});

	it('a workflow formula is poured and its root slung; an expansion is refused', {timeout: 60_000}, async () => {
		const town = await makeTown();
		const {control, started} = recordingSessions();
		const result = await runFormula(town.town, town.env, {formula: 'polecat-work', rig: 'calc', vars: {issue: 'ca-1'}}, async () => control, who);
		expect(result.root).toMatch(/^ca-mol-/);
		expect(started).toHaveLength(1);
		const dir = path.join(town.town, '.beads', 'formulas');
		mkdirSync(dir, {recursive: true});
		writeFileSync(path.join(dir, 'twice.formula.toml'), 'formula = "twice"\ntype = "expansion"\n[[template]]\nid = "{target}.a"\ntitle = "A"\n');
		await expect(runFormula(town.town, town.env, {formula: 'twice', rig: 'calc', vars: {}}, async () => control, who)).rejects.toThrow('formula twice is an expansion: it is applied to other formulas, not run');
	});
});
