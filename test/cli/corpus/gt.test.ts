// Gas Town's documented `gt` lines against the built `gt` in a town with a daemon and slow
// sim agents (a polecat stays on its work while lines look at it), one test per line, in order.
import {afterAll, describe, it} from 'vitest';
import {runCli, runOk} from '../../helpers/cli.js';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {type Agents, runCorpusLine, shimDirectory} from './corpus.js';
import {knownGaps, showGaps} from './known-gaps.js';
import {gtLines} from './gt-lines.js';

const agents: Agents = {polecat: 'calc/polecats/corpus', crew: 'calc/crew/max', mayor: 'mayor/'};
const ids: Record<string, string> = {};
let setup: Promise<{town: TestTown; bin: string}> | undefined;
const ready = () => (setup ??= (async () => {
	const town = await makeTown();
	// Slow sim agents: a step takes ten minutes, so the corpus decides when work is done.
	town.vars.GT_SIM_SPEED = '600000';
	for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
		ids[name] = (await runOk('bd', ['create', `Corpus bead ${name}`, '--silent'], {cwd: town.rigDir, env: town.vars})).trim();
	}
	return {town, bin: shimDirectory(town.work)};
})());

afterAll(async () => {
	if (setup) {
		const {town} = await setup;
		await runCli('gt', ['down'], {cwd: town.town, env: town.vars});
	}
});

describe(`the originals' gt lines (${gtLines.length})`, () => {
	for (const entry of gtLines) {
		(knownGaps.has(entry.line) && !showGaps ? it.fails : it)(entry.line, async () => {
			const {town, bin} = await ready();
			await runCorpusLine(entry, town, agents, ids, bin);
		}, 60_000);
	}
});
