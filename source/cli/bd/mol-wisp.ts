import type {CommandContext} from '../spec.js';
import {pourCommand} from './mol-pour.js';

export async function run(context: CommandContext) {
	await pourCommand(context, true);
}
