// gt formula run <formula> [--rig <rig>]: a convoy formula's legs go to polecats
// (one each) with a synthesis bead blocked on them; a workflow formula is poured
// and its root slung.
import {actorFrom} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot, rigOfPath} from '../../core/base/paths.js';
import {varsFromFlag} from '../../core/formulas/parse.js';
import {connectSessions, sessionsIfRunning} from '../../core/sessions/over-daemon.js';
import {idleSessions} from '../../core/sessions/idle.js';
import {runFormula} from '../../core/work/formula-run.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const rig = flagString(context, 'rig') ?? rigOfPath(townRoot, context.env.cwd);
	if (!rig) throw usageError('gt formula run needs a rig', 'run it inside a rig, or give --rig <rig> (gt rig list)');
	const dryRun = flagBool(context, 'dryRun');
	const who = {actor: actorFrom(context.env), now: context.env.now()};
	const result = await runFormula(
		townRoot,
		context.env,
		{formula: context.args[0]!, rig, vars: varsFromFlag(context.flags.var), agent: flagString(context, 'agent'), dryRun},
		async () => (dryRun ? ((await sessionsIfRunning(townRoot)) ?? idleSessions()) : connectSessions(townRoot)),
		who,
	);
	if (flagBool(context, 'json')) {
		context.out.json(result);
		return;
	}
	const out = context.out;
	if (result.type === 'convoy') {
		out.line(`${dryRun ? 'Would run' : 'Ran'} convoy formula ${result.formula} in ${rig}${result.convoy ? ` (convoy ${result.convoy})` : ''}:`);
		for (const leg of result.legs) {
			const work = result.sling?.work.find(item => item.bead === leg.bead);
			out.line(`  leg ${leg.leg}: ${leg.bead ? `${leg.bead} ` : ''}${safeText(leg.title)}${work ? ` → ${work.agent}${work.queued ? ' (queued)' : ''}` : ''}`);
		}
		if (result.synthesis) out.line(`  synthesis: ${safeText(result.synthesis)}${dryRun ? '' : ' (blocked until every leg closes; sling it then)'}`);
		return;
	}
	if (dryRun) out.line(`Would pour ${result.formula} and sling its root to ${rig}`);
	else out.line(`Poured ${result.formula} as ${result.root} and slung it to ${result.sling?.work[0]?.agent ?? rig}`);
}
