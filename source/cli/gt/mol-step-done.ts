// gt mol step done <step>: the agent closes the step it finished and hears which
// step comes next (or that the molecule is through and `gt done` finishes it).
import {currentAgent} from '../../core/agents/address.js';
import {actorFrom, ledgerHolding} from '../../core/beads/resolve.js';
import {notFound} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {completeStep} from '../../core/formulas/lifecycle.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const stepId = context.args[0]!;
	const ledger = ledgerHolding(townRoot, stepId);
	if (!ledger) throw notFound(`no ledger holds ${stepId}`, '`bd mol current` shows your molecule and its steps');
	// An agent closes its own steps; anyone else (a human at a terminal) closes as BD_ACTOR.
	let address: string | undefined;
	try {
		address = currentAgent(context.env).address;
	} catch {
		address = undefined;
	}
	const who = {actor: actorFrom(context.env, address), now: context.env.now()};
	const result = await ledger.transact(state => completeStep(state, stepId, who));
	if (flagBool(context, 'json')) {
		context.out.json(result);
		return;
	}
	const out = context.out;
	out.line(`${result.step_closed ? 'Closed' : 'Already closed:'} ${stepId} (molecule ${result.molecule_id})`);
	for (const id of result.auto_closed) out.line(`Closed ${id}: all its steps are closed`);
	if (result.action === 'done') out.line('Every step is closed. Finish with `gt done`.');
	else if (result.action === 'no_more_ready') out.line('No step is ready yet: the rest wait on gates or on other work (`bd mol current`).');
	else if (result.action === 'parallel') out.line(`Next, in any order: ${result.parallel_steps!.join(', ')}`);
	else out.line(`Next: ${result.next_step_id}  ${safeText(result.next_step_title ?? '')}`);
}
