// gt thaw [--rig <rig>...]: lift gt estop and resume the agents it paused (an agent paused
// on its own with gt pause stays paused).
import {requireTownRoot} from '../../core/base/paths.js';
import {requireRig} from '../../core/town/rig-config.js';
import {readFreeze, thaw} from '../../core/work/pause.js';
import {flagBool, flagList, type CommandContext} from '../spec.js';
import {actorOf} from './convoy-format.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const rigs = flagList(context, 'rig').map(rig => requireRig(townRoot, rig));
	const wasFrozen = readFreeze(townRoot) !== undefined;
	const who = actorOf(context);
	const resumed = await thaw(townRoot, {...(rigs.length > 0 ? {rigs} : {}), actor: who.actor, now: who.now});
	if (flagBool(context, 'json')) {
		context.out.json({resumed: resumed.map(info => info.address), still_frozen: readFreeze(townRoot) ?? null});
		return 0;
	}
	if (!wasFrozen && resumed.length === 0) {
		context.out.line('Nothing was frozen.');
		return 0;
	}
	context.out.line(`Thawed: ${resumed.length} agent${resumed.length === 1 ? '' : 's'} resumed${resumed.length > 0 ? ` (${resumed.map(info => info.address).join(', ')})` : ''}.`);
	return 0;
}
