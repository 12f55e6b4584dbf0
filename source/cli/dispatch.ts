// Turns argv into one command run: find the command by its words, parse its flags
// (node:util parseArgs), check them against the registry, load the command module, run it,
// and turn errors into one line on stderr and a documented exit code.
import {environmentFromProcess, type Environment} from '../core/base/environment.js';
import {failure, GtError, isGtError, usageError} from '../core/base/errors.js';
import {parseFlagTokens} from './flags.js';
import {noteIgnoredFlags, refuseUnsupportedFlags} from './ignored-flag.js';
import {findCommand} from './command-lookup.js';
import {commandHelp, groupHelp, kebab, programHelp} from './help.js';
import {closest} from './suggest.js';
import {safeText} from '../core/base/terminal-text.js';
import type {CommandContext, CommandSpec, FlagSpec, Output, ProcessRoots, Registry} from './spec.js';

const noProcesses = (program: string): ProcessRoots => {
	const refuse = async (): Promise<never> => {
		throw failure(`${program} cannot start the UI, the daemon or the dashboard`, 'use gt');
	};
	return {runUi: refuse, runDaemon: refuse, runDashboard: refuse};
};

function suggest(registry: Registry, words: string[]): string | undefined {
	const names = registry.commands.filter(spec => !spec.hidden).map(spec => spec.path.slice(0, Math.max(1, Math.min(words.length, spec.path.length))).join(' '));
	return closest(words.join(' '), [...new Set(names)]);
}

function processOutput(): Output {
	// `gt … | head` closes the pipe early; that is not an error worth a stack trace.
	process.stdout.on('error', error => {
		if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
		throw error;
	});
	return {
		line: (text = '') => {
			process.stdout.write(`${text}\n`);
		},
		// Indented for a person at a terminal; compact for programs (agents parse it hundreds of times).
		json: value => {
			process.stdout.write(`${JSON.stringify(value, null, process.stdout.isTTY ? 2 : undefined)}\n`);
		},
		note: text => {
			process.stderr.write(`${text}\n`);
		},
		isTerminal: Boolean(process.stdout.isTTY),
	};
}

/**
 * Flags parsed by cli/flags.ts from the registry. (meow was the planned parser: it
 * costs ~79 ms per process, see the README's dependency table, and node:util
 * parseArgs cannot take `--title -x` or `-p -1` the way cobra users type them.)
 */
function parseFlags(registry: Registry, spec: CommandSpec, rest: string[], out: Output) {
	const flags = {...registry.globalFlags, ...spec.flags};
	const where = `${registry.program} ${spec.path.join(' ')}`;
	const parsed = parseFlagTokens(rest, flags, where);
	const values = parsed.flags;
	refuseUnsupportedFlags(flags, values, where);
	noteIgnoredFlags(flags, values, out, registry.program);
	for (const [name, flag] of Object.entries(flags)) if (values[name] === undefined && flag.default !== undefined) values[name] = flag.default;
	const {args} = parsed;
	if (spec.minArgs !== undefined && args.length < spec.minArgs) {
		throw usageError(`${where} needs ${spec.args ?? `${spec.minArgs} argument(s)`}`, `usage: ${where}${spec.args ? ` ${spec.args}` : ''}`);
	}
	if (spec.maxArgs !== undefined && args.length > spec.maxArgs) {
		throw usageError(`${where} takes at most ${spec.maxArgs} argument(s), got ${args.length}: ${args.join(' ')}`, `see ${where} --help`);
	}
	return {args, flags: values};
}

const wantsHelp = (argv: readonly string[]) => argv.some(token => token === '--help' || token === '-h');

export type RunOptions = {
	env?: Environment;
	out?: Output;
	/** Called when a binary has its own behaviour for no arguments (gt opens the UI on a terminal). */
	onNoCommand?: () => Promise<number | undefined>;
	/** The UI and daemon processes (main/gt.ts); other programs have none. */
	processes?: ProcessRoots;
};

export async function runProgram(registry: Registry, argv: readonly string[], options: RunOptions = {}): Promise<number> {
	const out = options.out ?? processOutput();
	const program = registry.program;
	try {
		if (argv.length === 0) {
			const handled = await options.onNoCommand?.();
			if (handled !== undefined) return handled;
			out.line(programHelp(registry));
			return 0;
		}
		if (argv[0] === 'help') {
			const {match, words} = findCommand(registry, argv.slice(1));
			if (match) out.line(commandHelp(registry, match.spec));
			else if (words[0] && registry.commands.some(spec => spec.path[0] === words[0])) out.line(groupHelp(registry, words[0]));
			else out.line(programHelp(registry));
			return 0;
		}
		if (argv.length === 1 && wantsHelp(argv)) {
			out.line(programHelp(registry));
			return 0;
		}

		const {match, words, ambiguous} = findCommand(registry, argv);
		if (ambiguous) throw usageError(`"${ambiguous.typed}" could be ${ambiguous.candidates.map(candidate => `"${program} ${candidate}"`).join(', ')}`, 'type more of the word');
		if (!match) {
			if (words.length === 0) throw usageError(`missing command`, `run ${program} --help`);
			const group = words[0]!;
			if (registry.commands.some(spec => spec.path[0] === group)) {
				if (words.length === 1 || wantsHelp(argv)) {
					out.line(groupHelp(registry, group));
					return words.length === 1 && !wantsHelp(argv) ? 2 : 0;
				}
			}
			const guess = suggest(registry, words);
			throw usageError(`unknown command "${words.join(' ')}"`, guess ? `did you mean "${program} ${guess}"? (${program} --help lists all)` : `run ${program} --help`);
		}
		if (wantsHelp(match.rest)) {
			out.line(commandHelp(registry, match.spec));
			return 0;
		}
		const {args, flags} = parseFlags(registry, match.spec, match.rest, out);
		const module = await match.spec.load();
		const context: CommandContext = {program, registry, processes: options.processes ?? noProcesses(program), spec: match.spec, args, flags, env: options.env ?? environmentFromProcess(), out};
		const code = await module.run(context);
		return typeof code === 'number' ? code : 0;
	} catch (error) {
		if (isGtError(error)) {
			// Messages quote what the user typed; an escape sequence in it must not reach the terminal raw.
			out.note(`${program}: ${safeText(error.describe())}`);
			return error.exitCode;
		}
		const message = error instanceof Error ? error.message : String(error);
		out.note(`${program}: ${safeText(message.split('\n')[0])} — unexpected error; rerun with GT_DEBUG=1 for details`);
		if (process.env.GT_DEBUG && error instanceof Error) out.note(error.stack ?? '');
		return 1;
	}
}

export {GtError};
