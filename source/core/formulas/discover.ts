// Where formulas come from, first match wins: the current ledger's formulas/, the
// town's .beads/formulas/, ~/.beads/formulas/, then the ones shipped in the package.
import {packageRoot} from '../base/package-files.js';
import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {currentLedgerDir} from '../beads/resolve.js';
import type {Environment} from '../base/environment.js';
import {notFound} from '../base/errors.js';
import {findTownRoot, townLayout} from '../base/paths.js';
import {formulaNameOf, formulaSuffixes, readFormulaFile, type Formula} from './parse.js';

export type FormulaSource = 'search-path' | 'ledger' | 'town' | 'home' | 'shipped';

export type FormulaDir = {source: FormulaSource; dir: string};

export type FormulaEntry = {name: string; source: FormulaSource; file: string};

/** The package's own formulas/ directory (beside package.json). */
export function shippedFormulasDir(): string | undefined {
	const root = packageRoot();
	const candidate = root && path.join(root, 'formulas');
	return candidate && existsSync(candidate) ? candidate : undefined;
}

/** `extra`: `--search-path` directories, searched first. */
export function formulaDirs(env: Environment, extra: readonly string[] = []): FormulaDir[] {
	const dirs: FormulaDir[] = extra.map(dir => ({source: 'search-path' as const, dir: path.resolve(env.cwd, dir)}));
	const ledger = currentLedgerDir(env);
	if (ledger) dirs.push({source: 'ledger', dir: path.join(ledger, 'formulas')});
	const town = findTownRoot(env);
	if (town) dirs.push({source: 'town', dir: townLayout(town).formulas});
	dirs.push({source: 'home', dir: path.join(env.home, '.beads', 'formulas')});
	const shipped = shippedFormulasDir();
	if (shipped) dirs.push({source: 'shipped', dir: shipped});
	// At the town's HQ the current ledger is the town's: search it once.
	const seen = new Set<string>();
	return dirs.filter(({dir}) => !seen.has(path.resolve(dir)) && Boolean(seen.add(path.resolve(dir))));
}

function filesIn(dir: string): string[] {
	try {
		// .toml before .json of the same name, so the TOML one shadows it as in Beads.
		const rank = (file: string) => (file.endsWith('.json') ? 1 : 0);
		return readdirSync(dir).filter(file => formulaSuffixes.some(suffix => file.endsWith(suffix))).sort((a, b) => formulaNameOf(a).localeCompare(formulaNameOf(b)) || rank(a) - rank(b));
	} catch {
		return [];
	}
}

/** Every formula by name; a name found earlier shadows the same name later, and in one directory .toml shadows .json. */
export function listFormulas(env: Environment): FormulaEntry[] {
	const byName = new Map<string, FormulaEntry>();
	for (const {source, dir} of formulaDirs(env)) {
		for (const file of filesIn(dir)) {
			const name = formulaNameOf(file);
			if (!byName.has(name)) byName.set(name, {name, source, file: path.join(dir, file)});
		}
	}
	return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Finds a formula by name (one stat per directory), or takes the argument as a file path. */
export function findFormula(env: Environment, nameOrPath: string, extra: readonly string[] = []): FormulaEntry | undefined {
	if (formulaSuffixes.some(suffix => nameOrPath.endsWith(suffix)) || nameOrPath.includes('/')) {
		const file = path.resolve(env.cwd, nameOrPath);
		return existsSync(file) ? {name: formulaNameOf(file), source: 'ledger', file} : undefined;
	}
	// As Beads: in each directory, <name>.formula.toml, then <name>.formula.json.
	for (const {source, dir} of formulaDirs(env, extra)) {
		for (const suffix of formulaSuffixes) {
			const file = path.join(dir, `${nameOrPath}${suffix}`);
			if (existsSync(file)) return {name: nameOrPath, source, file};
		}
	}
	return undefined;
}

export function requireFormula(env: Environment, nameOrPath: string, extra: readonly string[] = []): FormulaEntry {
	const entry = findFormula(env, nameOrPath, extra);
	if (!entry) throw notFound(`no formula "${nameOrPath}"`, '`bd formula list` shows the ones found here');
	return entry;
}

export function loadFormula(env: Environment, nameOrPath: string): {entry: FormulaEntry; formula: Formula} {
	const entry = requireFormula(env, nameOrPath);
	return {entry, formula: readFormulaFile(entry.file)};
}
