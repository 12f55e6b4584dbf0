import {Ledger} from '../../core/beads/ledger.js';
import {actorFrom} from '../../core/beads/resolve.js';
import {routeForId} from '../../core/beads/routes.js';
import {notFound} from '../../core/base/errors.js';
import {logActivity} from '../../core/base/activity-log.js';
import {releaseHook} from '../../core/work/hook.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const id = context.args[0]!;
	const dir = routeForId(townRoot, id);
	if (!dir || !Ledger.exists(dir)) throw notFound(`no ledger holds "${id}"`, 'check the id with `bd list` in its rig');
	const ledger = Ledger.open(dir);
	const who = {actor: actorFrom(context.env), now: context.env.now()};
	const previous = (await ledger.read()).require(id).assignee;
	const bead = await releaseHook(ledger, id, who, {status: 'open', note: `Unslung from ${previous ?? 'its hook'} by ${who.actor}`});
	logActivity(townRoot, {type: 'unsling', actor: who.actor, bead: id, agent: previous}, who.now);
	if (flagBool(context, 'json')) context.out.json({...bead, unslung_from: previous ?? null});
	else context.out.line(`${id} is off ${previous ?? 'its'} hook and open again. The agent keeps its worktree; \`gt agents\` shows it.`);
}
