import {usageError} from '../../core/base/errors.js';
import {bashCompletion, fishCompletion, zshCompletion} from '../completion-scripts.js';
import type {CommandContext, Registry} from '../spec.js';

async function registryOf(program: string): Promise<Registry> {
	return program === 'bd' ? (await import('../registry/bd.js')).bdRegistry : (await import('../registry/gt.js')).gtRegistry;
}

export async function run(context: CommandContext) {
	const shell = context.args[0];
	const registry = await registryOf(context.program);
	const generators = {bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion};
	const generate = generators[shell as keyof typeof generators];
	if (!generate) throw usageError(`unknown shell "${shell}"`, 'use bash, zsh or fish');
	process.stdout.write(generate(registry));
}
