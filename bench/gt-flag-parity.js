// How many of the flags the original Gas Town's commands define does our `gt` accept?
// Needs the Gas Town mirror (never run in CI):
//
//   node bench/gt-flag-parity.js [--json] [--missing] [<gastown-repo-git-dir>]
//
// The original is a Go/cobra program; its commands are internal/cmd/*.go (tests aside):
// `var fooCmd = &cobra.Command{Use: "foo <args>", Aliases: …}`, joined into a tree by
// `parentCmd.AddCommand(childCmd, …)`, with flags from `fooCmd.Flags().StringVarP(&x,
// "name", "n", …)` and `PersistentFlags()` (which the command's subcommands inherit too),
// also when set for several commands in a `for _, cmd := range []*cobra.Command{…}` loop.
// Hidden and deprecated commands (cobra leaves both out of help) and hidden or deprecated
// flags are skipped, and listed under `skipped` in the JSON. A command both tools have is
// one whose path (any word of it may be one of the original's aliases) is the path or an
// alias of a command in our registry. For each of its flags we ask our real parser
// (cli/flags.ts over the registry's specs, command flags plus global ones) whether it takes
// `--long` and, when the original has one, `-s`; a flag is accepted when both are (and
// `-s` is the same flag as `--long` here), "refused" when our spec refuses it before running (its
// effect is missing and going ahead would be wrong: a dry run), "noted" when our spec ignores it with a one-line
// note (cli/ignored-flag.ts), applied otherwise. Output: a per-command table, totals and the
// original's top-level commands we lack (or --json), and bench/results/gt-flag-parity.json.
// Not counted: cobra's own --help/-h, the root's --version, and the help and completion
// commands cobra adds by itself (they are not in internal/cmd).
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {acceptsFlag, loadSource} from './registry-loader.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const asJson = argv.includes('--json');
const showMissing = argv.includes('--missing');
const gastownGit = argv.find(arg => !arg.startsWith('--')) ?? '/work/.mirror/steveyegge+gastown/repo';
const cmdDir = 'internal/cmd';

const loadOurs = () => loadSource(`export {gtRegistry} from './source/cli/registry/gt.ts'; export {parseFlagTokens} from './source/cli/flags.ts'; export {kebab} from './source/cli/help.ts';`);

const git = (...args) => execFileSync('git', ['-C', gastownGit, ...args], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});

// ---- Reading Go: just enough of its lexical rules to find braces and literals.

/** The source with comments turned to spaces (newlines kept), strings and runes untouched. */
export function blankComments(source) {
	let out = '';
	for (let index = 0; index < source.length;) {
		const char = source[index];
		if (char === '/' && source[index + 1] === '/') {
			const end = source.indexOf('\n', index);
			const stop = end < 0 ? source.length : end;
			out += ' '.repeat(stop - index);
			index = stop;
		} else if (char === '/' && source[index + 1] === '*') {
			const end = source.indexOf('*/', index + 2);
			const stop = end < 0 ? source.length : end + 2;
			out += source.slice(index, stop).replace(/[^\n]/g, ' ');
			index = stop;
		} else if (char === '"' || char === '`' || char === '\'') {
			const stop = literalEnd(source, index);
			out += source.slice(index, stop);
			index = stop;
		} else {
			out += char;
			index++;
		}
	}
	return out;
}

/** The index just past the string, raw string or rune literal that starts at `start`. */
function literalEnd(source, start) {
	const quote = source[start];
	let index = start + 1;
	while (index < source.length && source[index] !== quote) {
		if (quote !== '`' && source[index] === '\\') index++;
		if (quote !== '`' && source[index] === '\n') break;
		index++;
	}
	return index + 1;
}

/** The value of the Go string literal at `start` ("…" with escapes, or `…`). */
function stringValue(source, start) {
	const raw = source.slice(start, literalEnd(source, start));
	if (raw.startsWith('`')) return raw.slice(1, -1);
	try {
		return JSON.parse(raw);
	} catch {
		return raw.slice(1, -1);
	}
}

/** The index of the bracket that closes the one at `open` ({, ( or [), skipping literals. */
function closing(source, open) {
	let depth = 0;
	for (let index = open; index < source.length; index++) {
		const char = source[index];
		if (char === '"' || char === '`' || char === '\'') {
			index = literalEnd(source, index) - 1;
			continue;
		}
		if ('{(['.includes(char)) depth++;
		else if ('})]'.includes(char) && --depth === 0) return index;
	}
	return source.length;
}

