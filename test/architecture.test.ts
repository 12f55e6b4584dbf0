// The layers of DESIGN.md §3, checked over the real import graph: dependency-cruiser resolves every
// static, dynamic and type-only import under source/ (about 3 s for ~250 files). Each failure lists the
// offending edges as `from → to`, so the message is the to-do list.
import {readFileSync} from 'node:fs';
import {builtinModules} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {cruise, type ICruiseResult} from 'dependency-cruiser';
import {beforeAll, describe, expect, it} from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const maxLines = 400;

/** One import: `from` and `to` are repository-relative paths, or a package name for `to` when external. */
type Edge = {from: string; to: string; external: boolean; unresolved: boolean; typeOnly: boolean; dynamic: boolean};

let modules: ICruiseResult['modules'] = [];
let edges: Edge[] = [];

beforeAll(async () => {
	const previous = process.cwd();
	process.chdir(root); // dependency-cruiser reports paths relative to the working directory
	try {
		const result = await cruise(
			['source'],
			{tsPreCompilationDeps: true, tsConfig: {fileName: 'tsconfig.json'}, doNotFollow: {path: 'node_modules'}, moduleSystems: ['es6', 'cjs']},
			// Sources import `./x.js` for `./x.ts` (NodeNext); ESM-only packages need the import condition.
			{extensionAlias: {'.js': ['.ts', '.tsx', '.js']}, conditionNames: ['import', 'node', 'default']},
		);
		modules = (result.output as ICruiseResult).modules;
	} finally {
		process.chdir(previous);
	}
	edges = modules.flatMap(module =>
		module.dependencies.map(dependency => {
			const relative = dependency.module.startsWith('.');
			const unresolved = dependency.couldNotResolve;
			const external = !relative && (dependency.coreModule || dependency.dependencyTypes.some(type => type.startsWith('npm') || type === 'unknown') || !dependency.resolved.startsWith('source/'));
			return {
				from: module.source,
				to: external ? packageName(dependency.module) : unresolved ? path.posix.join(path.posix.dirname(module.source), dependency.module) : dependency.resolved,
				external,
				unresolved,
				typeOnly: dependency.dependencyTypes.includes('type-only'),
				dynamic: dependency.dynamic,
			};
		}),
	);
}, 60_000);

