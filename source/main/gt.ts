#!/usr/bin/env node
// `gt` entry. Kept thin on purpose: agents run it hundreds of times, so --version
// answers before anything else loads, and every command module is imported lazily.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
	process.stdout.write(`${process.env.GT_PACKAGE_VERSION ?? '0.0.0'}\n`);
} else {
	const [{runProgram}, {gtRegistry}] = await Promise.all([import('../cli/dispatch.js'), import('../cli/registry/gt.js')]);
	// `gt` alone on a terminal (inside a town) opens the UI; elsewhere it prints help.
	const onNoCommand = async () => (process.stdin.isTTY && process.stdout.isTTY ? (await import('../cli/gt/ui.js')).runUiWhenInteractive() : undefined);
	process.exitCode = await runProgram(gtRegistry, argv, {onNoCommand});
}
