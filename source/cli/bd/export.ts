import {exportText} from '../../core/beads/import-export.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {atomicWriteFileSync} from '../../core/base/atomic-write.js';
import {resolveFrom} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const ledger = openCurrentLedger(context.env);
	// An export is what other tools and git are given: fold the journal into the files first, so they say the same.
	await ledger.compact();
	const state = await ledger.read();
	const text = exportText(state.all(), {includeEphemeral: flagBool(context, 'ephemeral')});
	const output = flagString(context, 'output');
	if (output) {
		const file = resolveFrom(context.env, output);
		atomicWriteFileSync(file, text);
		context.out.note(`Exported ${text ? text.trimEnd().split('\n').length : 0} beads to ${file}`);
	} else {
		process.stdout.write(text);
	}
}
