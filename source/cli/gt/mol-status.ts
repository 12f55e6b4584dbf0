// gt mol status | gt mol current (the original's): what is on your hook, and for a molecule
// its steps with the current one marked and how to close it. `current` prints only the step
// to work on now (or the hooked bead when it is not a molecule).
import {currentAgent} from '../../core/agents/address.js';
import {BlockedIndex} from '../../core/beads/queries.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import {moleculeCurrent, moleculeOf, moleculesOf, type MoleculeCurrent} from '../../core/formulas/lifecycle.js';
import {findHookedWork} from '../../core/work/hook.js';
import {printCurrent} from '../bd/mol-current.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const agent = currentAgent(context.env, context.args[0] ?? flagString(context, 'agent'));
	const onlyCurrent = context.spec.path[1] === 'current';
	const hooked = await findHookedWork(townRoot, agent);
	let molecule: MoleculeCurrent | undefined;
	if (hooked) {
		const state = await hooked.ledger.read();
		const root = moleculeOf(state, hooked.bead.id) ?? moleculesOf(state, agent.address)[0];
		if (root) molecule = moleculeCurrent(state, root, new BlockedIndex(state));
	}
	const bead = hooked ? {id: hooked.bead.id, title: hooked.bead.title, status: hooked.bead.status} : null;
	if (flagBool(context, 'json')) {
		context.out.json(onlyCurrent ? {agent: agent.address, hooked: bead, current_step: molecule?.current_step ?? null, next_step: molecule?.next_step ?? null} : {agent: agent.address, hooked: bead, molecule: molecule ?? null});
		return 0;
	}
	const out = context.out;
	if (!hooked) {
		out.line(`Nothing on ${agent.address}'s hook. Take work with gt hook <bead>, or wait to be slung some.`);
		return 0;
	}
	if (onlyCurrent) {
		const step = molecule?.current_step;
		if (step) out.line(`Current step: ${step.id}  ${safeText(step.title)}  — when done: gt mol step done ${step.id}`);
		else if (molecule) out.line(`No step is ready in ${molecule.molecule_id} (${molecule.completed}/${molecule.total} done)${molecule.completed === molecule.total ? ': finish with gt done' : ''}.`);
		else out.line(`Current: ${hooked.bead.id}  ${safeText(hooked.bead.title)} (no molecule) — finish with gt done`);
		return 0;
	}
	out.line(`Hook: ${hooked.bead.id}  ${safeText(hooked.bead.title)}  [${hooked.bead.status}]  (${agent.address})`);
	if (molecule) printCurrent(context, molecule);
	else out.line('No molecule: work the bead itself, then gt done.');
	return 0;
}
