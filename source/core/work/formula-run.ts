// gt formula run <formula> --rig <rig>: a convoy formula (`type = "convoy"` with
// [[legs]] and [synthesis]) becomes one bead per leg in the rig's ledger, slung to a
// polecat each, and a synthesis bead blocked on every leg; a convoy in HQ tracks
// them all. A workflow formula is poured and its root slung (gt sling <formula>).
// A failure undoes what was created (sling undoes its own part first).
import type {Ledger} from '../beads/ledger.js';
import {createBead, deleteBead, type Actor} from '../beads/operations.js';
import type {Environment} from '../base/environment.js';
import {failure, usageError} from '../base/errors.js';
import {createConvoy, deleteConvoy} from '../convoys/convoy.js';
import {FormulaLoader} from '../formulas/resolve.js';
import type {ConvoyLeg, Formula} from '../formulas/parse.js';
import {isTable} from '../formulas/parse.js';
import {ledgerForTarget, slingWords, type OpenSessions} from './sling-formula.js';
import {sling, type SlingResult} from './sling.js';

export type FormulaRunRequest = {
	formula: string;
	rig: string;
	vars: Readonly<Record<string, string>>;
	agent?: string;
	dryRun?: boolean;
};

export type FormulaRunResult = {
	formula: string;
	type: string;
	convoy?: string;
	legs: Array<{leg: string; bead: string; title: string}>;
	synthesis?: string;
	/** A workflow formula: the poured root. */
	root?: string;
	sling?: SlingResult;
	dryRun: boolean;
};

/** Gas Town's text/template placeholders, the simple ones: {{.leg.id}}, {{.formula_name}}, {{.<var>}}. */
function render(text: string, values: Readonly<Record<string, string>>): string {
	return text.replace(/\{\{\s*\.?([a-zA-Z_][\w.]*)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** `[inputs.X] required = true` with no default and no --var: refused before anything is made. */
function checkInputs(formula: Formula, vars: Readonly<Record<string, string>>): void {
	const inputs = isTable(formula.inputs) ? formula.inputs : {};
	const missing = Object.entries(inputs).filter(([name, spec]) => isTable(spec) && spec.required === true && spec.default === undefined && vars[name] === undefined && !(typeof spec.required_unless === 'string' && vars[spec.required_unless] !== undefined)).map(([name]) => name);
	for (const [name, spec] of Object.entries(formula.vars)) if (spec.required === true && spec.default === undefined && vars[name] === undefined) missing.push(name);
	if (missing.length > 0) throw usageError(`formula ${formula.formula} needs ${missing.map(name => `--var ${name}=…`).join(' ')}`, `missing: ${missing.join(', ')}`);
}

function legText(formula: Formula, leg: ConvoyLeg, vars: Readonly<Record<string, string>>): {title: string; description: string} {
	const values: Record<string, string> = {...vars, formula_name: formula.formula, 'leg.id': leg.id, 'leg.title': leg.title, 'leg.focus': String(leg.focus ?? ''), 'leg.description': String(leg.description ?? '')};
	const parts = [render(String(leg.description ?? ''), values)];
	if (leg.focus) parts.push(`Focus: ${render(String(leg.focus), values)}`);
	const prompts = isTable(formula.prompts) ? formula.prompts : {};
	if (typeof prompts.base === 'string') parts.push(`---\nBase prompt:\n${render(prompts.base, values)}`);
	return {title: render(leg.title, values), description: parts.filter(Boolean).join('\n\n')};
}

async function runConvoy(townRoot: string, env: Environment, formula: Formula, request: FormulaRunRequest, openSessions: OpenSessions, who: Actor): Promise<FormulaRunResult> {
	const legs = formula.legs ?? [];
	if (legs.length === 0) throw failure(`convoy formula ${formula.formula} has no [[legs]]`, 'add [[legs]] with id and title, one per polecat');
	checkInputs(formula, request.vars);
	const ledger: Ledger = ledgerForTarget(townRoot, request.rig);
	const planned = legs.map(leg => ({leg: leg.id, ...legText(formula, leg, request.vars)}));
	const synthesisTitle = formula.synthesis ? render(String(formula.synthesis.title ?? `Synthesis: ${formula.formula}`), request.vars) : undefined;
	if (request.dryRun) {
		return {formula: formula.formula, type: 'convoy', legs: planned.map(item => ({leg: item.leg, bead: '', title: item.title})), ...(synthesisTitle ? {synthesis: synthesisTitle} : {}), dryRun: true};
	}
	const created = await ledger.transact(state => {
		const beads = planned.map(item => createBead(state, ledger, {title: item.title, description: item.description, type: 'task', metadata: {source_formula: formula.formula, leg: item.leg}}, who));
		const synthesis = synthesisTitle
			? createBead(state, ledger, {
				title: synthesisTitle,
				description: render(String(formula.synthesis!.description ?? 'Synthesize the findings of every leg into one result.'), request.vars),
				type: 'task',
				deps: beads.map(bead => ({type: 'blocks', id: bead.id})),
				metadata: {source_formula: formula.formula, synthesis: true},
			}, who)
			: undefined;
		return {beads, synthesis};
	});
	const ids = [...created.beads.map(bead => bead.id), ...(created.synthesis ? [created.synthesis.id] : [])];
	let convoyId: string | undefined;
	const undo = async () => {
		if (convoyId) await deleteConvoy(townRoot, convoyId).catch(() => undefined);
		await ledger.transact(state => {
			for (const id of [...ids].reverse()) if (state.has(id)) deleteBead(state, id, {force: true}, who);
		});
	};
	try {
		const description = formula.description?.split('\n')[0]?.trim();
		const convoy = await createConvoy(townRoot, {title: `${formula.formula}${description ? `: ${description}` : ''}`.slice(0, 200), beads: ids}, who);
		convoyId = convoy.id;
		const sessions = await openSessions();
		try {
			const result = await sling(townRoot, {beads: created.beads.map(bead => bead.id), target: request.rig, agent: request.agent, convoy: false}, sessions, who, env);
			return {formula: formula.formula, type: 'convoy', convoy: convoy.id, legs: created.beads.map((bead, index) => ({leg: planned[index]!.leg, bead: bead.id, title: bead.title})), ...(created.synthesis ? {synthesis: created.synthesis.id} : {}), sling: result, dryRun: false};
		} finally {
			sessions.close?.();
		}
	} catch (error) {
		await undo();
		throw error;
	}
}

export async function runFormula(townRoot: string, env: Environment, request: FormulaRunRequest, openSessions: OpenSessions, who: Actor): Promise<FormulaRunResult> {
	// The rig first: a typo in it is named before anything about the formula.
	ledgerForTarget(townRoot, request.rig);
	const loader = new FormulaLoader(env);
	const formula = loader.resolve(request.formula);
	if (formula.type === 'convoy') return runConvoy(townRoot, env, formula, request, openSessions, who);
	if (formula.type !== 'workflow') throw usageError(`formula ${formula.formula} is an ${formula.type}: it is applied to other formulas, not run`, 'run a workflow or convoy formula; `bd formula list` shows their types');
	const result = await slingWords(townRoot, env, {words: [request.formula], target: request.rig, vars: request.vars, agent: request.agent, convoy: true, dryRun: request.dryRun}, openSessions, who);
	const root = result.poured[0]?.result.root.id;
	return {formula: formula.formula, type: 'workflow', legs: [], ...(root ? {root} : {}), ...(result.result ? {sling: result.result} : {}), dryRun: request.dryRun === true};
}
