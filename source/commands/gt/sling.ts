import {actorFrom} from '../../core/beads/resolve.js';
import {isDaemonRunning} from '../../core/daemon/client.js';
import {daemonSessionControl} from '../../core/daemon-control.js';
import {usageError} from '../../core/errors.js';
import {requireTownRoot} from '../../core/paths.js';
import {sling, type SlingResult} from '../../core/sling.js';
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
	let result: SlingResult;
	try {
		result = await sling(townRoot, {
			beads: words,
			target,
			agent: flagString(context, 'agent'),
			crew: flagString(context, 'crew'),
			convoy: context.flags.convoy !== false,
			dryRun,
		}, control, {actor: actorFrom(context.env), now: context.env.now()}, context.env);
	} finally {
		control.close();
	}
	if (flagBool(context, 'json')) {
		context.out.json(result);
		return;
	}
	const verb = result.dryRun ? 'Would sling' : 'Slung';
	for (const work of result.work) {
		const where = work.branch ? ` on ${work.branch}` : '';
		context.out.line(`${verb} ${work.bead} "${work.title}" → ${work.agent} (${work.runtime})${where}${work.reused ? ', reusing an idle polecat' : ''}`);
	}
	if (result.convoy) context.out.line(`Convoy ${result.convoy.id}: ${result.convoy.title}`);
	if (!result.dryRun) context.out.line('Watch them with `gt agents`; `gt peek <agent>` shows a terminal.');
}