/** `text` with everything nested inside brackets, and the inside of literals, turned to spaces: only its own top level shows. */
function topLevel(text) {
	let out = '';
	let depth = 0;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (char === '"' || char === '`' || char === '\'') {
			const end = Math.min(literalEnd(text, index), text.length);
			const inside = text.slice(index, end).replace(/[^\n]/g, ' ');
			out += depth === 0 && end - index > 1 ? `${char}${inside.slice(1, -1)}${text[end - 1]}` : inside;
			index = end - 1;
		} else if ('{(['.includes(char)) {
			out += depth === 0 ? char : ' ';
			depth++;
		} else if ('})]'.includes(char)) {
			depth--;
			out += depth === 0 ? char : ' ';
		} else {
			out += depth === 0 || char === '\n' ? char : ' ';
		}
	}
	return out;
}

/** The top-level arguments of the call whose `(` is at `open`, as source text. */
function callArguments(source, open) {
	const close = closing(source, open);
	const inside = source.slice(open + 1, close);
	const shape = topLevel(inside);
	const args = [];
	let from = 0;
	for (let index = 0; index <= shape.length; index++) {
		if (index === shape.length || shape[index] === ',') {
			const arg = inside.slice(from, index).trim();
			if (arg !== '') args.push(arg);
			from = index + 1;
		}
	}
	return args;
}

const stringLiteral = /^("(?:[^"\\\n]|\\.)*"|`[^`]*`)$/;
const literalOf = arg => (stringLiteral.test(arg) ? stringValue(arg, 0) : undefined);

// pflag's typed definers: Bool, BoolVar, BoolP, BoolVarP, StringSlice, …; Count flags take no value either.
const flagTypes = new Set(['Bool', 'String', 'Int', 'Int8', 'Int16', 'Int32', 'Int64', 'Uint', 'Uint8', 'Uint16', 'Uint32', 'Uint64', 'Float32', 'Float64', 'Duration', 'Count', 'StringSlice', 'StringArray', 'StringToString', 'StringToInt', 'IntSlice', 'Int32Slice', 'Int64Slice', 'UintSlice', 'Float64Slice', 'BoolSlice', 'DurationSlice', 'IP', 'IPSlice', 'IPMask', 'IPNet', 'BytesHex', 'BytesBase64']);
const noValueTypes = new Set(['Bool', 'Count']);
// FlagSet methods that read flags or tune the set, not define or hide one.
const readers = /^(Get\w*|Lookup|Changed|Set|SetAnnotation|SetInterspersed|SetNormalizeFunc|SetOutput|Parse\w*|Parsed|Args|Arg|NArg|NFlag|Visit|VisitAll|HasFlags|HasAvailableFlags|PrintDefaults|FlagUsages\w*|ShorthandLookup|AddFlagSet|AddGoFlagSet|AddFlag|SortFlags|Init|Output|MarkFlagRequired)$/;

/**
 * The original's command tree from its Go sources ([file, text] pairs).
 * Returns {commands: [{name, file, use, aliases, hidden, deprecated, flags, persistent, parents, children}], unparsed: [text]}.
 */
