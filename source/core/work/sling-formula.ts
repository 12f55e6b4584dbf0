// `gt sling <formula> <target> --var k=v`: a sling argument that is no bead but
// names a formula is poured into the target's ledger (a rig's, or HQ for the
// mayor), and the molecule's root is what gets slung.
import {Ledger} from '../beads/ledger.js';
import type {Actor} from '../beads/operations.js';
import {ledgerHolding} from '../beads/resolve.js';
import type {Environment} from '../base/environment.js';
import {GtError, isGtError, notFound} from '../base/errors.js';
import {rigLayout, townLayout} from '../base/paths.js';
import {cook} from '../formulas/cook.js';
import {findFormula} from '../formulas/discover.js';
import {burnMolecule} from '../formulas/molecule.js';
import {pour, type PourResult} from '../formulas/pour.js';
import type {SessionControl} from '../sessions/port.js';
import {checkSling, sling, type SlingRequest, type SlingResult} from './sling.js';

/** True when `word` is not a bead any ledger holds and a formula has that name. */
export async function namesFormula(townRoot: string, env: Environment, word: string): Promise<boolean> {
	const holding = ledgerHolding(townRoot, word);
	if (holding && (await holding.read()).has(word)) return false;
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
	return {formula: cooked.formula.formula, ledger, result: await pour(ledger, cooked, {}, who)};
}

/** Undoes a pour when the sling that needed it failed. */
export async function unpour(poured: PouredForSling, who: Actor): Promise<void> {
	await poured.ledger.transact(state => burnMolecule(state, poured.result.root.id, {force: true}, who));
}

export type SlingWordsRequest = Omit<SlingRequest, 'beads'> & {
	/** Bead ids and formula names, in the order given. */
	readonly words: readonly string[];
	readonly vars: Readonly<Record<string, string>>;
};

export type SlingWordsResult = {
	readonly result?: SlingResult;
	readonly poured: readonly PouredForSling[];
	/** In a dry run: the formulas that would be poured (their roots slung). */
	readonly wouldPour: readonly string[];
};

/** Opens the sessions a sling needs; the caller decides how (socket, in process, or idle for a dry run). */
export type OpenSessions = () => Promise<SessionControl & {close?(): void}>;

/**
 * The whole sling of beads and formulas: every formula is cooked first, so a missing
 * or bad --var fails before anything is written or any daemon is asked; then the
 * formulas are poured, the beads and roots slung together, and on failure every
 * pour is undone (after sling's own undo has stopped what it started).
 */
export async function slingWords(townRoot: string, env: Environment, request: SlingWordsRequest, openSessions: OpenSessions, who: Actor): Promise<SlingWordsResult> {
	const {words, vars, ...rest} = request;
	const plan: Array<{kind: 'bead'; id: string} | {kind: 'formula'; name: string; formula: string}> = [];
	for (const word of words) {
		if (await namesFormula(townRoot, env, word)) plan.push({kind: 'formula', name: word, formula: cook(env, word, vars).formula.formula});
		else plan.push({kind: 'bead', id: word});
	}
	// Everything that can be checked without the daemon is, before it is asked (and
	// started): a typo in a bead id or a target must not respawn agents as a side effect.
	const beadIds = plan.flatMap(step => (step.kind === 'bead' ? [step.id] : []));
	await checkSling(townRoot, {...rest, beads: beadIds}, env, {formulas: plan.length - beadIds.length});
	if (request.dryRun && plan.every(step => step.kind === 'formula')) return {poured: [], wouldPour: plan.map(step => (step.kind === 'formula' ? step.formula : ''))};
	const sessions = await openSessions();
	const poured: PouredForSling[] = [];
	try {
		const beads: string[] = [];
		const wouldPour: string[] = [];
		for (const step of plan) {
			if (step.kind === 'bead') beads.push(step.id);
			else if (request.dryRun) wouldPour.push(step.formula);
			else {
				const done = await pourForSling(townRoot, env, step.name, request.target, vars, who);
				poured.push(done);
				beads.push(done.result.root.id);
			}
		}
		const result = await sling(townRoot, {...rest, beads}, sessions, who, env);
		return {result, poured, wouldPour};
	} catch (error) {
		const undoFailures: string[] = [];
		for (const done of poured) {
			try {
				await unpour(done, who);
			} catch (undoError) {
				undoFailures.push(`${done.result.root.id}: ${(undoError as Error).message}`);
			}
		}
		// Never hide why an undo failed: the poured beads it names are still in the ledger.
		if (undoFailures.length > 0 && isGtError(error)) throw new GtError(error.kind, `${error.message}; undoing the pour failed for ${undoFailures.join('; ')}`, error.hint);
		throw error;
	} finally {
		sessions.close?.();
	}
}
