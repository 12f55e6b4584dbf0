// bd version: the version of this package (set at build time), in the original's
// forms: "bd version <v> (<build>)" and --json {version, build}.
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const version = process.env.GT_PACKAGE_VERSION ?? '0.0.0';
	const build = 'gastown-ts';
	if (flagBool(context, 'json')) context.out.json({version, build});
	else context.out.line(`bd version ${version} (${build})`);
}
