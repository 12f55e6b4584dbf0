// Finding the command argv names: its words (past any global flags), cobra's prefix
// matching, the longest command path they spell. Apart from the dispatcher so shell
// completion, which runs on every tab, loads this and the registry and nothing else.
import {kebab} from './help.js';
import type {CommandSpec, FlagSpec, Registry} from './spec.js';

export type Match = {spec: CommandSpec; rest: string[]};

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

export type Ambiguous = {readonly typed: string; readonly candidates: readonly string[]};

/**
 * Cobra's prefix matching (the original gt turns it on): a word that is not a command word
 * but the start of exactly one, among the words that can come next, stands for it. Words after
 * a command that runs by itself (`gt hook a`, `gt escalate ac`) are its arguments, never prefixes.
 */
function expandPrefixes(registry: Registry, words: string[]): {words: string[]; ambiguous?: Ambiguous} {
	const paths = registry.commands.flatMap(spec => [spec.path, ...(spec.aliases ?? [])].map(path => ({path, hidden: spec.hidden === true})));
	const resolved: string[] = [];
	for (const word of words) {
		const depth = resolved.length;
		const below = paths.filter(({path}) => path.length > depth && resolved.every((done, index) => path[index] === done));
		const runnable = depth > 0 && paths.some(({path}) => path.length === depth && resolved.every((done, index) => path[index] === done));
		const next = [...new Set(below.map(({path}) => path[depth]!))];
		if (next.includes(word) || runnable || word === '') {
			resolved.push(word);
			if (!next.includes(word)) break;
			continue;
		}
		const visible = new Set(below.filter(({hidden}) => !hidden).map(({path}) => path[depth]!));
		const starting = next.filter(candidate => candidate.startsWith(word) && visible.has(candidate));
		if (starting.length === 1) {
			resolved.push(starting[0]!);
			continue;
		}
		if (starting.length > 1) return {words: [...resolved, word], ambiguous: {typed: [...resolved, word].join(' '), candidates: starting.map(candidate => [...resolved, candidate].join(' '))}};
		resolved.push(word);
		break;
	}
	return {words: [...resolved, ...words.slice(resolved.length)]};
}

/** The command words in argv (skipping global flags that may come first) and the longest command they name. */
export function findCommand(registry: Registry, argv: readonly string[]): {match?: Match; words: string[]; ambiguous?: Ambiguous} {
	const takesValue = stringFlagNames(registry.globalFlags);
	let words: string[] = [];
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
	let ambiguous: Ambiguous | undefined;
	if (registry.prefixMatching) ({words, ambiguous} = expandPrefixes(registry, words));
	if (ambiguous) return {words, ambiguous};

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

