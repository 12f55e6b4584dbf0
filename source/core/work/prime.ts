// gt prime: the role context an agent reads at session start (and after a context
// compaction): who it is, where, what is on its hook, and the commands its role
// uses. `short` is for agent hooks on resume: a few lines, not the whole manual.
import type {AgentRef} from '../agents/address.js';
import {readTownConfig} from '../town/town-config.js';
import {readyBeads} from '../beads/queries.js';
import {Ledger} from '../beads/ledger.js';
import type {Bead} from '../beads/types.js';
import {moleculeCurrent} from '../formulas/lifecycle.js';
import {isMolecule} from '../formulas/molecule.js';
import {findHookedWork} from './hook.js';
import {rigLayout} from '../base/paths.js';
import {listRigs, readRigConfig} from '../town/rig-config.js';

export type PrimeContext = {
	address: string;
	role: string;
	town: string;
	rig?: string;
	worktree: string;
	branch?: string;
	bead: Bead | null;
	/** Steps of a molecule: the hooked bead's steps in order (nested ones included). */
	steps: Array<{id: string; title: string; status: string}>;
	/** A hooked molecule's step to work on now (in progress, else the first ready one). */
	currentStep?: {id: string; title: string; status: string};
	/** For the Mayor: the rigs and how much ready work each has. */
	rigs?: Array<{name: string; prefix: string; branch: string; path: string; ready: number}>;
};

export async function primeContext(townRoot: string, agent: AgentRef): Promise<PrimeContext> {
	const town = readTownConfig(townRoot).name;
	const hooked = await findHookedWork(townRoot, agent);
	let steps: PrimeContext['steps'] = [];
	let currentStep: PrimeContext['currentStep'];
	if (hooked) {
		const state = await hooked.ledger.read();
		if (isMolecule(hooked.bead)) {
			const current = moleculeCurrent(state, hooked.bead);
			steps = current.steps.map(step => step.issue);
			currentStep = current.current_step;
		} else steps = state.childrenOf(hooked.bead.id).sort((a, b) => (a.id < b.id ? -1 : 1)).map(step => ({id: step.id, title: step.title, status: step.status}));
	}
	let rigs: PrimeContext['rigs'];
	if (agent.role === 'mayor') {
		rigs = [];
		for (const rig of listRigs(townRoot)) {
			const dir = rigLayout(townRoot, rig.name).beads;
			const ready = Ledger.exists(dir) ? readyBeads(await Ledger.open(dir).read(), {}, new Date()).length : 0;
			rigs.push({name: rig.name, prefix: rig.prefix, branch: readRigConfig(townRoot, rig.name).default_branch, path: rigLayout(townRoot, rig.name).dir, ready});
		}
	}
	return {
		...(rigs ? {rigs} : {}),
		address: agent.address,
		role: agent.role,
		town,
		...(agent.rig ? {rig: agent.rig} : {}),
		worktree: agent.dir,
		...(agent.rig && agent.role === 'polecat' && hooked ? {branch: `polecat/${agent.name}/${hooked.bead.id}`} : {}),
		...(agent.role === 'crew' ? {branch: `crew/${agent.name}`} : {}),
		bead: hooked?.bead ?? null,
		steps,
		...(currentStep ? {currentStep} : {}),
	};
}

const workerCommands = [
	'gt hook                 what is on your hook (this bead)',
	'bd show <id>            a bead with its dependencies and comments',
	'bd comment <id> "…"     leave a note on a bead',
	'bd create "…" --deps discovered-from:<id>   record work you found but will not do now',
	'bd mol current          your molecule: the current step, the next, every step',
	'gt mol step done <step> close a step you finished; it names the next one',
	'gt done                 finish: commits leftovers, queues a merge request, clears your hook',
	'gt done --status escalated -m "why"   stuck: hand it back with the reason',
];

const mayorCommands = [
	'gt rig list             the projects (rigs) of this town',
	'bd ready                ready work in the rig you are in (cd <town>/<rig> first)',
	'bd create "…" [-d …] [-p 0-4] [--deps blocks:<id>]   run inside <town>/<rig>: a bead in that rig',
	'gt sling <id> [<id>…] <rig>   hand beads to polecats, one each, tracked by one convoy',
	'gt agents               every agent and what it is doing',
	'gt status               the town at a glance',
];

function hookLines(context: PrimeContext): string[] {
	if (!context.bead) return ['Nothing is on your hook.', context.role === 'mayor' ? 'Wait for the human\'s requests and plan them into beads.' : 'Wait for work to be slung to you.'];
	const bead = context.bead;
	const lines = [`${bead.id}: ${bead.title}  [P${bead.priority} ${bead.issue_type}]`];
	if (bead.description) lines.push('', ...bead.description.split('\n'));
	if (bead.notes) lines.push('', 'Notes:', ...bead.notes.split('\n').map(line => `  ${line}`));
	if (context.steps.length > 0) {
		lines.push('', 'Steps:');
		for (const step of context.steps) lines.push(`  ${step.status === 'closed' ? '✓' : step.id === context.currentStep?.id ? '▶' : '○'} ${step.id}  ${step.title}`);
		const current = context.currentStep;
		if (current) lines.push('', `Current step: ${current.id} "${current.title}". When it is done: gt mol step done ${current.id}`);
		else if (context.steps.every(step => step.status === 'closed')) lines.push('', 'Every step is closed: finish with gt done.');
	}
	return lines;
}

export function renderPrime(context: PrimeContext, townRoot: string, options: {short?: boolean} = {}): string {
	const who = `You are ${context.role === 'mayor' ? 'the Mayor' : `${context.role} ${context.address}`} in Gas Town "${context.town}" (${townRoot}).`;
	if (options.short) {
		const step = context.currentStep ? ` Current step: ${context.currentStep.id} "${context.currentStep.title}" (gt mol step done ${context.currentStep.id} when it is done).` : '';
		const work = context.bead ? `Your hook: ${context.bead.id} "${context.bead.title}" — do it, then \`gt done\`.${step}` : 'Nothing is on your hook.';
		return [who, work, 'Run `gt prime` for your full context.'].join('\n');
	}
	const lines = [`# Gas Town role context`, '', who];
	if (context.rig) lines.push(`Rig: ${context.rig}. Work in ${context.worktree}${context.branch ? ` on branch ${context.branch}` : ''}.`);
	lines.push('', '## Your hook', '', ...hookLines(context));
	if (context.role === 'mayor') {
		lines.push('', '## The town', '');
		const rigs = context.rigs ?? [];
		if (rigs.length === 0) lines.push('No rigs yet (`gt rig add <name> <url-or-path>`).');
		for (const rig of rigs) lines.push(`- ${rig.name} (prefix ${rig.prefix}, branch ${rig.branch}): ${rig.path} — ${rig.ready} ready`);
		lines.push('', '## How you work', '',
			'Turn each request from the human into beads in the right rig (one bead per independent task, with',
			'dependencies where order matters), sling them, and report back what you started. You do not write',
			'code yourself; polecats do, and the merge queue lands their work.', '', '## Commands', '', ...mayorCommands.map(line => `  ${line}`));
	} else {
		lines.push('', '## How you work', '',
			'Do the work on your hook in this worktree. Commit as you go with clear messages.',
			'Keep to the task; file anything else you find as a new bead instead of doing it.',
			'When the work is done and committed, run `gt done`. If you cannot finish, escalate with a reason.',
			'', '## Commands', '', ...workerCommands.map(line => `  ${line}`));
	}
	return lines.join('\n');
}

