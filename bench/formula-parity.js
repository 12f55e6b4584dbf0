// Pours every formula file the originals ship and counts what it made, to compare
// with the original's semantics by hand. Needs local clones (never run in CI):
//
//   node bench/formula-parity.js <dir-with-formula-files>...   (e.g. a beads and a gastown clone)
//
// For each directory, its *.formula.toml/json files (found recursively) are copied
// into a scratch ledger's .beads/formulas, then each is poured with `bd mol pour`
// (every declared var without a default given the value "x"), and the new beads are
// counted: beads, parent-child edges, blocks edges, waits-for edges, gate beads.
// Output: one line per file, and bench/results/formula-parity.json.
import {spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.env.GT_DIST ?? path.join(repo, 'dist'));
const bd = path.join(dist, 'bd.js');

function formulaFiles(dir) {
	const found = [];
	for (const name of readdirSync(dir)) {
		if (name === 'node_modules' || name === '.git') continue;
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) found.push(...formulaFiles(full));
		else if (/\.formula\.(toml|json)$/.test(name)) found.push(full);
	}
	return found;
}

function run(cwd, home, args) {
	const result = spawnSync(process.execPath, [bd, ...args], {cwd, encoding: 'utf8', env: {...process.env, HOME: home, BD_ACTOR: 'parity'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** Every bead in the ledger files (the journal holds recent writes; the last line of an id wins). */
function countLedger(cwd) {
	const beads = new Map();
	for (const file of ['issues.jsonl', 'wisps.jsonl', 'journal.jsonl']) {
		const full = path.join(cwd, '.beads', file);
		if (!existsSync(full)) continue;
		for (const line of readFileSync(full, 'utf8').split('\n')) {
			if (!line.startsWith('{')) continue;
			const record = JSON.parse(line);
			// A journal line is {at, put: [beads], gone: [ids]}; a ledger line is a bead.
			for (const bead of record.put ?? [record]) if (typeof bead.id === 'string') beads.set(bead.id, bead);
			for (const id of record.gone ?? []) beads.delete(id);
		}
	}
	return [...beads.values()];
}

/** A value a var accepts: its first enum value, or a sample its pattern matches. */
function sampleValue(spec) {
	if (spec.enum?.length) return spec.enum[0];
	if (!spec.pattern) return 'x';
	const pattern = new RegExp(spec.pattern, 'u');
	return ['x', '1', '1.2.0', 'v1.2.0', 'abc-1', 'a'].find(value => pattern.test(value)) ?? 'x';
}

export default async function main(dirs = process.argv.slice(2)) {
	if (!existsSync(bd)) throw new Error(`no ${bd}: run npm run build`);
	if (dirs.length === 0) throw new Error('usage: node bench/formula-parity.js <dir>...');
	const rows = [];
	for (const source of dirs) {
		const scratch = mkdtempSync(path.join(os.tmpdir(), 'gt-parity-'));
		try {
			if (run(scratch, scratch, ['init', '--prefix', 'pp']).code !== 0) throw new Error('bd init failed');
			const target = path.join(scratch, '.beads', 'formulas');
			mkdirSync(target, {recursive: true});
			const files = formulaFiles(path.resolve(source));
			for (const file of files) copyFileSync(file, path.join(target, path.basename(file)));
			for (const file of files) {
				const name = path.basename(file).replace(/\.formula\.(toml|json)$/, '');
				const shown = run(scratch, scratch, ['formula', 'show', name, '--json']);
				if (shown.code !== 0) {
					rows.push({source, name, error: shown.stderr.trim()});
					continue;
				}
				const formula = JSON.parse(shown.stdout);
				const vars = Object.entries(formula.vars ?? {}).filter(([, spec]) => spec.default === undefined).flatMap(([key, spec]) => ['--var', `${key}=${sampleValue(spec)}`]);
				const poured = run(scratch, scratch, ['mol', 'pour', name, ...vars, '--json']);
				if (poured.code !== 0) {
					rows.push({source, name, type: formula.type, error: poured.stderr.trim()});
					continue;
				}
				const root = JSON.parse(poured.stdout).new_epic_id;
				const fresh = countLedger(scratch).filter(bead => bead.id === root || bead.id.startsWith(`${root}.`));
				const edges = fresh.flatMap(bead => bead.dependencies ?? []);
				rows.push({
					source, name, type: formula.type,
					beads: fresh.length,
					parentChild: edges.filter(edge => edge.type === 'parent-child').length,
					blocks: edges.filter(edge => edge.type === 'blocks').length,
					waitsFor: edges.filter(edge => edge.type === 'waits-for').length,
					gates: fresh.filter(bead => bead.issue_type === 'gate').length,
				});
			}
		} finally {
			rmSync(scratch, {recursive: true, force: true});
		}
	}
	for (const row of rows) {
		const what = row.error ? `error: ${row.error}` : `beads ${row.beads}  parent-child ${row.parentChild}  blocks ${row.blocks}  waits-for ${row.waitsFor}  gates ${row.gates}`;
		console.log(`${row.name.padEnd(34)} ${(row.type ?? '').padEnd(9)} ${what}`);
	}
	mkdirSync(path.join(repo, 'bench', 'results'), {recursive: true});
	writeFileSync(path.join(repo, 'bench', 'results', 'formula-parity.json'), `${JSON.stringify(rows, null, '\t')}\n`);
	return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
