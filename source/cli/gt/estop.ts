// gt estop [--rig <rig>...] [-m why]: freeze the town (or rigs): every running agent is
// paused and nothing new starts there until gt thaw.
import {requireTownRoot} from '../../core/base/paths.js';
import {requireRig} from '../../core/town/rig-config.js';
import {estop} from '../../core/work/pause.js';
import {flagBool, flagString, flagList, type CommandContext} from '../spec.js';
import {actorOf} from './convoy-format.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const rigs = flagList(context, 'rig').map(rig => requireRig(townRoot, rig));
	const who = actorOf(context);
	const paused = await estop(townRoot, {...(rigs.length > 0 ? {rigs} : {}), reason: (flagString(context, 'message') ?? flagString(context, 'reason'))?.trim() || 'emergency stop', actor: who.actor, now: who.now});
	if (flagBool(context, 'json')) {
		context.out.json({frozen: rigs.length > 0 ? rigs : 'town', paused: paused.map(info => info.address)});
		return 0;
	}
	const scope = rigs.length > 0 ? `Rig${rigs.length === 1 ? '' : 's'} ${rigs.join(', ')}` : 'The town';
	context.out.line(`${scope} frozen: ${paused.length} agent${paused.length === 1 ? '' : 's'} paused${paused.length > 0 ? ` (${paused.map(info => info.address).join(', ')})` : ''}; slings there are refused. \`gt thaw\` lets them run again.`);
	return 0;
}
