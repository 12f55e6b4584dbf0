import {currentAgent} from '../../core/agents/address.js';
import {actorFrom} from '../../core/beads/resolve.js';
import {connectDaemon} from '../../core/daemon/client.js';
import {usageError} from '../../core/base/errors.js';
import {findHookedWork} from '../../core/work/hook.js';
import {updateBead} from '../../core/beads/operations.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagString, type CommandContext} from '../spec.js';

/**
 * A fresh session on the same hook: the note goes on the bead (so it survives), and
 * the daemon restarts the agent with a new conversation. The restart kills this very
 * process when run by the agent, so the daemon does it in one request.
 */
export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const agent = currentAgent(context.env, flagString(context, 'agent'));
	const note = context.args.join(' ').trim();
	const hooked = await findHookedWork(townRoot, agent);
	if (!hooked) throw usageError(`nothing is on ${agent.address}'s hook to hand off`, 'gt hook shows it');
	const who = {actor: actorFrom(context.env, agent.address), now: context.env.now()};
	if (note) await hooked.ledger.transact(state => updateBead(state, hooked.ledger, hooked.bead.id, {appendNotes: `Handoff from ${agent.address} (${who.now.toISOString()}): ${note}`}, who));
	const prompt = `You are taking over ${hooked.bead.id} "${hooked.bead.title}" from a previous session of ${agent.address}.` +
		`${note ? ` Its handoff note: ${note}` : ''} Run \`gt prime\` for your full context, continue the work, and finish with \`gt done\`.`;
	const client = await connectDaemon(townRoot, {start: true});
	try {
		context.out.line(`Handing off ${hooked.bead.id} to a fresh session of ${agent.address}.`);
		await client.request('session.restart', {id: agent.sessionId, fresh: true, prompt});
	} finally {
		client.close();
	}
}
