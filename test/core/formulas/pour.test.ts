import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {closeBead} from '../../../source/core/beads/operations.js';
import {readyBeads} from '../../../source/core/beads/queries.js';
import {cookResolved} from '../../../source/core/formulas/cook.js';
import {parseFormulaText} from '../../../source/core/formulas/parse.js';
import {pour} from '../../../source/core/formulas/pour.js';
import {tempDir} from '../../helpers/cli.js';

const who = {actor: 'alice', now: new Date('2026-03-01T10:00:00Z')};
let ledger: Ledger;

beforeEach(() => {
	ledger = Ledger.init(path.join(tempDir(), '.beads'), 'mp');
});

const cooked = (text: string, vars: Record<string, string> = {}) => cookResolved(parseFormulaText(text, 'f.formula.toml'), {mode: 'runtime', vars});

describe('pouring the resolved graph', () => {
	it('a step gate is a gate bead beside its step that blocks it, with await_type, await_id and timeout', async () => {
		const result = await pour(ledger, cooked(`formula = "rel"
[vars.version]
required = true
[[steps]]
id = "tag"
title = "Tag {{version}}"
[[steps]]
id = "ci"
title = "Await CI for {{version}}"
needs = ["tag"]
[steps.gate]
type = "gh:run"
id = "release.yml"
await_id = "run-{{version}}"
timeout = "30m"
[[steps]]
id = "publish"
title = "Publish"
needs = ["ci"]
`, {version: '1.2'}), {}, who);
		const root = result.root.id;
		expect(result.created).toBe(5);
		expect(result.steps).toEqual({tag: `${root}.1`, ci: `${root}.2`, publish: `${root}.3`, 'gate-ci': `${root}.4`});
		let state = await ledger.read();
		expect(state.require(`${root}.4`)).toMatchObject({issue_type: 'gate', title: 'Gate: gh:run run-1.2', await_type: 'gh:run', await_id: 'run-1.2', timeout: '30m'});
		expect(state.require(`${root}.2`).dependencies!.filter(edge => edge.type === 'blocks').map(edge => edge.depends_on_id).sort()).toEqual([`${root}.1`, `${root}.4`]);
		// Tagging does not make "await CI" ready: the gate still blocks it, and the gate is not work to pick up.
		await ledger.transact(next => closeBead(next, `${root}.1`, {}, who));
		state = await ledger.read();
		expect(readyBeads(state, {}, who.now).map(bead => bead.id)).toEqual([]);
		await ledger.transact(next => closeBead(next, `${root}.4`, {reason: 'CI green'}, who));
		expect(readyBeads(await ledger.read(), {}, who.now).map(bead => bead.id)).toEqual([`${root}.2`]);
	});

	it('waits_for is a waits-for edge (with its gate) to the spawner plus a gate label; any-children opens on the first child', async () => {
		const result = await pour(ledger, cooked(`formula = "fan"
[[steps]]
id = "spawn"
title = "Spawn"
[[steps.children]]
id = "a"
title = "A"
[[steps.children]]
id = "b"
title = "B"
[[steps]]
id = "collect"
title = "Collect"
waits_for = "any-children"
needs = ["spawn"]
[[steps]]
id = "all"
title = "All"
waits_for = "children-of(spawn)"
`), {}, who);
		const root = result.root.id;
		const state = await ledger.read();
		const collect = state.require(result.steps.collect!);
		expect(collect.labels).toEqual(['gate:any-children']);
		expect(collect.dependencies!.find(edge => edge.type === 'waits-for')).toMatchObject({depends_on_id: `${root}.1`, metadata: {gate: 'any-children'}});
		expect(state.require(result.steps.all!).dependencies!.find(edge => edge.type === 'waits-for')).toMatchObject({depends_on_id: `${root}.1`, metadata: {gate: 'all-children'}});
		expect(state.require(result.steps.spawn!).issue_type).toBe('epic');
		await ledger.transact(next => closeBead(next, result.steps.a!, {}, who));
		const ready = readyBeads(await ledger.read(), {}, who.now).map(bead => bead.id);
		expect(ready).toContain(result.steps.b);
		expect(ready).not.toContain(result.steps.all);
	});

	it('step metadata, labels and types reach the beads; a vapor formula poured durable warns', async () => {
		const result = await pour(ledger, cooked('formula = "meta"\nphase = "vapor"\n[[steps]]\nid = "a"\ntitle = "A"\ntype = "bug"\nlabels = ["x"]\npriority = 1\nmetadata = { owner = "ops", retries = 2 }\n'), {}, who);
		const step = (await ledger.read()).require(result.steps.a!);
		expect(step).toMatchObject({issue_type: 'bug', priority: 1, labels: ['x'], metadata: {owner: 'ops', retries: 2, source_formula: 'meta', step: 'a'}});
		expect(result.warnings).toEqual(['formula meta is meant to be a wisp (phase = "vapor"): next time consider bd mol wisp meta']);
		expect((await pour(ledger, cooked('formula = "meta"\nphase = "vapor"\n[[steps]]\nid = "a"\ntitle = "A"\n'), {ephemeral: true}, who)).warnings).toEqual([]);
	});

	it('pours a 1,026-step towers-of-hanoi-style chain of nested moves quickly', {timeout: 20_000}, async () => {
		const lines = ['formula = "hanoi"', '[[steps]]', 'id = "setup"', 'title = "Set up"'];
		for (let move = 1; move <= 1023; move++) lines.push('[[steps.children]]', `id = "move-${move}"`, `title = "Move ${move}"`, `needs = ["${move === 1 ? 'setup-check' : `move-${move - 1}`}"]`);
		lines.push('[[steps]]', 'id = "setup-check"', 'title = "Check"', '[[steps]]', 'id = "verify"', 'title = "Verify"', 'needs = ["setup"]');
		const started = Date.now();
		const result = await pour(ledger, cooked(lines.join('\n')), {}, who);
		expect(result.created).toBe(1027);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});
