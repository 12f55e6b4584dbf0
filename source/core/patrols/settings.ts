// Patrol intervals and thresholds: town.toml [witness], [deacon], [mayor], with a
// rig's rig.toml [witness] over the town's. Every value has a default, so a town
// without any of these tables behaves sensibly.
import {readTownConfig, type TownConfig} from '../town/town-config.js';
import {usageError} from '../base/errors.js';
import {readRigConfig} from '../town/rig-config.js';

export type WitnessSettings = {
	/** Seconds a working agent may show no change and send no signal before it counts as stalled. */
	stall_after: number;
	/** Seconds an agent may wait for a human before the overseer is mailed. */
	waiting_after: number;
	/** Restarts per piece of work before the witness escalates to the Mayor and stops trying. */
	max_restarts: number;
	/** Seconds an idle polecat with nothing hooked keeps its session (its worktree stays). */
	reap_idle_after: number;
};

export type DeaconSettings = {
	/** Seconds between patrols. */
	patrol_interval: number;
	/** Polecats running at once, town-wide; 0 = no cap. */
	max_polecats: number;
};

export type MayorSettings = {
	/** Restart the Mayor whenever it is not running. Off by default: a stopped Mayor stays stopped. */
	keep_alive: boolean;
};

export type PatrolSettings = {witness: WitnessSettings; deacon: DeaconSettings; mayor: MayorSettings};

export const patrolDefaults: PatrolSettings = {
	witness: {stall_after: 300, waiting_after: 120, max_restarts: 2, reap_idle_after: 600},
	deacon: {patrol_interval: 30, max_polecats: 0},
	mayor: {keep_alive: false},
};

export type PatrolSection = keyof PatrolSettings;
export const patrolSections = Object.keys(patrolDefaults) as PatrolSection[];

/** `gt config get|set` keys: witness.stall_after, deacon.max_polecats, mayor.keep_alive… */
export const patrolKeys = patrolSections.flatMap(section => Object.keys(patrolDefaults[section]).map(field => `${section}.${field}`));

export function isPatrolKey(section: string, field: string): boolean {
	return (patrolSections as string[]).includes(section) && field in patrolDefaults[section as PatrolSection];
}

/** A value from the file, or the default when it is missing or of the wrong type. */
function pick<T extends Record<string, number | boolean>>(defaults: T, ...tables: unknown[]): T {
	const result = {...defaults};
	for (const table of tables) {
		if (typeof table !== 'object' || table === null || Array.isArray(table)) continue;
		for (const [key, fallback] of Object.entries(defaults)) {
			const value = (table as Record<string, unknown>)[key];
			if (typeof fallback === 'number' && typeof value === 'number' && Number.isFinite(value) && value >= 0) (result as Record<string, unknown>)[key] = value;
			if (typeof fallback === 'boolean' && typeof value === 'boolean') (result as Record<string, unknown>)[key] = value;
		}
	}
	return result;
}

export function patrolSettings(config: TownConfig, rigTable?: unknown): PatrolSettings {
	const rigWitness = typeof rigTable === 'object' && rigTable !== null ? (rigTable as Record<string, unknown>).witness : undefined;
	return {
		witness: pick(patrolDefaults.witness, config.witness, rigWitness),
		deacon: pick(patrolDefaults.deacon, config.deacon),
		mayor: pick(patrolDefaults.mayor, config.mayor),
	};
}

export function readPatrolSettings(townRoot: string, rig?: string): PatrolSettings {
	return patrolSettings(readTownConfig(townRoot), rig ? readRigConfig(townRoot, rig) : undefined);
}

/** Parses a `gt config set` value for a patrol key: a non-negative number, or true/false. */
export function parsePatrolValue(section: PatrolSection, field: string, raw: string): number | boolean {
	const fallback = (patrolDefaults[section] as Record<string, number | boolean>)[field];
	if (typeof fallback === 'boolean') {
		if (raw === 'true' || raw === 'false') return raw === 'true';
		throw usageError(`${section}.${field} is true or false (got "${raw}")`, `e.g. \`gt config set ${section}.${field} ${String(fallback)}\` (the default)`);
	}
	const value = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(value) || value < 0) {
		throw usageError(`${section}.${field} is a number${field.startsWith('max_') ? '' : ' of seconds'}, 0 or more (got "${raw}")`, `e.g. \`gt config set ${section}.${field} ${String(fallback)}\` (the default)`);
	}
	return value;
}
