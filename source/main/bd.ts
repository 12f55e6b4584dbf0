#!/usr/bin/env node
// `bd` entry: the beads ledger. Thin like `gt`: command modules load lazily.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
	process.stdout.write(`${process.env.GT_PACKAGE_VERSION ?? '0.0.0'}\n`);
} else if (argv[0] === '__complete') {
	// Shell completion on every tab: the registry and the completer, nothing else.
	const [{runCompletion}, {bdRegistry}] = await Promise.all([import('../cli/completion/run.js'), import('../cli/registry/bd.js')]);
	process.exitCode = await runCompletion(bdRegistry, argv.slice(1));
} else {
	const [{runProgram}, {bdRegistry}] = await Promise.all([import('../cli/dispatch.js'), import('../cli/registry/bd.js')]);
	process.exitCode = await runProgram(bdRegistry, argv);
}
