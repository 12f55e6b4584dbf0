// Convoys: `convoy` beads in the HQ ledger (ids hq-cv-…) that track beads in any
// rig through `tracks` dependencies. This module holds what sling needs (create a
// convoy, find the convoys tracking a bead); the convoy commands build on it.
import {Ledger} from './beads/ledger.js';
import {addDependency, createBead, type Actor} from './beads/operations.js';
import type {Bead} from './beads/types.js';
import {townLayout} from './paths.js';

export const convoyPrefix = 'hq-cv';

export function hqLedger(townRoot: string): Ledger {
	return Ledger.open(townLayout(townRoot).beads);
}

export type NewConvoy = {title: string; beads: readonly string[]; owner?: string; notify?: readonly string[]; human?: boolean};

export async function createConvoy(townRoot: string, convoy: NewConvoy, who: Actor): Promise<Bead> {
	const ledger = hqLedger(townRoot);
	return ledger.transact(state => {
		const bead = createBead(state, ledger, {
			title: convoy.title,
			type: 'convoy',
			idPrefix: convoyPrefix,
			fields: {
				...(convoy.owner ? {owner: convoy.owner} : {}),
				...(convoy.notify?.length || convoy.human ? {metadata: {notify: [...(convoy.notify ?? [])], human: Boolean(convoy.human)}} : {}),
			},
		}, who);
		for (const id of convoy.beads) addDependency(state, bead.id, id, 'tracks', who);
		return state.require(bead.id);
	});
}

/** Open convoys that track `beadId`. */
export async function convoysTracking(townRoot: string, beadId: string): Promise<Bead[]> {
	const state = await hqLedger(townRoot).read();
	return state.dependentsOf(beadId)
		.filter(dependency => dependency.type === 'tracks')
		.map(dependency => state.get(dependency.issue_id))
		.filter((bead): bead is Bead => bead !== undefined && bead.issue_type === 'convoy' && bead.status !== 'closed');
}

export async function deleteConvoy(townRoot: string, id: string): Promise<void> {
	await hqLedger(townRoot).transact(state => state.remove(id));
}
