// gt agents [--json]: every agent the daemon runs, its state and where that came from,
// its hooked bead and how long since it last printed anything.
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import type {SessionInfo} from '../../core/sessions/types.js';
import {withCurrentHooks} from '../../core/work/hook.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {agentRows} from '../shared/agent-table.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const found = await withRunningSessions(townRoot, async daemon => (daemon ? withCurrentHooks(townRoot, await daemon.sessions()) : undefined));
	const sessions: SessionInfo[] = found ?? [];
	if (flagBool(context, 'json')) {
		context.out.json(sessions);
		return 0;
	}
	if (!found) {
		context.out.line('No agents: the daemon is not running (`gt up` starts it).');
		return 0;
	}
	if (sessions.length === 0) {
		context.out.line('No agents running. Hand one work with: gt sling <bead> <rig>');
		return 0;
	}
	for (const line of agentRows(sessions, context.env.now().getTime(), context.out.isTerminal)) context.out.line(line);
	return 0;
}
