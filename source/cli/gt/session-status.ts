// gt session status <agent> [--json]: one agent's session as the original shows it: running or
// not, its state, pid, start time, last output, and what is on its hook.
import {parseAgentRef} from '../../core/agents/address.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {findHookedWork} from '../../core/work/hook.js';
import {formatAge} from '../shared/agent-table.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const agent = parseAgentRef(townRoot, context.args[0]!);
	const info = await withRunningSessions(townRoot, async daemon => (await daemon?.sessions())?.find(session => session.id === agent.sessionId));
	const hooked = await findHookedWork(townRoot, agent);
	const running = info !== undefined && info.state.state !== 'exited';
	if (flagBool(context, 'json')) {
		context.out.json({address: agent.address, running, state: info?.state.state ?? 'stopped', session: info ?? null, hooked: hooked?.bead.id ?? null});
		return 0;
	}
	context.out.line(`${agent.address}: ${running ? 'running' : 'not running'}`);
	if (info) {
		context.out.line(`  state    ${info.state.state} (${info.state.source})${info.state.detail ? `: ${safeText(info.state.detail)}` : ''}`);
		context.out.line(`  agent    ${safeText(info.agent)}, pid ${info.pid ?? '?'}, started ${info.startedAt}, ${info.restarts} restart(s)`);
		context.out.line(`  output   ${formatAge(info.lastOutputAt, context.env.now().getTime())} ago`);
	}
	context.out.line(`  hook     ${hooked ? `${hooked.bead.id} ${safeText(hooked.bead.title)}` : 'empty'}`);
	if (!running) context.out.line(`  start    ${agent.role === 'mayor' ? 'gt mayor start' : hooked ? 'gt up' : `gt sling <bead> ${agent.address}`}`);
	return 0;
}
