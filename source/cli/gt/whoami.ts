// gt whoami: the address mail commands send from and read for here (callerAddress: GT_AGENT,
// else the agent directory you are in, else the human, "overseer"), and how it was found;
// for the human, the town's owner as town.toml has it.
import path from 'node:path';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import {callerAddress, overseer} from '../../core/mail/mail.js';
import {readTownConfig} from '../../core/town/town-config.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const {vars} = context.env;
	const identity = callerAddress(townRoot, context.env);
	const out = context.out;
	out.line(`Identity: ${identity}`);
	if (vars.GT_AGENT) {
		out.line(`Source:   GT_AGENT=${safeText(vars.GT_AGENT)}`);
		for (const name of ['GT_ROLE', 'GT_RIG', 'GT_SESSION']) if (vars[name]) out.line(`          ${name}=${safeText(vars[name])}`);
	} else if (identity !== overseer) {
		out.line(`Source:   the agent directory you are in (${safeText(path.relative(townRoot, context.env.cwd))})`);
	} else {
		out.line('Source:   no GT_AGENT set, not in an agent\'s directory (human at terminal)');
		const owner = readTownConfig(townRoot).owner;
		if (owner) {
			out.line();
			out.line('Overseer Identity:');
			out.line(`  Owner: ${safeText(owner)}`);
			out.line('  (from town.toml; gt config set owner <who> changes it)');
		}
	}
	return 0;
}
