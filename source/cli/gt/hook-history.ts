// gt hook history <agent> [--json]: the agent's checkpoints, newest first: number, hash,
// time, why, files changed, the agent's state then.
import {findAgent} from '../../core/sessions/agent-lookup.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import type {SessionInfo} from '../../core/sessions/types.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {checkpointHistory, hookedAgent, type Checkpoint, type HookedAgent} from '../../core/work/checkpoints.js';
import {formatAge, formatTable} from '../shared/agent-table.js';
import {flagBool, type CommandContext} from '../spec.js';

/** The agent by any name `gt agents` knows (or its full address when no daemon runs), with its session. */
export async function agentForCheckpoints(townRoot: string, ref: string): Promise<{agent: HookedAgent; session?: SessionInfo}> {
	const session = await withRunningSessions(townRoot, async daemon => {
		if (!daemon) return undefined;
		const sessions = await daemon.sessions();
		try {
			return findAgent(sessions, ref);
		} catch (error) {
			if (ref.split('/').length === 3) return undefined;
			throw error;
		}
	});
	return {agent: hookedAgent(townRoot, session?.address ?? ref), ...(session ? {session} : {})};
}

export const checkpointJson = (checkpoint: Checkpoint, index?: number) => ({
	...(index === undefined ? {} : {number: index + 1}),
	commit: checkpoint.commit, at: checkpoint.at, reason: checkpoint.reason, state: checkpoint.state, bead: checkpoint.bead ?? null, head: checkpoint.head, files: checkpoint.files,
});

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const {agent} = await agentForCheckpoints(townRoot, context.args[0]!);
	const history = await checkpointHistory(agent, context.env.vars);
	if (flagBool(context, 'json')) {
		context.out.json(history.map((checkpoint, index) => checkpointJson(checkpoint, index)));
		return 0;
	}
	if (history.length === 0) {
		context.out.line(`No checkpoints of ${agent.address} yet: the daemon takes one at each turn end; \`gt hook checkpoint ${agent.address}\` takes one now.`);
		return 0;
	}
	const now = context.env.now().getTime();
	const rows = [['#', 'CHECKPOINT', 'AGE', 'FILES', 'STATE', 'BEAD', 'WHY'], ...history.map((checkpoint, index) => [String(index + 1), checkpoint.commit.slice(0, 8), formatAge(checkpoint.at, now), String(checkpoint.files), checkpoint.state, checkpoint.bead ?? '-', checkpoint.reason])];
	for (const line of formatTable(rows)) context.out.line(line);
	context.out.line(`\nRoll back with: gt hook rollback ${agent.address} <#|checkpoint>`);
	return 0;
}
