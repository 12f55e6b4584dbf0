// gt sling <bead|formula...> <target>: hand work to agents (core/work/sling.ts and
// sling-formula.ts do it; this prints what happened).
import {actorFrom} from '../../core/beads/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {varsFromFlag} from '../../core/formulas/parse.js';
import {connectSessions, sessionsIfRunning} from '../../core/sessions/over-daemon.js';
import {idleSessions} from '../../core/sessions/idle.js';
import {namesFormula, pourForSling, slingWords, unpour} from '../../core/work/sling-formula.js';
import {currentAgent} from '../../core/agents/address.js';
import {updateBead, type Actor} from '../../core/beads/operations.js';
import {requireLedgerHolding} from '../../core/beads/resolve.js';
import {attachToHook} from '../../core/work/hook.js';
import {readFileSync} from 'node:fs';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const words = [...context.args];
	const on = flagString(context, 'on');
	const context_ = await slingContext(context);
	// The original: no target slings to yourself (the bead goes on your own hook, nothing starts).
	if (words.length === 1 && !on) return slingToSelf(context, townRoot, words[0]!, context_);
	if (words.length < 2) throw usageError('gt sling needs a bead and a target', 'gt sling <bead...> <rig|rig/name|mayor>, or gt sling <bead> for your own hook');
	const target = words.pop()!;
	const dryRun = flagBool(context, 'dryRun');
	const who = {actor: actorFrom(context.env), now: context.env.now()};
	if (on) return slingFormulaOn(context, townRoot, {formulas: words, bead: on, target, context: context_}, who);
	for (const word of words) if (context_ && !dryRun && !(await namesFormula(townRoot, context.env, word))) await noteContext(townRoot, word, context_, who);
	const {result, poured, wouldPour} = await slingWords(
		townRoot,
		context.env,
		{words, target, vars: varsFromFlag(context.flags.var), agent: flagString(context, 'agent'), crew: flagString(context, 'crew'), convoy: context.flags.convoy !== false, dryRun},
		// A dry run changes nothing, so it never starts the daemon just to ask who is running.
		async () => (dryRun ? ((await sessionsIfRunning(townRoot)) ?? idleSessions()) : connectSessions(townRoot)),
		who,
	);
	if (flagBool(context, 'json')) {
		context.out.json(result ?? {work: [], dryRun, pour: wouldPour});
		return;
	}
	for (const formula of wouldPour) context.out.line(`Would pour ${formula} and sling its root`);
	for (const done of poured) context.out.line(`Poured ${done.formula} as ${done.result.root.id} (${done.result.created - 1} steps)`);
	if (!result) return;
	const verb = result.dryRun ? 'Would sling' : 'Slung';
	for (const work of result.work) {
		const where = work.branch ? ` on ${work.branch}` : '';
		context.out.line(`${verb} ${work.bead} "${safeText(work.title)}" → ${work.agent} (${work.runtime})${where}${work.reused ? ', reusing an idle polecat' : ''}${work.queued ? ` — queued (cap ${work.queued.cap}, #${work.queued.position} in line)` : ''}`);
	}
	if (result.convoy) context.out.line(`Convoy ${result.convoy.id}: ${safeText(result.convoy.title)}`);
	if (!result.dryRun) context.out.line('Watch them with `gt agents`; `gt peek <agent>` shows a terminal.');
}

/** The original's -s/-m (context for the work) and -a/--args (instructions), as one note for the bead. */
async function slingContext(context: CommandContext): Promise<string | undefined> {
	let message = flagString(context, 'message');
	let args = flagString(context, 'args');
	if (flagBool(context, 'stdin')) {
		const text = readFileSync(0, 'utf8').replace(/\n+$/, '');
		if (message === undefined) message = text;
		else args ??= text;
	}
	const subject = flagString(context, 'subject');
	const parts = [subject && message ? `${subject}: ${message}` : subject ?? message, args ? `Instructions: ${args}` : undefined].filter(Boolean);
	return parts.length > 0 ? `Sling context: ${parts.join(' — ')}` : undefined;
}

async function noteContext(townRoot: string, id: string, note: string, who: Actor): Promise<void> {
	const ledger = requireLedgerHolding(townRoot, id);
	await ledger.transact(state => updateBead(state, ledger, id, {appendNotes: note}, who));
}

async function slingToSelf(context: CommandContext, townRoot: string, word: string, note: string | undefined): Promise<void> {
	const agent = currentAgent(context.env, context.env.vars.GT_AGENT);
	const who = {actor: actorFrom(context.env, agent.address), now: context.env.now()};
	if (flagBool(context, 'dryRun')) {
		context.out.line(`Would put ${word} on ${agent.address}'s hook`);
		return;
	}
	let id = word;
	if (await namesFormula(townRoot, context.env, word)) {
		const target = agent.rig ?? 'mayor';
		const poured = await pourForSling(townRoot, context.env, word, target, varsFromFlag(context.flags.var), who);
		id = poured.result.root.id;
		context.out.line(`Poured ${poured.formula} as ${id} (${poured.result.created - 1} steps)`);
	}
	if (note) await noteContext(townRoot, id, note, who);
	const bead = await attachToHook(townRoot, agent, id, who);
	if (flagBool(context, 'json')) {
		context.out.json({work: [{bead: bead.id, title: bead.title, agent: agent.address, self: true}]});
		return;
	}
	context.out.line(`Slung ${bead.id} "${safeText(bead.title)}" to yourself: it is on ${agent.address}'s hook (gt hook shows it; gt done finishes it).`);
}

/** `gt sling <formula> --on <bead> <target>`: the formula is poured for that bead (var issue=<bead>), the bead slung, and the molecule given to the same agent. */
async function slingFormulaOn(context: CommandContext, townRoot: string, request: {formulas: string[]; bead: string; target: string; context?: string}, who: Actor): Promise<void> {
	for (const name of request.formulas) {
		if (!(await namesFormula(townRoot, context.env, name))) throw usageError(`"${name}" is not a formula`, '--on applies a formula to a bead: gt sling <formula> --on <bead> <target> (gt formula list shows them)');
	}
	if (request.formulas.length !== 1) throw usageError('--on takes one formula', 'gt sling <formula> --on <bead> <target>');
	requireLedgerHolding(townRoot, request.bead);
	const dryRun = flagBool(context, 'dryRun');
	const vars = {issue: request.bead, ...varsFromFlag(context.flags.var)};
	if (dryRun) {
		context.out.line(`Would pour ${request.formulas[0]!} for ${request.bead} and sling ${request.bead} to ${request.target}`);
		return;
	}
	const poured = await pourForSling(townRoot, context.env, request.formulas[0]!, request.target, vars, who);
	const root = poured.result.root.id;
	try {
		await noteContext(townRoot, request.bead, [`Formula ${poured.formula} poured for this bead as ${root} (gt mol status shows its steps).`, request.context].filter(Boolean).join('\n'), who);
		const {result} = await slingWords(townRoot, context.env, {words: [request.bead], target: request.target, vars: {}, agent: flagString(context, 'agent'), crew: flagString(context, 'crew'), convoy: context.flags.convoy !== false, dryRun: false}, async () => connectSessions(townRoot), who);
		const agent = result?.work[0]?.agent;
		if (agent) await poured.ledger.transact(state => updateBead(state, poured.ledger, root, {assignee: agent}, who));
		if (flagBool(context, 'json')) {
			context.out.json({...result, molecule: root});
			return;
		}
		context.out.line(`Poured ${poured.formula} as ${root} (${poured.result.created - 1} steps) for ${request.bead}`);
		for (const work of result?.work ?? []) context.out.line(`Slung ${work.bead} "${safeText(work.title)}" → ${work.agent} (${work.runtime})${work.branch ? ` on ${work.branch}` : ''}`);
	} catch (error) {
		await unpour(poured, who);
		throw error;
	}
}
