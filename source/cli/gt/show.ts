// gt show <bead-id...> [bd show flags] (also gt bead show | read): the original's pass-through
// to bd show. It is bd show itself (cli/bd/show.ts) with bd's root flags applied; inside a town
// every id goes to the ledger its prefix routes to, whatever BEADS_DIR says, as the original
// drops BEADS_DIR before it runs bd.
import {usageError} from '../../core/base/errors.js';
import {findTownRoot} from '../../core/base/paths.js';
import {run as bdShow} from '../bd/show.js';
import {applyGlobals} from '../registry/bd-globals.js';
import {flagBool, flagList, type CommandContext} from '../spec.js';

/** The context a gt bead command hands to bd: bd's root flags applied, and inside a town ids routed by prefix. */
export function townRouted(context: CommandContext): CommandContext {
	const routed = applyGlobals(context);
	const {env} = routed;
	if (env.vars.BEADS_DIR === undefined || !findTownRoot(env)) return routed;
	return {...routed, env: {...env, vars: {...env.vars, BEADS_DIR: undefined}}};
}

export async function run(context: CommandContext) {
	// Unlike bd show, no id is a mistake here (the original's "bead ID required"); --current asks for yours.
	if (context.args.length === 0 && flagList(context, 'id').length === 0 && !flagBool(context, 'current')) {
		throw usageError('gt show needs a bead id', 'usage: gt show <bead-id> [flags] (--current: your hooked or in-progress bead)');
	}
	await bdShow(townRouted(context));
}
