// gt polecat remove|nuke <rig>/<name>... [--force]: stop each polecat, put its hooked bead back
// to open, delete its worktree and branch. Refuses one with unsaved work unless --force.
import {parseAgentRef} from '../../core/agents/address.js';
import {actorFrom} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {removePolecat, type RemovedPolecat} from '../../core/town/polecat-remove.js';
import {polecatNames} from '../../core/town/polecats.js';
import {flagBool, type CommandContext} from '../spec.js';

function targets(townRoot: string, context: CommandContext): Array<{rig: string; name: string}> {
	if (flagBool(context, 'all')) {
		const rig = context.args[0];
		if (!rig || context.args.length > 1 || rig.includes('/')) throw usageError('--all takes one rig', `usage: gt ${context.spec.path.join(' ')} <rig> --all`);
		return polecatNames(townRoot, rig).map(name => ({rig, name}));
	}
	// The shared parser refuses what is not an agent address at all (`../x`) before naming a rig.
	return context.args.map(arg => {
		const agent = parseAgentRef(townRoot, arg);
		if (agent.role !== 'polecat') throw usageError(`"${arg}" is not a polecat`, `usage: gt ${context.spec.path.join(' ')} <rig>/<name>`);
		return {rig: agent.rig!, name: agent.name!};
	});
}

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const list = targets(townRoot, context);
	const who = {actor: actorFrom(context.env, context.env.vars.GT_AGENT), now: context.env.now()};
	const removed: RemovedPolecat[] = await withRunningSessions(townRoot, async sessions => {
		const done: RemovedPolecat[] = [];
		for (const target of list) done.push(await removePolecat(townRoot, {...target, force: flagBool(context, 'force')}, who, context.env, sessions));
		return done;
	});
	if (flagBool(context, 'json')) {
		context.out.json(removed);
		return 0;
	}
	for (const polecat of removed) {
		const lost = polecat.discarded.dirty.length + polecat.discarded.unmerged;
		context.out.line(`Removed ${polecat.address}${polecat.stopped ? ' (session stopped)' : ''}${polecat.released ? `; ${polecat.released} is open again` : ''}${lost > 0 ? `; discarded ${polecat.discarded.dirty.length} uncommitted file(s), ${polecat.discarded.unmerged} unmerged commit(s)` : ''}.`);
	}
	return 0;
}
