// Turns argv into one command run: find the command by its words, parse its flags
// with meow, check them against the registry, load the command module, run it,
// and turn errors into one line on stderr and a documented exit code.
import meow from 'meow';
import {environmentFromProcess, type Environment} from '../core/environment.js';
import {GtError, isGtError, usageError} from '../core/errors.js';
import {commandHelp, groupHelp, kebab, programHelp} from './help.js';
import type {CommandContext, CommandSpec, FlagSpec, Output, Registry} from './spec.js';

type Match = {spec: CommandSpec; rest: string[]};

function stringFlagNames(flags: Readonly<Record<string, FlagSpec>>): Set<string> {
	const names = new Set<string>();
	for (const [name, flag] of Object.entries(flags)) {
		if (flag.type === 'boolean') continue;
		names.add(`--${kebab(name)}`);
		if (flag.shortFlag) names.add(`-${flag.shortFlag}`);
		for (const alias of flag.aliases ?? []) names.add(`--${kebab(alias)}`);
	}
	return names;
}

/** The command words in argv (skipping global flags that may come first) and the longest command they name. */
export function findCommand(registry: Registry, argv: readonly string[]): {match?: Match; words: string[]} {
	const takesValue = stringFlagNames(registry.globalFlags);
	const words: string[] = [];
	const wordIndexes: number[] = [];
	for (let index = 0; index < argv.length; index++) {
		const token = argv[index]!;
		if (token === '--') break;
		if (token.startsWith('-')) {
			if (takesValue.has(token)) index++;
			if (words.length > 0) break;
			continue;
		}
		words.push(token);
		wordIndexes.push(index);
		if (words.length >= 3) break;
	}

	let best: {spec: CommandSpec; length: number} | undefined;
	for (const spec of registry.commands) {
		for (const path of [spec.path, ...(spec.aliases ?? [])]) {
			if (path.length > words.length || (best && best.length >= path.length)) continue;
			if (path.every((word, index) => words[index] === word)) best = {spec, length: path.length};
		}
	}
	if (!best) return {words};
	const consumed = new Set(wordIndexes.slice(0, best.length));
	return {match: {spec: best.spec, rest: argv.filter((_, index) => !consumed.has(index))}, words};
}

/** Edit distance counting a swap of two neighbours as one edit ("lsit" is one away from "list"). */
function distance(a: string, b: string): number {
	const rows: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
			rows[i]![j] = best;
		}
	}
	return rows[a.length]![b.length]!;
}

function suggest(registry: Registry, words: string[]): string | undefined {
	const typed = words.join(' ');
	let best: {name: string; score: number} | undefined;
	for (const spec of registry.commands) {
		if (spec.hidden) continue;
		const name = spec.path.slice(0, Math.max(1, Math.min(words.length, spec.path.length))).join(' ');
		const score = distance(typed, name);
		if (!best || score < best.score) best = {name, score};
	}
	return best && best.score <= Math.max(2, Math.floor(typed.length / 3)) ? best.name : undefined;
}

function processOutput(): Output {
	return {
		line: (text = '') => {
			process.stdout.write(`${text}\n`);
		},
		json: value => {
			process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
		},
		note: text => {
			process.stderr.write(`${text}\n`);
		},
		isTerminal: Boolean(process.stdout.isTTY),
	};
}

function knownFlagKeys(flags: Readonly<Record<string, FlagSpec>>): Set<string> {
	const known = new Set<string>(['help', 'h']);
	const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
	for (const [name, flag] of Object.entries(flags)) {
		known.add(name);
		known.add(camel(name));
		if (flag.shortFlag) known.add(flag.shortFlag);
		for (const alias of flag.aliases ?? []) {
			known.add(alias);
			known.add(camel(alias));
		}
	}
	return known;
}

