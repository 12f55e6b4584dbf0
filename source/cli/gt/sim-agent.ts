// gt sim-agent [--role R] [--speed MS] [--stall] [--session-id ID | --resume ID] [--settings FILE] ["<first prompt>"]
// The simulated agent runtime (preset `sim`): the daemon runs it in a pseudo-terminal
// like any agent. Flags win over the environment (GT_ROLE, GT_SIM_SPEED, GT_SIM_STALL, GT_SIM_ASK).
import {usageError} from '../../core/base/errors.js';
import {defaultSpeedMs, parseAskEvery, runSim} from '../../sim/sim-agent.js';
import {flagBool, flagNumber, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const {vars} = context.env;
	const speed = flagNumber(context, 'speed') ?? (vars.GT_SIM_SPEED ? Number(vars.GT_SIM_SPEED) : defaultSpeedMs);
	if (!Number.isFinite(speed) || speed < 0) throw usageError(`speed must be a number of milliseconds (got "${flagString(context, 'speed') ?? vars.GT_SIM_SPEED}")`, 'use --speed 20 for tests, 400 for a demo');
	const sessionId = flagString(context, 'sessionId');
	const resume = flagString(context, 'resume');
	if (sessionId && resume) throw usageError('--session-id and --resume do not go together', 'pass --resume <id> to continue a conversation');
	const code = await runSim({
		role: flagString(context, 'role') ?? (vars.GT_ROLE || undefined),
		speedMs: speed,
		stall: flagBool(context, 'stall') || vars.GT_SIM_STALL === '1',
		askEvery: parseAskEvery(vars.GT_SIM_ASK),
		sessionId,
		resume,
		settingsFile: flagString(context, 'settings'),
		firstPrompt: context.args.length > 0 ? context.args.join(' ') : undefined,
		cwd: context.env.cwd,
		env: vars,
		stdin: process.stdin,
		stdout: process.stdout,
	});
	// Hook or signal processes still running must not keep a finished agent on screen.
	setTimeout(() => process.exit(code), 1000).unref();
	return code;
}
