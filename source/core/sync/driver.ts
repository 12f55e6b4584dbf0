// The git merge driver for JSONL ledgers: git runs it as `bd merge-driver %O %A %B %P`
// (setup.ts registers it) with the common ancestor, our version and theirs in temp
// files; the merged text replaces our version (%A) in one rename. When a version
// does not parse, %A is left as it was (our side, whole and valid) and the exit code
// tells git the file conflicts: a ledger never gets conflict markers.
import {appendFileSync, readFileSync} from 'node:fs';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {errnoCode, failure} from '../base/errors.js';
import {mergeLedgerTexts, type LedgerMerge} from './merge-ledger.js';

/** When set (by gt sync), the driver appends what it found to this file, one JSON line per merged file. */
export const reportVariable = 'GT_MERGE_REPORT';

export type DriverReport = {readonly path: string; readonly kept: LedgerMerge['kept']; readonly claims: LedgerMerge['claims']};

export type DriverFiles = {readonly base: string; readonly ours: string; readonly theirs: string; readonly path?: string};

/** Merges in place (ours ← merged) and answers what it found. Throws a GtError on unparsable input, writing nothing. */
export function runMergeDriver(files: DriverFiles, vars: Readonly<Record<string, string | undefined>>): DriverReport {
	const name = files.path ?? files.ours;
	const read = (file: string) => {
		try {
			return readFileSync(file, 'utf8');
		} catch (error) {
			throw failure(`cannot read ${file} (${errnoCode(error) ?? (error as Error).message})`, 'bd merge-driver is run by git with three temp files: %O %A %B');
		}
	};
	const merged = mergeLedgerTexts(read(files.base), read(files.ours), read(files.theirs), name);
	atomicWriteFileSync(files.ours, merged.text);
	const report: DriverReport = {path: name, kept: merged.kept, claims: merged.claims};
	const sink = vars[reportVariable];
	if (sink && (merged.kept.length > 0 || merged.claims.length > 0)) appendFileSync(sink, `${JSON.stringify(report)}\n`);
	return report;
}
