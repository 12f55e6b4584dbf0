// Shell completion as one function over the registry, the way cobra's `__complete` works:
// the shell hands over the words typed so far (the last one is being completed) and gets
// candidates back, with descriptions. Command words, flags, fixed choices and live values
// (beads, rigs, agents, convoys, formulas, mail, merge requests) all come from here, so
// bash, zsh, fish and PowerShell complete alike and the shell scripts stay a few lines.
import {findCommand} from '../command-lookup.js';
import {indexFlags, type FlagIndex} from '../flags.js';
import {kebab, visible} from '../help.js';
import type {CommandSpec, FlagSpec, Registry} from '../spec.js';
import {flagSlot, positionalSlot, type Slot} from './kinds.js';
import {valuesOf, type Candidate} from './values.js';
import type {Environment} from '../../core/base/environment.js';

export type Completion = {readonly candidates: Candidate[]; readonly files: boolean};

/** Walks the tokens after the command words as cli/flags.ts reads them: how many positionals, and whether the last token wants a value. */
function scan(tokens: readonly string[], table: FlagIndex): {positionals: number; pending?: FlagSpec; afterDashes: boolean} {
	let positionals = 0;
	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index]!;
		if (token === '--') return {positionals: positionals + tokens.length - index - 1, afterDashes: true};
		const wants = (flag: FlagSpec | undefined) => flag !== undefined && flag.type !== 'boolean';
		let flag: FlagSpec | undefined;
		if (token.startsWith('--')) {
			if (token.includes('=')) continue;
			flag = table.longs.get(token.slice(2))?.flag;
		} else if (token.startsWith('-') && token.length > 1 && !/^-\d/.test(token)) {
			flag = token.length === 2 ? table.shorts.get(token[1]!)?.flag : undefined;
		} else {
			positionals++;
			continue;
		}
		if (wants(flag)) {
			if (index === tokens.length - 1) return {positionals, pending: flag, afterDashes: false};
			index++;
		}
	}
	return {positionals, afterDashes: false};
}

/** The command words that can follow `path`, with their summaries. */
function nextWords(registry: Registry, path: readonly string[]): Candidate[] {
	const found = new Map<string, string>();
	for (const spec of visible(registry)) {
		for (const words of [spec.path, ...(spec.aliases ?? [])]) {
			if (words.length <= path.length || !path.every((word, index) => words[index] === word)) continue;
			const word = words[path.length]!;
			if (!found.has(word)) found.set(word, words.length === path.length + 1 ? spec.summary : `${word} commands`);
		}
	}
	return [...found].map(([value, description]) => ({value, description}));
}

function flagCandidates(flags: Readonly<Record<string, FlagSpec>>): Candidate[] {
	const found: Candidate[] = [{value: '--help', description: 'Show help'}];
	for (const [name, flag] of Object.entries(flags)) {
		// Flags kept only so the original's command lines run: nothing to offer a person.
		if (flag.ignored) continue;
		found.push({value: `--${kebab(name)}`, description: flag.description});
		if (flag.type === 'boolean' && flag.default === true) found.push({value: `--no-${kebab(name)}`, description: `Not: ${flag.description}`});
	}
	return found;
}

async function slotCandidates(slot: Slot, prefix: string, registry: Registry, env: Environment): Promise<Candidate[]> {
	const words = (slot.words ?? []).map(value => ({value}));
	const lists = await Promise.all(slot.kinds.map(kind => valuesOf(kind, prefix, {env, program: registry.program}).catch(() => [])));
	return [...words, ...lists.flat()];
}

const wantsFiles = (slot: Slot) => slot.kinds.includes('file') || slot.kinds.includes('dir');

function finish(candidates: Candidate[], current: string, files: boolean, prefix = ''): Completion {
	const seen = new Set<string>();
	const matching = candidates
		.map(candidate => ({...candidate, value: `${prefix}${candidate.value}`}))
		.filter(candidate => candidate.value.startsWith(current) && !seen.has(candidate.value) && seen.add(candidate.value));
	return {candidates: matching, files: files && matching.length === 0};
}

/** Candidates for the last of `words` (the words after the program name; the last may be ''). */
export async function complete(registry: Registry, words: readonly string[], env: Environment): Promise<Completion> {
	const typed = words.slice(0, -1);
	const current = words.at(-1) ?? '';
	const {match, words: commandWords} = findCommand(registry, typed);
	const spec: CommandSpec | undefined = match?.spec;
	const flags = {...registry.globalFlags, ...spec?.flags};
	const table = indexFlags(flags);
	const rest = match ? match.rest : typed.filter(token => token.startsWith('-'));
	const {positionals, pending, afterDashes} = scan(rest, table);

	if (pending) {
		const slot = flagSlot(registry.program, pending);
		return finish(await slotCandidates(slot, current, registry, env), current, wantsFiles(slot) || slot.kinds.length + (slot.words?.length ?? 0) === 0);
	}
	if (current.startsWith('--') && current.includes('=') && !afterDashes) {
		const name = current.slice(2, current.indexOf('='));
		const flag = table.longs.get(name)?.flag;
		if (!flag || flag.type === 'boolean') return {candidates: [], files: false};
		const slot = flagSlot(registry.program, flag);
		const value = current.slice(current.indexOf('=') + 1);
		return finish(await slotCandidates(slot, value, registry, env), current, wantsFiles(slot), `--${name}=`);
	}
	if (current.startsWith('-') && !afterDashes) return finish(flagCandidates(flags), current, false);

	const path = spec ? spec.path : commandWords.filter(word => !word.startsWith('-'));
	const subcommands = positionals === 0 ? nextWords(registry, path) : [];
	if (!spec) return finish(subcommands, current, false);
	const slot = positionalSlot(registry.program, spec, positionals);
	const values = await slotCandidates(slot, current, registry, env);
	return finish([...subcommands, ...values], current, wantsFiles(slot));
}

/** The lines `__complete` prints: `value<TAB>description`, then `:files` when the shell should offer file names instead. */
export function completionLines(completion: Completion): string[] {
	const lines = completion.candidates.map(candidate => (candidate.description ? `${candidate.value}\t${candidate.description}` : candidate.value));
	if (completion.files) lines.push(':files');
	return lines;
}
