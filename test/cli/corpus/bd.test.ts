// The Beads CLI reference's and the role texts' `bd` lines against the built `bd`, one
// test per line, in order: later lines use the beads earlier ones made.
import {describe, it} from 'vitest';
import {makeTown, type TestTown} from '../../helpers/town.js';
import {bdLines} from './bd-lines.js';
import {type Agents, runCorpusLine, shimDirectory} from './corpus.js';
import {knownGaps, showGaps} from './known-gaps.js';

const agents: Agents = {polecat: 'calc/polecats/corpus', crew: 'calc/crew/max', mayor: 'mayor/'};
const ids: Record<string, string> = {};
let setup: Promise<{town: TestTown; bin: string}> | undefined;
const ready = () => (setup ??= makeTown().then(town => ({town, bin: shimDirectory(town.work)})));

describe(`the originals' bd lines (${bdLines.length})`, () => {
	for (const entry of bdLines) {
		(knownGaps.has(entry.line) && !showGaps ? it.fails : it)(entry.line, async () => {
			const {town, bin} = await ready();
			await runCorpusLine(entry, town, agents, ids, bin);
		});
	}
});
