import {currentAgent} from '../../core/agents/address.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {primeContext} from '../../core/work/prime.js';
import {renderPrime} from '../../core/work/prime-text.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const agent = currentAgent(context.env, flagString(context, 'agent'));
	const prime = await primeContext(townRoot, agent);
	if (flagBool(context, 'json')) context.out.json(prime);
	else context.out.line(renderPrime(prime, townRoot, {short: flagBool(context, 'hook')}));
}
