import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {closeBead, createBead} from '../../../source/core/beads/operations.js';
import {readyBeads} from '../../../source/core/beads/queries.js';
import {cookResolved} from '../../../source/core/formulas/cook.js';
import {closeFinishedParents, completeStep, moleculeCurrent, moleculesOf, staleMolecules} from '../../../source/core/formulas/lifecycle.js';
import {parseFormulaText} from '../../../source/core/formulas/parse.js';
import {pour} from '../../../source/core/formulas/pour.js';
import {processQueue} from '../../../source/core/refinery/merge.js';
import {primeContext} from '../../../source/core/work/prime.js';
import {renderPrime} from '../../../source/core/work/prime-text.js';
import {pourForSling} from '../../../source/core/work/sling-formula.js';
import {tempDir} from '../../helpers/cli.js';
import {makeTown} from '../../helpers/town.js';
import {commitAndFinish, recordingControl, rigLedgerOf} from '../refinery/helpers.js';
import {polecatRef} from '../../../source/core/agents/address.js';
import {sling} from '../../../source/core/work/sling.js';

const who = {actor: 'alice', now: new Date('2026-03-01T10:00:00Z')};

const flow = `formula = "flow"
[[steps]]
id = "plan"
title = "Plan"
[[steps]]
id = "build"
title = "Build"
needs = ["plan"]
[[steps.children]]
id = "code"
title = "Code"
[[steps.children]]
id = "test"
title = "Test"
[[steps]]
id = "docs"
title = "Docs"
needs = ["plan"]
`;

async function poured() {
	const ledger = Ledger.init(path.join(tempDir(), '.beads'), 'mp');
	const result = await pour(ledger, cookResolved(parseFormulaText(flow, 'flow.formula.toml'), {mode: 'runtime'}), {assignee: 'alice'}, who);
	return {ledger, root: result.root.id, steps: result.steps};
}

describe('molecule life cycle', () => {
	it('gt mol step done closes a step and names the next (or the parallel ones); nested steps close their parent; the last step closes the root', async () => {
		const {ledger, root, steps} = await poured();
		const first = await ledger.transact(state => completeStep(state, steps.plan!, who));
		expect(first).toMatchObject({step_id: steps.plan, molecule_id: root, step_closed: true, action: 'parallel', parallel_steps: [steps.code, steps.test, steps.docs], complete: false});
		await ledger.transact(state => completeStep(state, steps.code!, who));
		const nested = await ledger.transact(state => completeStep(state, steps.test!, who));
		expect(nested.auto_closed).toEqual([steps.build]);
		expect(nested).toMatchObject({action: 'continue', next_step_id: steps.docs});
		const last = await ledger.transact(state => completeStep(state, steps.docs!, who));
		expect(last).toMatchObject({action: 'done', complete: true, auto_closed: [root]});
		expect((await ledger.read()).require(root)).toMatchObject({status: 'closed', close_reason: 'all steps closed'});
		await expect(ledger.transact(state => completeStep(state, root, who))).rejects.toThrow(`${root} is not a step of a molecule`);
	});

	it('a root on an agent\'s hook stays for gt done; bd mol stale lists it', async () => {
		const {ledger, root, steps} = await poured();
		await ledger.transact(state => {
			state.put({...state.require(root), status: 'hooked'});
			for (const id of [steps.plan!, steps.code!, steps.test!, steps.docs!]) closeBead(state, id, {force: true}, who);
			closeFinishedParents(state, [steps.plan!, steps.code!, steps.test!, steps.docs!], who);
		});
		const state = await ledger.read();
		expect(state.require(steps.build!).status).toBe('closed');
		expect(state.require(root).status).toBe('hooked');
		expect(staleMolecules(state)).toEqual([{id: root, title: 'flow', total_children: 5, closed_children: 5, assignee: 'alice', blocking_count: 0}]);
	});

	it('bd mol current: the step in progress, else the first ready one, the next, and each step\'s state', async () => {
		const {ledger, root, steps} = await poured();
		let state = await ledger.read();
		expect(moleculesOf(state, 'alice').map(bead => bead.id)).toEqual([root]);
		let current = moleculeCurrent(state, state.require(root));
		expect(current).toMatchObject({molecule_id: root, assignee: 'alice', current_step: {id: steps.plan}, completed: 0, total: 5});
		expect(current.steps.map(step => step.status)).toEqual(['ready', 'blocked', 'blocked', 'blocked', 'blocked']);
		await ledger.transact(next => {
			closeBead(next, steps.plan!, {}, who);
			next.put({...next.require(steps.docs!), status: 'in_progress'});
		});
		state = await ledger.read();
		current = moleculeCurrent(state, state.require(root));
		expect(current).toMatchObject({current_step: {id: steps.docs, status: 'in_progress'}, next_step: {id: steps.code}, completed: 1});
		expect(current.steps.find(step => step.issue.id === steps.docs)).toMatchObject({status: 'current', is_current: true});
	});

	it('a formula-slung polecat: prime shows the current step; gt done closes the steps it left; the merge closes the root and the issue', {timeout: 60_000}, async () => {
		const town = await makeTown();
		const rig = rigLedgerOf(town);
		const issue = await rig.transact(state => createBead(state, rig, {title: 'Add mul'}, who));
		const slung = await pourForSling(town.town, town.env, 'polecat-work', 'calc', {issue: issue.id}, who);
		const root = slung.result.root.id;
		const {control} = recordingControl();
		const result = await sling(town.town, {beads: [root], target: 'calc', convoy: false}, control, who, town.env);
		const ref = polecatRef(town.town, 'calc', result.work[0]!.agent.split('/').pop()!);

		const prime = await primeContext(town.town, ref);
		expect(prime.currentStep).toMatchObject({id: `${root}.1`, title: `Understand ${issue.id}`});
		expect(renderPrime(prime, town.town)).toContain(`gt mol step done ${root}.1`);
		await rig.transact(state => completeStep(state, `${root}.1`, {actor: ref.address, now: new Date()}));
		expect((await primeContext(town.town, ref)).currentStep?.id).toBe(`${root}.2`);

		const done = await commitAndFinish(town, ref, {'src/mul.js': 'export const mul = (a, b) => a * b;\n'}, 'Add mul');
		expect(done.closedSteps!.length).toBeGreaterThan(1);
		let state = await rig.read();
		const steps = state.childrenOf(root);
		expect(steps.every(step => step.status === 'closed')).toBe(true);
		expect(readyBeads(state, {}, new Date()).map(bead => bead.id).filter(id => id.startsWith(root))).toEqual([]);
		expect(state.require(root).status).toBe('in_progress');
		expect(state.require(issue.id).status).toBe('open');

		const outcomes = await processQueue(town.town, town.rig, {env: town.env});
		expect(outcomes.map(outcome => outcome.state)).toEqual(['merged']);
		state = await rig.read();
		expect(state.require(root).status).toBe('closed');
		expect(state.require(issue.id)).toMatchObject({status: 'closed'});
		expect(state.require(issue.id).close_reason).toMatch(/^merged [0-9a-f]{8} \(molecule /);
	});
});
