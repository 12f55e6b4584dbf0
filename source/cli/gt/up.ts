import {connectSessions} from '../../core/sessions/over-daemon.js';
import {startOrphanedHooks} from '../../core/work/hook-repair.js';
import {startMayor} from '../../core/work/mayor.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {exitCodes, isGtError} from '../../core/base/errors.js';
import {flagString, type CommandContext} from '../spec.js';

/** Starts the daemon (which respawns every agent with hooked work) and the Mayor. */
export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const control = await connectSessions(townRoot);
	try {
		// A Mayor that cannot start (claude refusing root, say) must not keep the hooked work down.
		const mayor = await startMayor(townRoot, control, {agent: flagString(context, 'agent')}).catch((error: unknown) => {
			if (!isGtError(error)) throw error;
			return error;
		});
		// Hooked work the daemon had no record of (e.g. it was killed before writing one).
		const orphans = await startOrphanedHooks(townRoot, context.env, control);
		const sessions = await control.sessions();
		context.out.line(isGtError(mayor) ? 'Daemon up. The Mayor did not start (below).' : `Daemon up. Mayor ${mayor.started ? (mayor.resumed ? 'started, resuming its last conversation' : 'started') : 'already running'} (${mayor.info.agent}).`);
		for (const fix of orphans.fixes) context.out.line(`Brought back: ${fix.detail}`);
		for (const warning of orphans.warnings) context.out.note(`gt: ${warning.detail}`);
		const workers = sessions.filter(info => info.id !== 'mayor' && info.state.state !== 'exited' && info.state.state !== 'paused');
		const paused = sessions.filter(info => info.id !== 'mayor' && info.state.state === 'paused');
		const named = (list: typeof sessions) => list.map(info => `${info.address}${info.bead ? ` (${info.bead})` : ''}`).join(', ');
		if (workers.length > 0) context.out.line(`Running with hooked work: ${named(workers)}`);
		if (paused.length > 0) context.out.line(`Paused (\`gt resume <agent>\` continues): ${named(paused)}`);
		// Agents the daemon could not bring back for a reason a restart cannot change (claude as root).
		for (const info of sessions) if (info.id !== 'mayor' && info.state.failure === 'root-refusal') context.out.note(`gt: ${info.address} did not start: ${info.state.reason}`);
		if (isGtError(mayor)) {
			context.out.note(`gt: ${mayor.message}${mayor.hint ? ` — ${mayor.hint}` : ''}`);
			return exitCodes[mayor.kind];
		}
		return 0;
	} finally {
		control.close();
	}
}
