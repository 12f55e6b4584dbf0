// When a molecule's work lands (its merge is in, or gt done closed it without a
// worktree): every step still open closes, and so does the issue it was poured for
// (`gt sling polecat-work <rig> --var issue=<id>`), in whichever ledger holds it.
import type {Actor} from '../beads/operations.js';
import {closeBead} from '../beads/operations.js';
import {ledgerHolding} from '../beads/resolve.js';
import {isDone} from '../beads/queries.js';
import {closeOpenSteps, issueOfMolecule} from './lifecycle.js';
import {isMolecule} from './molecule.js';

/** Closes a landed molecule's open steps and its issue; returns the ids it closed (the issue last). */
export async function landMolecule(townRoot: string, rootId: string, reason: string, who: Actor): Promise<string[]> {
	const ledger = ledgerHolding(townRoot, rootId);
	if (!ledger) return [];
	const {steps, issue} = await ledger.transact(state => {
		const root = state.get(rootId);
		if (!root || !isMolecule(root)) return {steps: [] as string[], issue: undefined};
		return {steps: closeOpenSteps(state, rootId, reason, who), issue: issueOfMolecule(root)};
	});
	const closed = [...steps];
	const issueLedger = issue && issue !== rootId ? ledgerHolding(townRoot, issue) : undefined;
	if (issue && issueLedger) {
		const closedIssue = await issueLedger.transact(state => {
			const bead = state.get(issue);
			if (!bead || isDone(bead)) return false;
			closeBead(state, issue, {reason: `${reason} (molecule ${rootId})`, force: true}, who);
			return true;
		});
		if (closedIssue) closed.push(issue);
	}
	return closed;
}
