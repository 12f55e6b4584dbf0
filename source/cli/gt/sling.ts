// gt sling <bead|formula...> <target>: hand work to agents (core/work/sling.ts and
// sling-formula.ts do it; this prints what happened).
import {actorFrom} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {varsFromFlag} from '../../core/formulas/parse.js';
import {connectSessions, sessionsIfRunning} from '../../core/sessions/over-daemon.js';
import {idleSessions} from '../../core/sessions/idle.js';
import {slingWords} from '../../core/work/sling-formula.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const words = [...context.args];
	if (words.length < 2) throw usageError('gt sling needs a bead and a target', 'gt sling <bead...> <rig|rig/name|mayor>');
	const target = words.pop()!;
	const dryRun = flagBool(context, 'dryRun');
	const who = {actor: actorFrom(context.env), now: context.env.now()};
	const {result, poured, wouldPour} = await slingWords(
		townRoot,
		context.env,
		{words, target, vars: varsFromFlag(context.flags.var), agent: flagString(context, 'agent'), crew: flagString(context, 'crew'), convoy: context.flags.convoy !== false, dryRun},
		// A dry run changes nothing, so it never starts the daemon just to ask who is running.
		async () => (dryRun ? ((await sessionsIfRunning(townRoot)) ?? idleSessions()) : connectSessions(townRoot)),
		who,
	);
	if (flagBool(context, 'json')) {
		context.out.json(result ?? {work: [], dryRun, pour: wouldPour});
		return;
	}
	for (const formula of wouldPour) context.out.line(`Would pour ${formula} and sling its root`);
	for (const done of poured) context.out.line(`Poured ${done.formula} as ${done.result.root.id} (${done.result.created - 1} steps)`);
	if (!result) return;
	const verb = result.dryRun ? 'Would sling' : 'Slung';
	for (const work of result.work) {
		const where = work.branch ? ` on ${work.branch}` : '';
		context.out.line(`${verb} ${work.bead} "${safeText(work.title)}" → ${work.agent} (${work.runtime})${where}${work.reused ? ', reusing an idle polecat' : ''}${work.queued ? ` — queued (cap ${work.queued.cap}, #${work.queued.position} in line)` : ''}`);
	}
	if (result.convoy) context.out.line(`Convoy ${result.convoy.id}: ${safeText(result.convoy.title)}`);
	if (!result.dryRun) context.out.line('Watch them with `gt agents`; `gt peek <agent>` shows a terminal.');
}
