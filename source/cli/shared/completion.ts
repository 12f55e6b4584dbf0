import {usageError} from '../../core/base/errors.js';
import {bashCompletion, fishCompletion, zshCompletion} from '../completion-scripts.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const shell = context.args[0];
	const {registry} = context;
	const generators = {bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion};
	const generate = generators[shell as keyof typeof generators];
	if (!generate) throw usageError(`unknown shell "${shell}"`, 'use bash, zsh or fish');
	context.out.line(generate(registry).replace(/\n$/, ''));
}
