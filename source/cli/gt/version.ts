// gt version [--short] [--verbose]: the version of this package (set at build time, the one
// `gt --version` prints) in the original's form, "gt version <v> (<build>)"; --short prints the
// number alone, --verbose adds the time and the Node.js version (the original's Go version).
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const version = process.env.GT_PACKAGE_VERSION ?? '0.0.0';
	if (flagBool(context, 'short')) {
		context.out.line(version);
		return;
	}
	context.out.line(`gt version ${version} (gastown-ts)`);
	if (!flagBool(context, 'verbose')) return;
	context.out.line(`Timestamp: ${context.env.now().toISOString()}`);
	context.out.line(`Node version: ${process.version}`);
}
