import {actorFrom} from '../../core/beads/resolve.js';
import {isDaemonRunning} from '../../core/daemon/client.js';
import {daemonSessionControl} from '../../core/sessions/over-daemon.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {sling, type SlingResult} from '../../core/work/sling.js';
import {cook} from '../../core/formulas/cook.js';
import {varsFromFlag} from '../../core/formulas/parse.js';
import {namesFormula, pourForSling, unpour, type PouredForSling} from '../../core/work/sling-formula.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

const idleControl = {
	sessions: async () => [],
	start: async () => {
		throw new Error('a dry run starts nothing');
	},
	stop: async () => undefined,
	nudge: async () => 'queued' as const,
	close: () => undefined,
};

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const words = [...context.args];
	if (words.length < 2) throw usageError('gt sling needs a bead and a target', 'gt sling <bead...> <rig|rig/name|mayor>');
	const target = words.pop()!;
	// A dry run changes nothing, so it does not start the daemon just to ask who is running.
	const dryRun = flagBool(context, 'dryRun');
	const control = dryRun && !(await isDaemonRunning(townRoot)) ? idleControl : await daemonSessionControl(townRoot);
	// Formula names among the words are poured into the target's ledger; their roots are slung.
	const who = {actor: actorFrom(context.env), now: context.env.now()};
	const vars = varsFromFlag(context.flags.var);
	const poured: PouredForSling[] = [];
	const beads: string[] = [];
	let result: SlingResult;
	try {
		for (const word of words) {
			if (!(await namesFormula(townRoot, context.env, word))) beads.push(word);
			else if (dryRun) context.out.line(`Would pour ${cook(context.env, word, vars).formula} and sling its root`);
			else {
				const done = await pourForSling(townRoot, context.env, word, target, vars, who);
				poured.push(done);
				beads.push(done.result.root.id);
			}
		}
		if (dryRun && beads.length === 0) return;
		result = await sling(townRoot, {
			beads,
			target,
			agent: flagString(context, 'agent'),
			crew: flagString(context, 'crew'),
			convoy: context.flags.convoy !== false,
			dryRun,
		}, control, who, context.env);
	} catch (error) {
		for (const done of poured) await unpour(done, who).catch(() => undefined);
		throw error;
	} finally {
		control.close();
	}
	if (flagBool(context, 'json')) {
		context.out.json(result);
		return;
	}
	for (const done of poured) context.out.line(`Poured ${done.formula} as ${done.result.root.id} (${done.result.created - 1} steps)`);
	const verb = result.dryRun ? 'Would sling' : 'Slung';
	for (const work of result.work) {
		const where = work.branch ? ` on ${work.branch}` : '';
		context.out.line(`${verb} ${work.bead} "${work.title}" → ${work.agent} (${work.runtime})${where}${work.reused ? ', reusing an idle polecat' : ''}${work.queued ? ` — queued (cap ${work.queued.cap}, #${work.queued.position} in line)` : ''}`);
	}
	if (result.convoy) context.out.line(`Convoy ${result.convoy.id}: ${result.convoy.title}`);
	if (!result.dryRun) context.out.line('Watch them with `gt agents`; `gt peek <agent>` shows a terminal.');
}
