// gt agents [--json]: every agent the daemon runs, its state and where that came from,
// its hooked bead and how long since it last printed anything.
import {tryConnectDaemon} from '../../core/daemon/client.js';
import type {SessionInfo} from '../../core/daemon/protocol.js';
import {withCurrentHooks} from '../../core/work/hook.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {agentRows} from '../shared/agent-table.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const client = await tryConnectDaemon(townRoot);
	let sessions: SessionInfo[] = [];
	try {
		if (client) sessions = await withCurrentHooks(townRoot, (await client.request<{sessions: SessionInfo[]}>('status')).sessions);
	} finally {
		client?.close();
	}
	if (flagBool(context, 'json')) {
		context.out.json(sessions);
		return 0;
	}
	if (!client) {
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