function parseFlags(registry: Registry, spec: CommandSpec, rest: string[]) {
	const flags = {...registry.globalFlags, ...spec.flags};
	const meowFlags: Record<string, Record<string, unknown>> = {};
	for (const [name, flag] of Object.entries(flags)) {
		meowFlags[name] = {
			type: flag.type,
			...(flag.shortFlag ? {shortFlag: flag.shortFlag} : {}),
			...(flag.aliases ? {aliases: [...flag.aliases]} : {}),
			...(flag.isMultiple ? {isMultiple: true} : {}),
			...(flag.default !== undefined ? {default: flag.default} : {}),
		};
	}
	const where = `${registry.program} ${spec.path.join(' ')}`;
	let cli;
	try {
		cli = meow({
			importMeta: import.meta,
			argv: rest,
			flags: meowFlags as never,
			pkg: {name: registry.program, version: process.env.GT_PACKAGE_VERSION ?? '0.0.0'},
			autoHelp: false,
			autoVersion: false,
			allowUnknownFlags: true,
			booleanDefault: undefined,
			description: false,
			help: false,
		});
	} catch (error) {
		throw usageError(`${where}: ${(error as Error).message.split('\n')[0]}`, `see ${where} --help`);
	}

	const known = knownFlagKeys(flags);
	for (const key of Object.keys(cli.unnormalizedFlags)) {
		if (known.has(key)) continue;
		const shown = key.length === 1 ? `-${key}` : `--${kebab(key)}`;
		throw usageError(`unknown flag ${shown} for "${where}"`, `see ${where} --help`);
	}

	const parsed: Record<string, unknown> = {...(cli.flags as Record<string, unknown>)};
	for (const [name, flag] of Object.entries(flags)) {
		const value = parsed[name];
		if (value === undefined) continue;
		// `--assignee=` is an explicit empty value; a bare `--assignee` at the end is a missing one.
		if (flag.type === 'string' && value === '' && !rest.some(token => token.startsWith(`--${kebab(name)}=`))) {
			throw usageError(`flag --${kebab(name)} needs a value`, `see ${where} --help`);
		}
		if (flag.type === 'number' && (Array.isArray(value) ? value : [value]).some(item => Number.isNaN(item))) {
			throw usageError(`flag --${kebab(name)} takes a number`, `see ${where} --help`);
		}
		if (flag.choices) {
			for (const item of Array.isArray(value) ? value : [value]) {
				if (!flag.choices.includes(String(item))) {
					throw usageError(`--${kebab(name)} must be one of ${flag.choices.join(', ')} (got "${item}")`, `see ${where} --help`);
				}
			}
		}
	}
	const args = cli.input.map(String);
	if (spec.minArgs !== undefined && args.length < spec.minArgs) {
		throw usageError(`${where} needs ${spec.args ?? `${spec.minArgs} argument(s)`}`, `usage: ${where}${spec.args ? ` ${spec.args}` : ''}`);
	}
	if (spec.maxArgs !== undefined && args.length > spec.maxArgs) {
		throw usageError(`${where} takes at most ${spec.maxArgs} argument(s), got ${args.length}: ${args.join(' ')}`, `see ${where} --help`);
	}
	return {args, flags: parsed};
}

const wantsHelp = (argv: readonly string[]) => argv.some(token => token === '--help' || token === '-h');

export type RunOptions = {
	env?: Environment;
	out?: Output;
	/** Called when a binary has its own behaviour for no arguments (gt opens the UI on a terminal). */
	onNoCommand?: () => Promise<number | undefined>;
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

		const {match, words} = findCommand(registry, argv);
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
		const {args, flags} = parseFlags(registry, match.spec, match.rest);
		const module = await match.spec.load();
		const context: CommandContext = {program, spec: match.spec, args, flags, env: options.env ?? environmentFromProcess(), out};
		const code = await module.run(context);
		return typeof code === 'number' ? code : 0;
	} catch (error) {
		if (isGtError(error)) {
			out.note(`${program}: ${error.describe()}`);
			return error.exitCode;
		}
		const message = error instanceof Error ? error.message : String(error);
		out.note(`${program}: ${message.split('\n')[0]} — unexpected error; rerun with GT_DEBUG=1 for details`);
		if (process.env.GT_DEBUG && error instanceof Error) out.note(error.stack ?? '');
		return 1;
	}
}

export {GtError};
