// gt agents [--all] [--json]: every agent the daemon runs, its state and where that came from,
// its hooked bead and how long since it last printed anything. --all (the original's -a) adds
// the agents that exist but are not running (a worktree, or the Mayor), each with how to start it.
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import type {SessionInfo} from '../../core/sessions/types.js';
import {currentHooks, withHooks} from '../../core/work/hook.js';
import {stoppedAgents, type StoppedAgent} from '../../core/work/stopped-agents.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import {agentRows, formatTable} from '../shared/agent-table.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const all = flagBool(context, 'all');
	const found = await withRunningSessions(townRoot, async daemon => (daemon ? daemon.sessions() : undefined));
	const hooks = await currentHooks(townRoot);
	const sessions: SessionInfo[] = withHooks(found ?? [], hooks);
	const stopped: StoppedAgent[] = all ? stoppedAgents(townRoot, new Set(sessions.map(info => info.address)), hooks) : [];
	if (flagBool(context, 'json')) {
		context.out.json([...sessions, ...stopped]);
		return 0;
	}
	if (!found && stopped.length === 0) {
		context.out.line('No agents: the daemon is not running (`gt up` starts it).');
		return 0;
	}
	if (sessions.length === 0 && stopped.length === 0) {
		context.out.line('No agents running. Hand one work with: gt sling <bead> <rig>');
		return 0;
	}
	if (!found) context.out.line('The daemon is not running (`gt up` starts it and every agent with hooked work).');
	if (sessions.length > 0) for (const line of agentRows(sessions, context.env.now().getTime(), context.out.isTerminal)) context.out.line(line);
	if (stopped.length > 0) {
		if (sessions.length > 0) context.out.line();
		const rows = [['ADDRESS', 'ROLE', 'STATE', 'BEAD', 'START WITH'], ...stopped.map(agent => [safeText(agent.address), agent.role, '■ stopped', safeText(agent.bead ?? '-'), safeText(agent.restart)])];
		for (const line of formatTable(rows)) context.out.line(line);
	}
	return 0;
}
