// How many of the flags the original Beads CLI reference documents does our `bd` accept?
// Needs the Beads mirror (never run in CI):
//
//   node bench/flag-parity.js [--json] [--missing] [<beads-repo-git-dir>]
//
// The reference (website/docs/cli-reference/*.md, generated from the original's real
// help) has one `## bd <cmd>` section per command and `### bd <cmd> <sub>` (and ####)
// sections for subcommands, each with a **Flags:** block in cobra's help format and
// an **Aliases:** line. A command both tools have is one whose path (or an alias of
// it, on either side) names a command in our registry. For each of its documented
// flags we ask our real parser (cli/flags.ts over the registry's specs, command flags
// plus global ones) whether it takes `--long` and, when documented, `-s`; a flag is
// accepted when both are, and "noted" when our spec ignores it with a one-line note
// (cli/ignored-flag.ts); the rest are applied. Output: a per-command table and totals (or --json), and
// bench/results/flag-parity.json.
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {acceptsFlag, loadSource} from './registry-loader.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const asJson = argv.includes('--json');
const showMissing = argv.includes('--missing');
const beadsGit = argv.find(arg => !arg.startsWith('--')) ?? '/work/.mirror/steveyegge+beads/repo';
const docsDir = 'website/docs/cli-reference';

const loadOurs = () => loadSource(`export {bdRegistry} from './source/cli/registry/bd.ts'; export {parseFlagTokens} from './source/cli/flags.ts';`);

const git = (...args) => execFileSync('git', ['-C', beadsGit, ...args], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});

/** Every documented command: {path, aliases, flags: [{long, short, takesValue}], page}. */
export function parseReference(pages) {
	const commands = [];
	for (const [page, text] of pages) {
		let current;
		let inFlags = false;
		let inBlock = false;
		for (const line of text.split('\n')) {
			const heading = /^#{2,4} bd (.+)$/.exec(line);
			if (heading && !inBlock) {
				current = {path: heading[1].trim().split(/\s+/), aliases: [], flags: [], page};
				commands.push(current);
				inFlags = false;
				continue;
			}
			if (!current) continue;
			if (line.startsWith('```')) {
				inBlock = !inBlock;
				if (!inBlock) inFlags = false;
				continue;
			}
			if (!inBlock) {
				const aliases = /^\*\*Aliases:\*\*\s*(.+)$/.exec(line);
				if (aliases) current.aliases = aliases[1].split(',').map(alias => alias.trim()).filter(Boolean);
				if (/^\*\*(Global )?Flags:\*\*/.test(line)) inFlags = !line.includes('Global');
				continue;
			}
			if (!inFlags) continue;
			const flag = /^\s+(?:-(\w), )?--([\w][\w-]*)(?: (\w+))?\s/.exec(`${line} `);
			if (flag) current.flags.push({long: flag[2], short: flag[1], takesValue: Boolean(flag[3])});
		}
	}
	return commands;
}

