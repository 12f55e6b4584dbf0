import {usageError} from '../../core/base/errors.js';
import {completionScripts, shells, type Shell} from '../completion-scripts.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const shell = context.args[0] as Shell;
	const generate = shells.includes(shell) ? completionScripts[shell] : undefined;
	if (!generate) throw usageError(`unknown shell "${context.args[0]}"`, `use ${shells.join(', ')}`);
	context.out.line(generate(context.registry).replace(/\n$/, ''));
}
