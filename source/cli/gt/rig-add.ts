// gt rig add <name> <url-or-path> [--prefix] [--branch] [--json]
import type {GitProgress} from '../../core/git/client.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {addRig} from '../../core/town/rig-lifecycle.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

/** One line on stderr rewritten in place: "Receiving objects  45%". Only on a terminal. */
function progressPrinter(context: CommandContext): {onProgress?: (event: GitProgress) => void; done: () => void} {
	if (!context.out.isTerminal || !process.stderr.isTTY) return {done: () => undefined};
	let shown = '';
	return {
		onProgress: event => {
			const text = `${event.label} ${String(event.percent).padStart(3)}% (${event.processed}/${event.total})`;
			if (text === shown) return;
			shown = text;
			process.stderr.write(`\r\u001B[2K${text}`);
		},
		done: () => {
			if (shown) process.stderr.write('\r\u001B[2K');
		},
	};
}

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const [name, source] = context.args as [string, string];
	const json = flagBool(context, 'json');
	const progress = progressPrinter(context);
	// Ctrl-C during a long clone stops git and lets addRig remove the half-made rig,
	// so the same command can simply be run again.
	const controller = new AbortController();
	const interrupt = () => controller.abort();
	process.once('SIGINT', interrupt);
	let result;
	try {
		const options = {name, source, prefix: flagString(context, 'prefix'), branch: flagString(context, 'branch'), signal: controller.signal};
		result = await addRig(townRoot, options, context.env, progress.onProgress);
	} finally {
		process.off('SIGINT', interrupt);
		progress.done();
	}
	for (const warning of result.warnings) context.out.note(`gt: warning: ${warning}`);
	if (json) {
		context.out.json({
			name: result.name,
			path: result.path,
			prefix: result.prefix,
			default_branch: result.defaultBranch,
			git_url: result.gitUrl,
			commit: result.commit ?? null,
		});
		return 0;
	}
	const {out} = context;
	out.line(`Added rig "${result.name}" at ${result.path}`);
	const rows: Array<[string, string]> = [
		['source', result.gitUrl],
		['branch', `${result.defaultBranch} (refinery/rig)`],
		['prefix', `${result.prefix} (beads ${result.prefix}-xxx)`],
	];
	if (result.commit) rows.push(['commit', `${result.commit} in the town repository`]);
	for (const [key, value] of rows) out.line(`  ${key.padEnd(7)}${value}`);
	out.line('');
	out.line(`Next: gt crew add <name> --rig ${result.name}`);
	return 0;
}
