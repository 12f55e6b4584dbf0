// gt prime: the role context an agent reads at session start (and after a context
// compaction): who it is, where, what is on its hook, its unread mail. The text per
// role is in prime-text.ts; `--json` prints this context as it is.
import type {AgentRef} from '../agents/address.js';
import {readTownConfig} from '../town/town-config.js';
import {readyBeads} from '../beads/queries.js';
import {Ledger} from '../beads/ledger.js';
import type {Bead} from '../beads/types.js';
import {moleculeCurrent} from '../formulas/lifecycle.js';
import {isMolecule} from '../formulas/molecule.js';
import {inbox} from '../mail/mail.js';
import {findHookedWork} from './hook.js';
import {rigLayout} from '../base/paths.js';
import {listRigs, readRigConfig} from '../town/rig-config.js';

/** A molecule step's place: done, the one to work on now, ready after it, waiting on others. */
export type StepState = 'done' | 'current' | 'ready' | 'blocked' | 'pending';

export type PrimeStep = {id: string; title: string; status: string; state: StepState; description?: string};

export type PrimeContext = {
	address: string;
	role: string;
	town: string;
	town_root: string;
	rig?: string;
	worktree: string;
	branch?: string;
	bead: Bead | null;
	/** Whether the hooked bead is a molecule (a formula poured into beads). */
	molecule: boolean;
	/** Steps of a molecule (or the hooked bead's children), in order, nested ones included. */
	steps: PrimeStep[];
	/** The step to work on now (in progress, else the first ready one). */
	currentStep?: {id: string; title: string; status: string};
	/** Unread mail, newest first (at most five listed). */
	mail: {unread: number; latest: Array<{id: string; from: string; subject: string}>};
	/** For the Mayor: the rigs and how much ready work each has. */
	rigs?: Array<{name: string; prefix: string; branch: string; path: string; ready: number}>;
};

export async function primeContext(townRoot: string, agent: AgentRef): Promise<PrimeContext> {
	const town = readTownConfig(townRoot).name;
	const hooked = await findHookedWork(townRoot, agent);
	let steps: PrimeStep[] = [];
	let currentStep: PrimeContext['currentStep'];
	const molecule = hooked ? isMolecule(hooked.bead) : false;
	if (hooked) {
		const state = await hooked.ledger.read();
		const described = (id: string) => {
			const text = state.get(id)?.description?.trim();
			return text ? {description: text} : {};
		};
		if (molecule) {
			const current = moleculeCurrent(state, hooked.bead);
			currentStep = current.current_step;
			steps = current.steps.map(step => ({...step.issue, state: step.issue.id === currentStep?.id ? 'current' : step.status, ...described(step.issue.id)}));
		} else {
			steps = state.childrenOf(hooked.bead.id).sort((a, b) => (a.id < b.id ? -1 : 1)).map(step => ({id: step.id, title: step.title, status: step.status, state: step.status === 'closed' ? 'done' : 'pending', ...described(step.id)}));
		}
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
	const unread = await inbox(townRoot, agent.address, {unread: true});
	return {
		...(rigs ? {rigs} : {}),
		address: agent.address,
		role: agent.role,
		town,
		town_root: townRoot,
		...(agent.rig ? {rig: agent.rig} : {}),
		worktree: agent.dir,
		...(agent.rig && agent.role === 'polecat' && hooked ? {branch: `polecat/${agent.name}/${hooked.bead.id}`} : {}),
		...(agent.role === 'crew' ? {branch: `crew/${agent.name}`} : {}),
		bead: hooked?.bead ?? null,
		molecule,
		steps,
		...(currentStep ? {currentStep} : {}),
		mail: {unread: unread.length, latest: unread.slice(0, 5).map(message => ({id: message.id, from: message.from, subject: message.subject}))},
	};
}

