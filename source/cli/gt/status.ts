// gt status [--json]: the daemon, the rigs, and every agent with its state and work.
import {readTownConfig} from '../../core/town/town-config.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {withCurrentHooks} from '../../core/work/hook.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {readDeaconHeartbeat} from '../../core/patrols/deacon.js';
import {listRigs} from '../../core/town/rig-config.js';
import {agentRows, formatAge} from '../shared/agent-table.js';
import {flagBool, type CommandContext} from '../spec.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const config = readTownConfig(townRoot);
	const rigs = listRigs(townRoot);
	const daemon = await withRunningSessions(townRoot, async sessions => sessions?.status());
	const now = context.env.now().getTime();
	const sessions = daemon ? await withCurrentHooks(townRoot, daemon.sessions) : [];
	const name = typeof config.name === 'string' ? config.name : '';

	if (flagBool(context, 'json')) {
		context.out.json({
			town: {name, root: townRoot},
			daemon: daemon
				? {running: true, pid: daemon.pid, started_at: daemon.startedAt, uptime_seconds: Math.max(0, Math.round((now - Date.parse(daemon.startedAt)) / 1000))}
				: {running: false},
			deacon: daemon ? (readDeaconHeartbeat(townRoot) ?? null) : null,
			rigs: rigs.map(rig => ({name: rig.name, prefix: rig.prefix, polecats: rig.polecats, crew: rig.crew})),
			agents: sessions.map(info => ({
				address: info.address,
				session: info.id,
				role: info.role,
				rig: info.rig ?? null,
				agent: info.agent,
				state: info.state.state,
				state_source: info.state.source,
				state_detail: info.state.detail ?? null,
				state_since: info.state.since,
				bead: info.bead ?? null,
				pid: info.pid ?? null,
				exit_code: info.exitCode ?? null,
				last_output_at: info.lastOutputAt ?? null,
				restarts: info.restarts,
				patrol: info.patrol ?? null,
			})),
		});
		return 0;
	}

	context.out.line(`Town    ${name} (${townRoot})`);
	context.out.line(daemon ? `Daemon  running, pid ${daemon.pid}, up ${formatAge(daemon.startedAt, now)}` : 'Daemon  not running (`gt up` starts it)');
	context.out.line(
		`Rigs    ${rigs.length === 0 ? 'none (gt rig add <name> <url>)' : rigs.map(rig => `${rig.name} (${plural(rig.polecats.length, 'polecat')}, ${rig.crew.length} crew)`).join(', ')}`,
	);
	if (!daemon) return 0;
	const heartbeat = readDeaconHeartbeat(townRoot);
	if (heartbeat) {
		const extras = [heartbeat.queued > 0 ? `${heartbeat.queued} queued (cap ${heartbeat.max_polecats})` : '', heartbeat.stalled > 0 ? `${heartbeat.stalled} stalled` : '', heartbeat.escalated > 0 ? `${heartbeat.escalated} escalated` : ''].filter(Boolean);
		context.out.line(`Deacon  heartbeat ${formatAge(heartbeat.at, now)} ago${extras.length > 0 ? `, ${extras.join(', ')}` : ''}`);
	}
	if (sessions.length === 0) {
		context.out.line('Agents  none running');
		return 0;
	}
	const waiting = sessions.filter(info => info.state.state === 'waiting').length;
	context.out.line(`Agents  ${sessions.length}${waiting > 0 ? `, ${waiting} waiting for you` : ''}`);
	for (const line of agentRows(sessions, now, context.out.isTerminal)) context.out.line(`  ${line}`);
	return 0;
}
