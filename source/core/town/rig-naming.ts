// Names a rig hands out: its bead id prefix (derived from the rig name) and the
// default pool of polecat names.
import {prefixPattern} from '../beads/ids.js';

/** Mad Max, like the original's default theme. Overflow names are numbered by the allocator. */
export const defaultNamepool = [
	'furiosa', 'nux', 'slit', 'rictus', 'toast', 'capable', 'dag', 'cheedo', 'ace', 'morsov',
	'valkyrie', 'keeper', 'organic', 'corpus', 'scabrous', 'angharad', 'miss', 'glory', 'max', 'joe',
] as const;

/** Word parts of a name: my_project, my-project, my.project, myProject → ["my", "project"]. */
export function nameParts(name: string): string[] {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/[\s_.-]+/)
		.map(part => part.toLowerCase().replace(/[^a-z0-9]/g, ''))
		.filter(Boolean);
}

/** Prefixes to try for a rig, best first: initials, then 2, 3, 4 letters. */
export function prefixCandidates(name: string): string[] {
	const parts = nameParts(name);
	const letters = parts.join('').replace(/^[^a-z]+/, '');
	const base = letters || 'rig';
	const candidates: string[] = [];
	if (parts.length > 1) {
		const initials = parts.map(part => part[0]).join('').replace(/^[^a-z]+/, '');
		if (initials.length >= 2) candidates.push(initials);
	}
	for (const length of [2, 3, 4]) if (base.length >= length) candidates.push(base.slice(0, length));
	if (candidates.length === 0) candidates.push(base);
	return [...new Set(candidates.map(candidate => candidate.slice(0, 12)))].filter(candidate => prefixPattern.test(candidate));
}

/** The first candidate not `taken`, then the best one with a number appended. */
export function derivePrefix(name: string, taken: (prefix: string) => boolean): string {
	const candidates = prefixCandidates(name);
	for (const candidate of candidates) if (!taken(candidate)) return candidate;
	const stem = candidates[0] ?? 'rig';
	for (let number = 2; ; number++) {
		if (!taken(`${stem}${number}`)) return `${stem}${number}`;
	}
}