export function parseCobra(files) {
	const commands = new Map();
	const unparsed = [];
	const sources = files.map(([file, text]) => [file, blankComments(text)]);
	// Commands: `name = &cobra.Command{…}` or `name := &cobra.Command{…}` (package level or inside a function).
	for (const [file, source] of sources) {
		for (const match of source.matchAll(/\b(\w+)\s*:?=\s*&cobra\.Command\{/g)) {
			const open = match.index + match[0].length - 1;
			const body = source.slice(open + 1, closing(source, open));
			const shape = topLevel(body);
			const field = name => new RegExp(`(?:^|[\\s,])${name}:\\s*`).exec(shape);
			const command = {name: match[1], file, use: undefined, aliases: [], hidden: false, deprecated: false, flags: [], persistent: [], parents: [], children: []};
			const use = field('Use');
			if (use) command.use = literalOf(body.slice(use.index + use[0].length, literalEnd(body, use.index + use[0].length)).trim());
			if (command.use === undefined) unparsed.push(`${file}: ${match[1]} has no literal Use`);
			const aliases = field('Aliases');
			if (aliases) {
				const list = /^\[\]string\{([^}]*)\}/.exec(body.slice(aliases.index + aliases[0].length));
				if (list) command.aliases = list[1].split(',').map(item => item.trim()).filter(Boolean).map(item => literalOf(item) ?? item);
				else unparsed.push(`${file}: ${match[1]}'s Aliases are not a []string literal`);
			}
			const hidden = field('Hidden');
			if (hidden) command.hidden = /^true\b/.test(body.slice(hidden.index + hidden[0].length));
			if (field('Deprecated')) command.deprecated = true;
			if (commands.has(match[1])) unparsed.push(`${file}: a second command variable named ${match[1]} (first in ${commands.get(match[1]).file}); the later one is used`);
			commands.set(match[1], command);
		}
	}
	const hiddenFlags = [];
	for (const [file, source] of sources) {
		// `for _, cmd := range []*cobra.Command{a, b} { cmd.Flags()… }`: the loop variable stands for each listed command.
		const loops = [];
		for (const match of source.matchAll(/\bfor\s+_\s*,\s*(\w+)\s*:=\s*range\s*\[\]\*cobra\.Command\{([^}]*)\}\s*\{/g)) {
			const open = match.index + match[0].length - 1;
			loops.push({variable: match[1], names: match[2].split(',').map(item => item.trim()).filter(Boolean), from: open, to: closing(source, open)});
		}
		const targets = (receiver, at) => {
			const loop = loops.find(candidate => candidate.variable === receiver && candidate.from < at && at < candidate.to);
			return loop ? loop.names : [receiver];
		};
		for (const match of source.matchAll(/\b(\w+)\.AddCommand\(/g)) {
			const parent = commands.get(match[1]);
			const children = callArguments(source, match.index + match[0].length - 1);
			if (!parent) {
				unparsed.push(`${file}: ${match[1]}.AddCommand(${children.join(', ')}): ${match[1]} is not a command defined with &cobra.Command{}`);
				continue;
			}
			for (const child of children) {
				const command = commands.get(child);
				if (!command) {
					unparsed.push(`${file}: ${match[1]}.AddCommand(… ${child} …): not a command variable`);
					continue;
				}
				if (!parent.children.includes(command)) parent.children.push(command);
				if (!command.parents.includes(parent)) command.parents.push(parent);
			}
		}
		for (const match of source.matchAll(/\b(\w+)\.(Hidden|Aliases|Deprecated|Use)\s*=(?!=)/g)) {
			if (!commands.has(match[1])) continue;
			const value = source.slice(match.index + match[0].length, source.indexOf('\n', match.index)).trim();
			const command = commands.get(match[1]);
			if (match[2] === 'Hidden' && /^(true|false)\b/.test(value)) command.hidden = value.startsWith('true');
			else if (match[2] === 'Deprecated') command.deprecated = true;
			else if (!(match[2] === 'Use' && match[1] === 'rootCmd')) unparsed.push(`${file}: ${match[0]} ${value}`);
		}
		for (const match of source.matchAll(/\b(\w+)\.(Persistent|Local)?Flags\(\)(\.(\w+)\()?/g)) {
			const [, receiver, kind, call, method] = match;
			if (!call) {
				// A FlagSet kept in a variable (`f := fooCmd.Flags()`) or passed on: not followed here.
				unparsed.push(`${file}: ${source.slice(match.index, source.indexOf('\n', match.index)).trim()}`);
				continue;
			}
			const open = match.index + match[0].length - 1;
			const args = callArguments(source, open);
			const names = targets(receiver, match.index);
			const known = names.filter(name => commands.has(name));
			if (method === 'MarkHidden' || method === 'MarkDeprecated' || method === 'MarkShorthandDeprecated') {
				const flag = literalOf(args[0] ?? '');
				for (const name of known) hiddenFlags.push({command: name, long: flag, persistent: kind === 'Persistent', shorthandOnly: method === 'MarkShorthandDeprecated'});
				continue;
			}
			if (method === 'Lookup') {
				// `fooCmd.Flags().Lookup("notify").NoOptDefVal = "mayor/"`: the flag's value may be left out.
				const rest = source.slice(closing(source, open) + 1, closing(source, open) + 40);
				if (/^\.NoOptDefVal\s*=/.test(rest)) for (const name of known) commands.get(name).optional = [...(commands.get(name).optional ?? []), literalOf(args[0] ?? '')];
				continue;
			}
			if (readers.test(method)) continue;
			const definer = /^(\w+?)(Var)?(P)?$/.exec(method);
			const type = method === 'Var' || method === 'VarP' ? 'Var' : definer?.[1];
			if (!definer || (!flagTypes.has(type) && type !== 'Var')) {
				unparsed.push(`${file}: ${receiver}.${kind ?? ''}Flags().${method}(…): not a flag definer this bench knows`);
				continue;
			}
			const pointer = method.includes('Var') ? 1 : 0;
			const long = literalOf(args[pointer] ?? '');
			const short = definer[3] ? literalOf(args[pointer + 1] ?? '') : undefined;
			if (long === undefined || (definer[3] && short === undefined)) {
				unparsed.push(`${file}: ${receiver}.${kind ?? ''}Flags().${method}(${args.slice(0, pointer + 2).join(', ')}, …): the name is not a string literal`);
				continue;
			}
			if (type === 'Var') unparsed.push(`${file}: ${receiver}.Flags().${method}(…, "${long}", …): a flag.Value of unknown type, counted as taking a value`);
			if (known.length === 0) {
				unparsed.push(`${file}: ${receiver}.${kind ?? ''}Flags().${method}(…, "${long}", …): ${receiver} is not a command variable`);
				continue;
			}
			const flag = {long, short: short || undefined, goType: type, takesValue: !noValueTypes.has(type)};
			for (const name of known) commands.get(name)[kind === 'Persistent' ? 'persistent' : 'flags'].push(flag);
		}
	}
	for (const {command, long, persistent, shorthandOnly} of hiddenFlags) {
		const owner = commands.get(command);
		for (const list of [persistent ? owner.persistent : owner.flags, owner.flags, owner.persistent]) {
			const flag = list.find(candidate => candidate.long === long);
			if (flag && shorthandOnly) flag.shortHidden = true;
			else if (flag) flag.hidden = true;
		}
	}
	return {commands: [...commands.values()], unparsed};
}

/**
 * Every path of every command reachable from rootCmd: {path, aliasPaths, command, flags, hidden, hiddenFlags, hiddenBy}.
 * A command added to two parents has two paths. Flags are its own plus its ancestors' persistent ones (its own win).
 */
export function commandPaths(parsed) {
	const root = parsed.commands.find(command => command.name === 'rootCmd');
	if (!root) throw new Error('no rootCmd in internal/cmd');
	const out = [];
	const firstWord = command => (command.use ?? command.name.replace(/Cmd$/, '')).trim().split(/\s+/)[0];
	const walk = (command, words, choices, inherited, hiddenBy, seen) => {
		for (const child of command.children) {
			if (seen.has(child)) continue;
			const word = firstWord(child);
			const path = [...words, word];
			const childChoices = [...choices, [word, ...child.aliases]];
			const byName = new Map();
			const hidden = [];
			for (const flag of [...child.flags, ...child.persistent, ...inherited]) {
				if (byName.has(flag.long)) continue;
				byName.set(flag.long, flag);
			}
			for (const flag of byName.values()) if (flag.hidden) hidden.push(flag);
			const flags = [...byName.values()].filter(flag => !flag.hidden).map(flag => (flag.shortHidden ? {...flag, short: undefined} : flag));
			const why = hiddenBy ?? (child.hidden ? `${path.join(' ')} is hidden` : child.deprecated ? `${path.join(' ')} is deprecated` : undefined);
			const optional = new Set(child.optional ?? []);
			out.push({path, choices: childChoices, command: child, flags: flags.map(flag => ({...flag, optionalValue: optional.has(flag.long) || undefined})), hiddenFlags: hidden, hiddenBy: why});
			walk(child, path, childChoices, [...child.persistent, ...inherited], why, new Set([...seen, child]));
		}
	};
	walk(root, [], [], root.persistent, undefined, new Set([root]));
	const reachable = new Set([root, ...out.map(entry => entry.command)]);
	return {root, paths: out, unreachable: parsed.commands.filter(command => !reachable.has(command))};
}

/** Every spelling of a path: each word as written or as one of its aliases. */
function spellings(choices) {
	let all = [[]];
	for (const options of choices) all = all.flatMap(prefix => options.map(word => [...prefix, word]));
	return all;
}

const same = (a, b) => a.length === b.length && a.every((word, index) => word === b[index]);

/** Our registry's command for an original path: one of its spellings is our path or one of our aliases. */
function ourCommand(registry, entry) {
	const candidates = spellings(entry.choices);
	for (const spec of registry.commands) {
		if (spec.hidden) continue;
		for (const path of [spec.path, ...(spec.aliases ?? [])]) if (candidates.some(candidate => same(candidate, path))) return spec;
	}
	return undefined;
}

/** Our flag specs by long name (kebab-case, aliases too) and by shorthand, as the parser sees them. */
function flagIndex(kebab, specs) {
	const longs = new Map();
	const shorts = new Map();
	for (const [name, flag] of Object.entries(specs)) {
		for (const long of [name, ...(flag.aliases ?? [])]) longs.set(kebab(long), {name, flag});
		if (flag.shortFlag) shorts.set(flag.shortFlag, {name, flag});
	}
	return {longs, shorts};
}

const accepts = (parseFlagTokens, specs, token, takesValue) => acceptsFlag(parseFlagTokens, specs, token, takesValue, 'gt');

/** One original flag against our specs: {accepted, noted, reason}. Value-ness from our spec, else the Go type. */
function checkFlag(ours, flag) {
	const {parseFlagTokens, specs, index} = ours;
	const ourLong = index.longs.get(flag.long) ?? (flag.long.startsWith('no-') ? index.longs.get(flag.long.slice(3)) : undefined);
	const ourShort = flag.short ? index.shorts.get(flag.short) : undefined;
	const valued = known => (known ? known.flag.type !== 'boolean' : flag.takesValue);
	const long = accepts(parseFlagTokens, specs, `--${flag.long}`, valued(ourLong));
	const short = !flag.short || accepts(parseFlagTokens, specs, `-${flag.short}`, valued(ourShort));
	if (!long) return {accepted: false, reason: `--${flag.long}`};
	if (!short) return {accepted: false, reason: `-${flag.short} (--${flag.long})`};
	if (flag.short && ourLong && ourShort && ourShort.name !== ourLong.name) return {accepted: false, reason: `-${flag.short} (--${flag.long}; -${flag.short} is --${ours.kebab(ourShort.name)} here)`};
	return {accepted: true, noted: ourLong?.flag.ignored !== undefined, refused: ourLong?.flag.refused !== undefined};
}

export default async function main() {
	const {gtRegistry, parseFlagTokens, kebab} = await loadOurs();
	const files = git('ls-tree', '--name-only', 'HEAD', `${cmdDir}/`).split('\n').filter(file => file.endsWith('.go') && !file.endsWith('_test.go'));
	const parsed = parseCobra(files.map(file => [path.basename(file), git('show', `HEAD:${file}`)]));
	const {root, paths, unreachable} = commandPaths(parsed);
	const unparsed = [...parsed.unparsed, ...unreachable.map(command => `${command.file}: ${command.name} (${command.use ?? '?'}) is never added under rootCmd`)];
	const seen = new Set();
	const rows = [];
	// Flags on the root's PersistentFlags are every command's: one row against our global flags, as bench/flag-parity.js.
	const globalNames = new Set(root.persistent.map(flag => flag.long));
	if (root.persistent.length > 0) {
		const ours = {parseFlagTokens, kebab, specs: gtRegistry.globalFlags, index: flagIndex(kebab, gtRegistry.globalFlags)};
		const results = root.persistent.filter(flag => !flag.hidden).map(flag => checkFlag(ours, flag));
		rows.push({command: '(global)', ours: '(global)', original: results.length, accepted: results.filter(result => result.accepted).length, noted: results.filter(result => result.noted).length, rejected: results.filter(result => !result.accepted).map(result => result.reason)});
	}
	const skipped = {commands: [], flags: []};
	for (const entry of paths) {
		if (entry.hiddenBy) {
			skipped.commands.push({command: entry.path.join(' '), why: entry.hiddenBy, ours: ourCommand(gtRegistry, entry)?.path.join(' ')});
			continue;
		}
		for (const flag of entry.hiddenFlags) skipped.flags.push(`${entry.path.join(' ')}: --${flag.long}`);
		const spec = ourCommand(gtRegistry, entry);
		if (!spec) continue;
		// One row per (original command, our command): `gt convoy check` and `gt convoy refresh` are one command here.
		const key = `${entry.path.join(' ')}→${spec.path.join(' ')}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const specs = {...gtRegistry.globalFlags, ...spec.flags};
		const ours = {parseFlagTokens, kebab, specs, index: flagIndex(kebab, specs)};
		const flags = entry.flags.filter(flag => !globalNames.has(flag.long));
		const results = flags.map(flag => checkFlag(ours, flag));
		rows.push({command: entry.path.join(' '), ours: spec.path.join(' '), original: flags.length, accepted: results.filter(result => result.accepted).length, noted: results.filter(result => result.noted).length, refused: results.filter(result => result.refused).length, rejected: results.filter(result => !result.accepted).map(result => result.reason), flags: flags.map(flag => `--${flag.long}${flag.short ? `/-${flag.short}` : ''}${flag.takesValue ? '' : ' (no value)'}`)});
	}
	// The original's visible commands we have nothing for: top-level words, then (for --missing) subcommands under words we share.
	const ourFirstWords = new Set(gtRegistry.commands.filter(spec => !spec.hidden).flatMap(spec => [spec.path, ...(spec.aliases ?? [])].map(words => words[0])));
	const visible = paths.filter(entry => !entry.hiddenBy);
	const missingTopLevel = visible.filter(entry => entry.path.length === 1 && !entry.choices[0].some(word => ourFirstWords.has(word))).map(entry => entry.path[0]).sort();
	const missingSubcommands = visible.filter(entry => entry.path.length > 1 && entry.command.children.length === 0 && entry.choices[0].some(word => ourFirstWords.has(word)) && !ourCommand(gtRegistry, entry)).map(entry => entry.path.join(' ')).sort();
	const totals = rows.reduce((sum, row) => ({commands: sum.commands + (row.command === '(global)' ? 0 : 1), original: sum.original + row.original, accepted: sum.accepted + row.accepted, noted: sum.noted + row.noted, refused: sum.refused + (row.refused ?? 0)}), {commands: 0, original: 0, accepted: 0, noted: 0, refused: 0});
	const report = {
		source: `${gastownGit} ${git('rev-parse', '--short', 'HEAD').trim()}`,
		original: {commands: parsed.commands.length, paths: paths.length, visible: visible.length, flagDefinitions: parsed.commands.reduce((sum, command) => sum + command.flags.length + command.persistent.length, 0)},
		totals: {...totals, rejected: totals.original - totals.accepted},
		rows,
		missingTopLevel,
		missingSubcommands,
		skipped,
		unparsed,
	};
	mkdirSync(path.join(repo, 'bench', 'results'), {recursive: true});
	writeFileSync(path.join(repo, 'bench', 'results', 'gt-flag-parity.json'), `${JSON.stringify(report, null, '\t')}\n`);
	if (asJson) {
		process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
		return;
	}
	const width = Math.max(...rows.map(row => row.command.length), 7);
	process.stdout.write(`${'command'.padEnd(width)}  original  accepted  applied  noted  rejected\n`);
	for (const row of rows) {
		const list = row.rejected.length === 0 ? '' : showMissing || row.rejected.length <= 8 ? row.rejected.join(' ') : `${row.rejected.slice(0, 8).join(' ')} … (+${row.rejected.length - 8}, --missing lists all)`;
		process.stdout.write(`${row.command.padEnd(width)}  ${String(row.original).padStart(8)}  ${String(row.accepted).padStart(8)}  ${String(row.accepted - row.noted).padStart(7)}  ${String(row.noted).padStart(5)}  ${list}\n`);
	}
	process.stdout.write(`\n${totals.commands} common commands, ${totals.original} original flags, ${totals.accepted} accepted (${totals.accepted - totals.noted - totals.refused} applied, ${totals.noted} ignored with a one-line note, ${totals.refused} refused before anything runs: their effect is missing and going ahead would be wrong), ${totals.original - totals.accepted} rejected\n`);
	process.stdout.write(`Original top-level commands we lack (${missingTopLevel.length}): ${missingTopLevel.join(' ')}\n`);
	if (showMissing) process.stdout.write(`Original subcommands we lack under commands we share (${missingSubcommands.length}): ${missingSubcommands.join(', ')}\n`);
	process.stdout.write(`Skipped: ${skipped.commands.length} hidden or deprecated original command paths, ${skipped.flags.length} hidden flags${unparsed.length > 0 ? `; ${unparsed.length} things in the Go source not understood (--json lists them)` : ''}\n`);
}

await main();