/** `react/jsx-runtime` → `react`, `@xterm/headless` → `@xterm/headless`, `node:fs` → `node:fs`. */
function packageName(specifier: string): string {
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const under = (folder: string) => (file: string) => file === folder || file.startsWith(`${folder}/`);
const inCore = under('source/core');
const inDaemon = under('source/core/daemon');
const inPatrolsOrRefinery = (file: string) => under('source/core/patrols')(file) || under('source/core/refinery')(file);

const show = (edge: Edge) => `${edge.from} → ${edge.to}${edge.typeOnly ? ' (type)' : ''}${edge.dynamic ? ' (dynamic)' : ''}`;
/** The violations as one readable list; `[]` passes. */
const list = (violations: string[]) => [...new Set(violations)].sort();

describe('architecture (DESIGN.md §3)', () => {
	it('found the source graph', () => {
		expect(modules.filter(module => module.source.startsWith('source/')).length).toBeGreaterThan(100);
		expect(edges.some(edge => edge.from === 'source/main/daemon.ts' && inDaemon(edge.to))).toBe(true);
	});

	it('every relative import resolves to a file', () => {
		const violations = edges.filter(edge => edge.unresolved && !edge.external);
		expect(list(violations.map(edge => `${show(edge)} (no such file)`))).toEqual([]);
	});

	it('core imports nothing from ui, cli, web or main', () => {
		const outer = ['ui', 'cli', 'web', 'main'].map(folder => under(`source/${folder}`));
		const violations = edges.filter(edge => inCore(edge.from) && !edge.external && outer.some(isOuter => isOuter(edge.to)));
		expect(list(violations.map(show))).toEqual([]);
	});

	it('core imports no React or Ink', () => {
		const ui = /^(react|ink)(-.*)?$/;
		const violations = edges.filter(edge => inCore(edge.from) && edge.external && ui.test(edge.to));
		expect(list(violations.map(show))).toEqual([]);
	});

	it('core/daemon imports only core/base, core/agents/state and core/sessions types', () => {
		const allowed = (edge: Edge) =>
			edge.external ||
			inDaemon(edge.to) ||
			under('source/core/base')(edge.to) ||
			under('source/core/agents/state')(edge.to) ||
			edge.to === 'source/core/sessions/types.ts' ||
			(under('source/core/sessions')(edge.to) && edge.typeOnly);
		const violations = edges.filter(edge => inDaemon(edge.from) && !allowed(edge));
		expect(list(violations.map(show))).toEqual([]);
	});

	it('core/patrols and core/refinery reach agents through core/sessions, never core/daemon', () => {
		const violations = edges.filter(edge => inPatrolsOrRefinery(edge.from) && inDaemon(edge.to));
		expect(list(violations.map(show))).toEqual([]);
	});

	it('only source/main/daemon.ts imports both core/daemon and core/patrols or core/refinery', () => {
		const composers = modules
			.map(module => module.source)
			.filter(file => file !== 'source/main/daemon.ts')
			.filter(file => {
				const targets = edges.filter(edge => edge.from === file && !edge.external).map(edge => edge.to);
				return targets.some(inDaemon) && targets.some(inPatrolsOrRefinery);
			});
		const violations = composers.flatMap(file =>
			edges.filter(edge => edge.from === file && !edge.external && (inDaemon(edge.to) || inPatrolsOrRefinery(edge.to))).map(show),
		);
		expect(list(violations)).toEqual([]);
	});

	it('has no import cycles (file level, type-only imports included)', () => {
		const local = edges.filter(edge => !edge.external);
		const hop = (from: string, to: string) => {
			const edge = local.find(candidate => candidate.from === from && candidate.to === to)!;
			return `${to}${edge.typeOnly ? ' (type)' : ''}${edge.dynamic ? ' (dynamic)' : ''}`;
		};
		const cycles = findCycles(local).map(cycle => [cycle[0]!, ...cycle.slice(1).map((file, at) => hop(cycle[at]!, file))].join(' → '));
		expect(cycles.sort()).toEqual([]);
	});

	it(`has no file under source/ over ${maxLines} lines`, () => {
		const long = modules
			.map(module => module.source)
			.filter(file => file.startsWith('source/'))
			.map(file => ({file, lines: readFileSync(path.join(root, file), 'utf8').split('\n').length - 1}))
			.filter(({lines}) => lines > maxLines)
			.map(({file, lines}) => `${file}: ${lines} lines`);
		expect(long.sort()).toEqual([]);
	});

	describe('package.json dependencies', () => {
		const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {dependencies?: Record<string, string>};
		const declared = Object.keys(manifest.dependencies ?? {});

		it('every dependency is imported somewhere under source/', () => {
			const imported = new Set(edges.filter(edge => edge.external).map(edge => edge.to));
			// Native and externalised packages may be loaded in ways a parser misses: grep the sources too.
			const sources = modules.filter(module => module.source.startsWith('source/')).map(module => readFileSync(path.join(root, module.source), 'utf8'));
			const mentioned = (name: string) => {
				const quoted = new RegExp(`(from|import\\(|require\\()\\s*['"]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/[^'"]*)?['"]`);
				return sources.some(text => quoted.test(text));
			};
			const unused = declared.filter(name => !imported.has(name) && !mentioned(name)).map(name => `package.json → ${name} (imported nowhere)`);
			expect(unused).toEqual([]);
		});

		it('every package imported under source/ is a declared dependency', () => {
			const builtin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);
			const undeclared = edges.filter(edge => edge.external && !builtin(edge.to) && !declared.includes(edge.to)).map(show);
			expect(list(undeclared)).toEqual([]);
		});
	});
});

/** Strongly connected components of the graph (Tarjan); each one with more than one file, or a self-import, is printed as one cycle through it. */
function findCycles(graph: Edge[]): string[][] {
	const next = new Map<string, string[]>();
	for (const edge of graph) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const components: string[][] = [];
	let counter = 0;
	const visit = (node: string) => {
		index.set(node, counter);
		low.set(node, counter);
		counter++;
		stack.push(node);
		onStack.add(node);
		for (const target of next.get(node) ?? []) {
			if (!index.has(target)) {
				visit(target);
				low.set(node, Math.min(low.get(node)!, low.get(target)!));
			} else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
		}
		if (low.get(node) === index.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			if (component.length > 1 || (next.get(node) ?? []).includes(node)) components.push(component);
		}
	};
	for (const node of next.keys()) if (!index.has(node)) visit(node);
	// One shortest cycle per component, from its first file in sort order: enough to say where to cut.
	return components.map(component => {
		const members = new Set(component);
		const start = [...component].sort()[0]!;
		const previous = new Map<string, string>();
		const queue = [start];
		while (queue.length > 0) {
			const node = queue.shift()!;
			for (const target of next.get(node) ?? []) {
				if (!members.has(target)) continue;
				if (target === start) {
					const cycle = [node];
					while (cycle[0] !== start) cycle.unshift(previous.get(cycle[0]!)!);
					return [...cycle, start];
				}
				if (!previous.has(target)) {
					previous.set(target, node);
					queue.push(target);
				}
			}
		}
		return [...component, component[0]!];
	});
}
