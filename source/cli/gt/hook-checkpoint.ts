// gt hook checkpoint <agent>: record the agent's worktree now (uncommitted and untracked
// files too, ignored ones not), under refs/gastown/checkpoints/<agent>; its branch and
// index are not touched.
import {requireTownRoot} from '../../core/base/paths.js';
import {takeCheckpoint} from '../../core/work/checkpoints.js';
import {flagBool, type CommandContext} from '../spec.js';
import {agentForCheckpoints, checkpointJson} from './hook-history.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const {agent, session} = await agentForCheckpoints(townRoot, context.args[0]!);
	const {checkpoint, created} = await takeCheckpoint(agent, context.env.vars, {reason: 'by hand', state: session?.state.state ?? 'no session', ...(session?.bead ? {bead: session.bead} : {}), now: context.env.now()});
	if (flagBool(context, 'json')) context.out.json({...checkpointJson(checkpoint), created});
	else if (created) context.out.line(`Checkpoint ${checkpoint.commit.slice(0, 8)} of ${agent.address}: ${checkpoint.files} file${checkpoint.files === 1 ? '' : 's'} changed since the last one.`);
	else context.out.line(`Nothing changed since checkpoint ${checkpoint.commit.slice(0, 8)} of ${agent.address} (${checkpoint.at}).`);
	return 0;
}
