// Flag parsing driven by the registry, written for the callers we have: agents that
// type the original Beads and Gas Town syntax (cobra's). Every form they use works:
// `--flag="a b"` (one token), `--flag=value`, `--flag value`, `-f value`, `-fvalue`,
// `-f=value`, clusters of boolean short flags (`-aq`), repeated flags (the last wins,
// or all are kept for list flags), `--no-<flag>` for booleans, `--` to end flags, and
// negative numbers as values or positionals (`-p -1`, `bd update x --estimate -5`).
// A string flag takes the next token whatever it looks like, as cobra does, so a
// title that starts with "-" needs no quoting trick. Nothing is rewritten or guessed
// from another parser's error wording; an unknown flag names the closest known one.
import {usageError} from '../core/base/errors.js';
import {kebab} from './help.js';
import type {FlagSpec} from './spec.js';
import {closest} from './suggest.js';

export type ParsedFlags = {
	readonly args: string[];
	/** By flag name (camelCase, as in the registry). Lists for isMultiple flags. */
	readonly flags: Record<string, unknown>;
	/** --help or -h was given. */
	readonly help: boolean;
};

const negativeNumber = /^-\d+(\.\d+)?$/;
const trueWords = new Set(['true', '1', 'yes', 'on']);
const falseWords = new Set(['false', '0', 'no', 'off']);

export type Known = {readonly name: string; readonly flag: FlagSpec};
export type FlagIndex = {readonly longs: ReadonlyMap<string, Known>; readonly shorts: ReadonlyMap<string, Known>};

/** A command's flags by every long name (kebab-case, aliases too) and by short letter. */
export function indexFlags(specs: Readonly<Record<string, FlagSpec>>): FlagIndex {
	const longs = new Map<string, Known>();
	const shorts = new Map<string, Known>();
	for (const [name, flag] of Object.entries(specs)) {
		for (const long of [name, ...(flag.aliases ?? [])]) longs.set(kebab(long), {name, flag});
		if (flag.shortFlag) shorts.set(flag.shortFlag, {name, flag});
	}
	return {longs, shorts};
}

export function parseFlagTokens(tokens: readonly string[], specs: Readonly<Record<string, FlagSpec>>, where: string): ParsedFlags {
	const {longs, shorts} = indexFlags(specs);
	const args: string[] = [];
	const flags: Record<string, unknown> = {};
	let help = false;

	const unknownFlag = (typed: string) => {
		const guess = closest(typed.replace(/^-+/, '').split('=')[0]!, [...longs.keys()]);
		return usageError(`unknown flag ${typed.split('=')[0]} for "${where}"`, guess ? `did you mean --${guess}? (see ${where} --help)` : `see ${where} --help`);
	};
	const set = (known: Known, display: string, raw: string | boolean) => {
		const {name, flag} = known;
		let value: unknown = raw;
		if (flag.type === 'boolean' && typeof raw === 'string') {
			const word = raw.toLowerCase();
			if (trueWords.has(word)) value = true;
			else if (falseWords.has(word)) value = false;
			else throw usageError(`flag ${display} is on or off, not "${raw}"`, `write ${display} or ${display}=false`);
		}
		if (flag.type === 'number') {
			const number = Number(raw);
			if (typeof raw !== 'string' || raw.trim() === '' || Number.isNaN(number)) throw usageError(`flag ${display} takes a number (got "${String(raw)}")`, `see ${where} --help`);
			value = number;
		}
		if (flag.choices && !flag.choices.includes(String(value))) {
			// ESCALATED and escalated are the same choice (the originals' docs use both cases).
			const folded = flag.choices.find(choice => choice.toLowerCase() === String(value).toLowerCase());
			if (folded !== undefined) value = folded;
		}
		if (flag.choices && !flag.choices.includes(String(value))) {
			throw usageError(`${display} must be one of ${flag.choices.join(', ')} (got "${String(value)}")`, `see ${where} --help`);
		}
		if (flag.isMultiple) flags[name] = [...((flags[name] as unknown[] | undefined) ?? []), value];
		else flags[name] = value;
	};
	const valueAfter = (index: number, display: string): string => {
		const next = tokens[index + 1];
		if (next === undefined) throw usageError(`flag ${display} needs a value`, `write ${display} <value> or ${display}=<value>`);
		return next;
	};

	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index]!;
		if (token === '--') {
			args.push(...tokens.slice(index + 1));
			break;
		}
		if (token === '--help' || token === '-h') {
			help = true;
			continue;
		}
		if (token.startsWith('--')) {
			const equals = token.indexOf('=');
			const long = equals >= 0 ? token.slice(2, equals) : token.slice(2);
			const inline = equals >= 0 ? token.slice(equals + 1) : undefined;
			let known = longs.get(long);
			if (!known && long.startsWith('no-') && inline === undefined) {
				const negated = longs.get(long.slice(3));
				if (negated?.flag.type === 'boolean') {
					flags[negated.name] = false;
					continue;
				}
			}
			if (!known) throw unknownFlag(token);
			const display = `--${long}`;
			if (known.flag.type === 'boolean') set(known, display, inline ?? true);
			else if (inline !== undefined) set(known, display, inline);
			else set(known, display, valueAfter(index++, display));
			continue;
		}
		if (token.startsWith('-') && token.length > 1 && !negativeNumber.test(token)) {
			const letter = token[1]!;
			const known = shorts.get(letter);
			if (!known) throw unknownFlag(token);
			const display = `-${letter}`;
			const rest = token.slice(2);
			if (known.flag.type !== 'boolean') {
				// -p1, -p=1, -p 1, -p -1
				if (rest !== '') set(known, display, rest.startsWith('=') ? rest.slice(1) : rest);
				else set(known, display, valueAfter(index++, display));
				continue;
			}
			set(known, display, true);
			// A cluster of boolean short flags: -aq.
			for (const other of rest) {
				const more = shorts.get(other);
				if (!more || more.flag.type !== 'boolean') throw usageError(`-${other} in ${token} is not an on/off flag of "${where}"`, `give it on its own, or see ${where} --help`);
				set(more, `-${other}`, true);
			}
			continue;
		}
		args.push(token);
	}
	return {args, flags, help};
}
