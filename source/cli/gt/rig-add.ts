// gt rig add <name> <url-or-path> [--prefix] [--branch] [--local-repo <clone>] [--json], or
// gt rig add <name> --adopt [--url <url>]: register a rig directory already in the town.
import type {GitProgress} from '../../core/git/client.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {usageError} from '../../core/base/errors.js';
import {adoptRig} from '../../core/town/rig-adopt.js';
import {addRig, type AddRigResult} from '../../core/town/rig-lifecycle.js';
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

/** --adopt: the directory <town>/<name>; its URL from --url, the second argument, or its origin. */
function adoptOptions(context: CommandContext) {
	const [name, source] = context.args as [string, string | undefined];
	if (context.flags.localRepo !== undefined) throw usageError('--local-repo does not go with --adopt: an adopted rig keeps the clone it has', `gt rig add ${name} --adopt`);
	const url = flagString(context, 'url');
	if (url !== undefined && source !== undefined && url !== source) throw usageError('give the URL once: as the argument or --url', `gt rig add ${name} --adopt --url <url>`);
	return {name, url: url ?? source, prefix: flagString(context, 'prefix'), branch: flagString(context, 'branch')};
}

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const [name, source] = context.args as [string, string | undefined];
	if (flagBool(context, 'adopt')) return report(context, await adoptRig(townRoot, adoptOptions(context), context.env));
	if (context.flags.url !== undefined) throw usageError('--url goes with --adopt; a new rig takes its URL as the argument', `gt rig add ${name} <url-or-path>`);
	if (source === undefined) throw usageError('gt rig add needs the project\'s git URL or path', `gt rig add ${name} <url-or-path>, or gt rig add ${name} --adopt for a rig directory already in the town`);
	const progress = progressPrinter(context);
	// Ctrl-C during a long clone stops git and lets addRig remove the half-made rig,
	// so the same command can simply be run again.
	const controller = new AbortController();
	const interrupt = () => controller.abort();
	process.once('SIGINT', interrupt);
	let result: AddRigResult;
	try {
		const options = {name, source, prefix: flagString(context, 'prefix'), branch: flagString(context, 'branch'), localRepo: flagString(context, 'localRepo'), signal: controller.signal};
		result = await addRig(townRoot, options, context.env, progress.onProgress);
	} finally {
		process.off('SIGINT', interrupt);
		progress.done();
	}
	return report(context, result);
}

function report(context: CommandContext, result: AddRigResult & {kept?: readonly string[]}): number {
	const json = flagBool(context, 'json');
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
	out.line(`${result.kept ? 'Adopted' : 'Added'} rig "${result.name}" at ${result.path}`);
	const rows: Array<[string, string]> = [
		['source', result.gitUrl],
		...(result.localRepo ? [['reused', `objects of ${result.localRepo} (--local-repo)`] as [string, string]] : []),
		...(result.kept ? [['kept', result.kept.length > 0 ? result.kept.join(', ') : 'only its clone']] as Array<[string, string]> : []),
		['branch', `${result.defaultBranch} (refinery/rig)`],
		['prefix', `${result.prefix} (beads ${result.prefix}-xxx)`],
	];
	if (result.commit) rows.push(['commit', `${result.commit} in the town repository`]);
	for (const [key, value] of rows) out.line(`  ${key.padEnd(7)}${value}`);
	out.line('');
	out.line(`Next: gt crew add <name> --rig ${result.name}`);
	return 0;
}
