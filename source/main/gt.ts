#!/usr/bin/env node
// `gt` entry. Kept thin on purpose: agents run it hundreds of times, so --version
// answers before anything else loads, and every command module is imported lazily.
// It is also the composition root that hands the commands the two other processes
// gt can become: the UI (main/ui.tsx) and the daemon (main/daemon.ts).
import type {ProcessRoots} from '../cli/spec.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
	process.stdout.write(`${process.env.GT_PACKAGE_VERSION ?? '0.0.0'}\n`);
} else if (argv[0] === '__complete') {
	// Shell completion on every tab: the registry and the completer, nothing else.
	const [{runCompletion}, {gtRegistry}] = await Promise.all([import('../cli/completion/run.js'), import('../cli/registry/gt.js')]);
	process.exitCode = await runCompletion(gtRegistry, argv.slice(1));
} else {
	const processes: ProcessRoots = {
		runUi: async options => (await import('./ui.js')).runUi(options),
		runDaemon: async (townRoot, env) => (await import('./daemon.js')).runDaemon(townRoot, env),
		runDashboard: async options => (await import('./dashboard.js')).runDashboard(options),
	};
	const [{runProgram}, {gtRegistry}] = await Promise.all([import('../cli/dispatch.js'), import('../cli/registry/gt.js')]);
	// `gt` alone on a terminal (inside a town) opens the UI; elsewhere it prints help.
	const onNoCommand = async () => (process.stdin.isTTY && process.stdout.isTTY ? (await import('../cli/gt/ui.js')).runUiWhenInteractive(processes) : undefined);
	process.exitCode = await runProgram(gtRegistry, argv, {onNoCommand, processes});
}
