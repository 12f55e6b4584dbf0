import path from 'node:path';
import {Ledger} from '../../core/beads/ledger.js';
import {resolveFrom} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

/** A prefix from a directory name: lowercase letters and digits, starting with a letter. */
export function prefixFromName(name: string): string {
	const cleaned = name.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^[0-9]+/, '');
	return cleaned.slice(0, 8) || 'bd';
}

export async function run(context: CommandContext) {
	const target = resolveFrom(context.env, context.args[0] ?? '.');
	const prefix = flagString(context, 'prefix') ?? prefixFromName(path.basename(target));
	const ledger = Ledger.init(path.join(target, '.beads'), prefix, {gitignore: true});
	if (!flagBool(context, 'quiet')) {
		context.out.line(`Created beads ledger "${ledger.prefix}" in ${ledger.dir}`);
		context.out.line(`Next: bd create "First task"   (ids look like ${ledger.prefix}-a1b)`);
	}
}
