// `gt sling <formula> <target> --var k=v`: a sling argument that is no bead but
// names a formula is poured into the target's ledger (a rig's, or HQ for the
// mayor), and the molecule's root is what gets slung.
import {Ledger} from '../beads/ledger.js';
import type {Actor} from '../beads/operations.js';
import {routeForId} from '../beads/routes.js';
import type {Environment} from '../base/environment.js';
import {notFound} from '../base/errors.js';
import {rigLayout, townLayout} from '../base/paths.js';
import {cook} from '../formulas/cook.js';
import {findFormula} from '../formulas/discover.js';
import {burnMolecule} from '../formulas/molecule.js';
import {pour, type PourResult} from '../formulas/pour.js';

/** True when `word` is not a bead any ledger holds and a formula has that name. */
export async function namesFormula(townRoot: string, env: Environment, word: string): Promise<boolean> {
	const routed = routeForId(townRoot, word);
	if (routed && Ledger.exists(routed) && (await Ledger.open(routed).read()).has(word)) return false;
	return findFormula(env, word) !== undefined;
}

/** The ledger work for `target` lives in: HQ for the mayor, else the rig's. */
export function ledgerForTarget(townRoot: string, target: string): Ledger {
	const dir = target === 'mayor' || target === 'mayor/' ? townLayout(townRoot).beads : rigLayout(townRoot, target.split('/')[0]!).beads;
	if (!Ledger.exists(dir)) throw notFound(`no ledger for sling target "${target}"`, 'use <rig>, <rig>/<polecat>, or mayor');
	return Ledger.open(dir);
}

export type PouredForSling = {formula: string; ledger: Ledger; result: PourResult};

/** Cooks first (bad or missing vars fail before anything is written), then pours. */
export async function pourForSling(townRoot: string, env: Environment, name: string, target: string, vars: Readonly<Record<string, string>>, who: Actor): Promise<PouredForSling> {
	const cooked = cook(env, name, vars);
	const ledger = ledgerForTarget(townRoot, target);
	return {formula: cooked.formula, ledger, result: await pour(ledger, cooked, {}, who)};
}

/** Undoes a pour when the sling that needed it failed. */
export async function unpour(poured: PouredForSling, who: Actor): Promise<void> {
	await poured.ledger.transact(state => burnMolecule(state, poured.result.root.id, {force: true}, who));
}