/** `rootCmd.PersistentFlags().BoolVarP(&x, "quiet", "q", …)` → {long: 'quiet', short: 'q', takesValue: false}. */
export function parseGlobalFlags(source) {
	const flags = [];
	for (const match of source.matchAll(/rootCmd\.PersistentFlags\(\)\.(String|Bool|Int)(Var)?(P)?\((?:&\w+, )?"([\w-]+)"(?:, "(\w)")?/g)) {
		if (source.includes(`MarkHidden("${match[4]}")`)) continue;
		flags.push({long: match[4], short: match[3] ? match[5] : undefined, takesValue: match[1] !== 'Bool'});
	}
	return flags;
}

/** Our registry's command for a documented path: by path, our aliases, or the original's aliases of the last word. */
function ourCommand(registry, doc) {
	const same = (a, b) => a.length === b.length && a.every((word, index) => word === b[index]);
	const candidates = [doc.path, ...doc.aliases.map(alias => [...doc.path.slice(0, -1), alias])];
	for (const spec of registry.commands) {
		if (spec.hidden) continue;
		for (const path of [spec.path, ...(spec.aliases ?? [])]) if (candidates.some(candidate => same(candidate, path))) return spec;
	}
	return undefined;
}

const accepts = (parseFlagTokens, specs, token, takesValue) => acceptsFlag(parseFlagTokens, specs, token, takesValue, 'bd');

/** Our spec for a documented long flag (by name or alias), to tell applied flags from ignored-with-a-note ones. */
function ourFlag(specs, long) {
	const camel = long.replace(/-([a-z0-9])/g, (_, letter) => letter.toUpperCase());
	return specs[camel] ?? Object.values(specs).find(spec => spec.aliases?.includes(camel));
}

const notedCount = (specs, flags) => flags.filter(flag => ourFlag(specs, flag.long)?.ignored !== undefined).length;

export default async function main() {
	const {bdRegistry, parseFlagTokens} = await loadOurs();
	const files = git('ls-tree', '--name-only', 'HEAD', `${docsDir}/`).split('\n').filter(file => file.endsWith('.md'));
	const pages = files.map(file => [path.basename(file, '.md'), git('show', `HEAD:${file}`)]);
	const seen = new Set();
	const rows = [];
	// Global flags are not on the reference pages; they come from the root command's PersistentFlags.
	const globals = parseGlobalFlags(git('show', 'HEAD:cmd/bd/main.go'));
	{
		const missing = globals.filter(flag => !accepts(parseFlagTokens, bdRegistry.globalFlags, `--${flag.long}`, flag.takesValue) || (flag.short && !accepts(parseFlagTokens, bdRegistry.globalFlags, `-${flag.short}`, flag.takesValue))).map(flag => `--${flag.long}`);
		rows.push({command: '(global)', ours: '(global)', documented: globals.length, accepted: globals.length - missing.length, noted: notedCount(bdRegistry.globalFlags, globals), missing});
	}
	for (const doc of parseReference(pages)) {
		const spec = ourCommand(bdRegistry, doc);
		if (!spec) continue;
		// One row per (documented command, our command): `bd stats` and `bd status` are one command in both.
		const key = `${doc.path.join(' ')}→${spec.path.join(' ')}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const specs = {...bdRegistry.globalFlags, ...spec.flags};
		const missing = [];
		for (const flag of doc.flags) {
			const long = accepts(parseFlagTokens, specs, `--${flag.long}`, flag.takesValue);
			const short = !flag.short || accepts(parseFlagTokens, specs, `-${flag.short}`, flag.takesValue);
			if (!long || !short) missing.push(long ? `-${flag.short} (--${flag.long})` : `--${flag.long}`);
		}
		rows.push({command: doc.path.join(' '), ours: spec.path.join(' '), documented: doc.flags.length, accepted: doc.flags.length - missing.length, noted: notedCount(specs, doc.flags), missing});
	}
	const totals = rows.reduce((sum, row) => ({commands: sum.commands + 1, documented: sum.documented + row.documented, accepted: sum.accepted + row.accepted, noted: sum.noted + row.noted}), {commands: 0, documented: 0, accepted: 0, noted: 0});
	const report = {source: `${beadsGit} ${git('rev-parse', '--short', 'HEAD').trim()}`, totals: {...totals, rejected: totals.documented - totals.accepted}, rows};
	mkdirSync(path.join(repo, 'bench', 'results'), {recursive: true});
	writeFileSync(path.join(repo, 'bench', 'results', 'flag-parity.json'), `${JSON.stringify(report, null, '\t')}\n`);
	if (asJson) {
		process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
		return;
	}
	const width = Math.max(...rows.map(row => row.command.length), 7);
	process.stdout.write(`${'command'.padEnd(width)}  documented  accepted  applied  noted  missing\n`);
	for (const row of rows) {
		const list = row.missing.length === 0 ? '' : showMissing || row.missing.length <= 8 ? row.missing.join(' ') : `${row.missing.slice(0, 8).join(' ')} … (+${row.missing.length - 8}, --missing lists all)`;
		process.stdout.write(`${row.command.padEnd(width)}  ${String(row.documented).padStart(10)}  ${String(row.accepted).padStart(8)}  ${String(row.accepted - row.noted).padStart(7)}  ${String(row.noted).padStart(5)}  ${list}\n`);
	}
	process.stdout.write(`\n${totals.commands} common commands, ${totals.documented} documented flags, ${totals.accepted} accepted (${totals.accepted - totals.noted} applied, ${totals.noted} ignored with a one-line note), ${totals.documented - totals.accepted} rejected\n`);
}

await main();
