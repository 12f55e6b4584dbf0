import {usageError} from './errors.js';

// Names become directory names, branch names and parts of agent addresses, so
// they must be one safe path segment: no separators, no traversal, nothing a
// shell or git would read as an option.
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export type NameKind = 'town' | 'rig' | 'crew' | 'agent' | 'polecat' | 'prefix';

export function nameProblem(name: string): string | undefined {
	if (name.length === 0) return 'is empty';
	if (name.length > 64) return 'is longer than 64 characters';
	if (name.includes('/') || name.includes('\\')) return 'contains a slash';
	if (name.includes('..')) return 'contains ".."';
	if (/\s/.test(name)) return 'contains whitespace';
	if (name.startsWith('-')) return 'starts with "-"';
	if (name.startsWith('.')) return 'starts with "."';
	if (name.endsWith('.lock') || name.endsWith('.')) return 'ends with ".lock" or "."';
	if (!namePattern.test(name)) return 'may only use letters, digits, ".", "_" and "-"';
	return undefined;
}

export function validateName(kind: NameKind, name: string): string {
	const problem = nameProblem(name);
	if (problem) {
		throw usageError(`invalid ${kind} name "${name}": it ${problem}`, 'use letters, digits, "_" and "-" only');
	}
	return name;
}

/** Rig names and the role directory names inside a rig must not collide. */
export const reservedRigNames = new Set(['hq', 'mayor', 'deacon', 'settings', 'plugins', 'formulas', 'node_modules']);
export const reservedWorkerNames = new Set(['mayor', 'deacon', 'witness', 'refinery', 'crew', 'polecats', 'overseer']);

// Bead ids: <prefix>-<letters/digits>, children .N. The same shape `bd create --id`
// has always required (core/beads/operations createBead); ids become parts of paths,
// branch names and commands, so one that could traverse or expand is refused where
// it enters (create, import).
export const beadIdPattern = /^[a-z][a-z0-9-]*-[a-z0-9]+(?:\.\d+)*$/;
const externalRefPattern = /^external:[A-Za-z0-9._-]+:[A-Za-z0-9._-]+$/;

export function validateBeadId(id: string, where = ''): string {
	if (!beadIdPattern.test(id)) throw usageError(`${where}invalid bead id ${JSON.stringify(id)}`, 'ids look like <prefix>-<letters/digits>, e.g. mp-a1b');
	return id;
}

/** A dependency target: a bead id, or `external:<project>:<capability>`. */
export function validateDependencyTarget(id: string, where = ''): string {
	if (!beadIdPattern.test(id) && !externalRefPattern.test(id)) {
		throw usageError(`${where}invalid dependency target ${JSON.stringify(id)}`, 'a bead id like mp-a1b, or external:<project>:<capability>');
	}
	return id;
}
