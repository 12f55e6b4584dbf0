// gt hook rollback <agent> <checkpoint>: make the agent's worktree exactly what it was at
// a checkpoint. The present is checkpointed first, so a rollback can itself be rolled
// back. Refused while the agent is working: pause it first.
import {requireTownRoot} from '../../core/base/paths.js';
import {checkpointHistory, findCheckpoint, rollbackWorktree} from '../../core/work/checkpoints.js';
import {flagBool, type CommandContext} from '../spec.js';
import {agentForCheckpoints, checkpointJson} from './hook-history.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const {agent, session} = await agentForCheckpoints(townRoot, context.args[0]!);
	const target = findCheckpoint(await checkpointHistory(agent, context.env.vars), context.args[1]!);
	const result = await rollbackWorktree(agent, context.env.vars, target, {agentState: session?.state.state ?? 'no session', ...(session?.bead ? {bead: session.bead} : {}), now: context.env.now()});
	if (flagBool(context, 'json')) {
		context.out.json({restored: checkpointJson(result.restored), saved: checkpointJson(result.saved), written: result.written, removed: result.removed, head_moved: result.headMoved});
		return 0;
	}
	context.out.line(`Rolled ${agent.address} back to ${target.commit.slice(0, 8)} (${target.at}): ${result.written} files as they were, ${result.removed} removed.`);
	if (result.headMoved) context.out.line('Its branch has commits since that checkpoint; they are kept (only the files changed).');
	context.out.line(`Undo with: gt hook rollback ${agent.address} ${result.saved.commit.slice(0, 8)}`);
	return 0;
}
