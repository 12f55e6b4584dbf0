import {exportText} from '../../core/beads/import-export.js';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {atomicWriteFileSync} from '../../core/base/atomic-write.js';
import {resolveFrom} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const state = await openCurrentLedger(context.env).read();
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
