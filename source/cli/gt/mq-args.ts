// `gt mq retry|reject [<rig>] <id>`: the original names the rig first; ours needs only
// the id (ids route to their rig). Both forms work; a named rig must exist.
import {requireRig} from '../../core/town/rig-config.js';
import type {CommandContext} from '../spec.js';

export function mergeRequestId(townRoot: string, context: CommandContext): string {
	if (context.args.length === 2) requireRig(townRoot, context.args[0]!);
	return context.args[context.args.length - 1]!;
}
