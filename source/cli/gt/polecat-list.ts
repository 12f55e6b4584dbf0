// gt polecat list [rig] [--all] [--json]: a rig's polecats (every rig's with no rig or --all),
// in the original's JSON shape: rig, name, state, issue, session_running, session_name.
import {polecatRef} from '../../core/agents/address.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {isLive} from '../../core/sessions/port.js';
import {polecatNames} from '../../core/town/polecats.js';
import {requireRig, rigNames} from '../../core/town/rig-config.js';
import {currentHooks} from '../../core/work/hook.js';
import {formatTable} from '../shared/agent-table.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const only = context.args[0];
	if (only) requireRig(townRoot, only);
	const rigs = only && !flagBool(context, 'all') ? [only] : rigNames(townRoot);
	const sessions = await withRunningSessions(townRoot, async daemon => (daemon ? daemon.sessions() : []));
	const hooks = await currentHooks(townRoot);
	const polecats = rigs.flatMap(rig => polecatNames(townRoot, rig).map(name => {
		const agent = polecatRef(townRoot, rig, name);
		const info = sessions.find(session => session.id === agent.sessionId);
		const issue = hooks.get(agent.address)?.id;
		const running = isLive(info);
		return {rig, name, address: agent.address, state: running ? info!.state.state : issue ? 'stopped' : 'idle', ...(issue ? {issue} : {}), session_running: running, session_name: agent.sessionId};
	}));
	if (flagBool(context, 'json')) {
		context.out.json(polecats);
		return 0;
	}
	if (polecats.length === 0) {
		context.out.line(`No polecats${only ? ` in ${only}` : ''}. gt sling <bead> <rig> starts one.`);
		return 0;
	}
	const rows = [['POLECAT', 'STATE', 'SESSION', 'ISSUE'], ...polecats.map(polecat => [safeText(`${polecat.rig}/${polecat.name}`), polecat.state, polecat.session_running ? 'running' : 'stopped', safeText(polecat.issue ?? '-')])];
	for (const line of formatTable(rows)) context.out.line(line);
	return 0;
}
