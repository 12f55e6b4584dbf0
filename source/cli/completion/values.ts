// Live values for shell completion: what exists right now in the town or ledger the
// shell is in (bead ids with their titles, rigs, agents, convoys, formulas, runtimes,
// mail, merge requests…). Each reader is read-only and quick, and a failure (no town,
// a ledger being rewritten) means no candidates, never an error on the user's prompt.
import type {Environment} from '../../core/base/environment.js';
import {findTownRoot, rigLayout, townLayout} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import type {Bead} from '../../core/beads/types.js';
import {builtinStatuses, builtinTypes} from '../../core/beads/types.js';
import type {ValueKind} from './kinds.js';

export type Candidate = {readonly value: string; readonly description?: string};

type Where = {readonly env: Environment; readonly program: 'gt' | 'bd'};

// Loaded on use: the TOML reader behind it is most of what a tab would otherwise load.
const rigNames = async (town: string) => (await import('../../core/town/rig-config.js')).rigNames(town);

// Control characters shown escaped (\e, \t, \n) as in human output: the shell prints these lines, and a tab would split one.
const oneLine = (text: string | undefined, max = 60) => {
	const flat = safeText(text ?? '').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The ledgers to read bead ids from: the current one first, then the rest of the town. */
async function ledgerDirs(where: Where): Promise<string[]> {
	const {currentLedgerDir} = await import('../../core/beads/resolve.js');
	const dirs = new Set<string>();
	const current = currentLedgerDir(where.env);
	if (current) dirs.add(current);
	const town = findTownRoot(where.env);
	if (town && !where.env.vars.BEADS_DIR) {
		dirs.add(townLayout(town).beads);
		for (const rig of await rigNames(town)) dirs.add(rigLayout(town, rig).beads);
	}
	return [...dirs];
}

async function beadsIn(dir: string, idPrefix: string, includeEphemeral = false): Promise<Bead[]> {
	const {Ledger} = await import('../../core/beads/ledger.js');
	if (!Ledger.exists(dir)) return [];
	const view = await Ledger.open(dir).view({records: false});
	return view.list({includeClosed: true, idPrefix, includeEphemeral}).beads(0);
}

async function allBeads(where: Where, idPrefix = '', includeEphemeral = false): Promise<Bead[]> {
	const lists = await Promise.all((await ledgerDirs(where)).map(dir => beadsIn(dir, idPrefix, includeEphemeral).catch(() => [])));
	return lists.flat();
}

const beadCandidate = (bead: Bead): Candidate => ({value: bead.id, description: `${bead.status} · ${oneLine(bead.title)}`});

/**
 * Work beads: open ones (any status but closed) whose id starts with the prefix; closed
 * ones only when no open one matches (`bd reopen bd-1<tab>`). Mail and merge requests
 * have their own kinds.
 */
async function beads(where: Where, prefix: string, test: (bead: Bead) => boolean = () => true, includeEphemeral = false): Promise<Candidate[]> {
	const matching = (await allBeads(where, prefix, includeEphemeral)).filter(bead => bead.issue_type !== 'message' && bead.issue_type !== 'merge-request' && test(bead));
	const open = matching.filter(bead => bead.status !== 'closed');
	return (open.length > 0 ? open : matching).map(beadCandidate);
}

/** The town's agents as they are on disk (the same list `gt agents --all` has), loaded on use. */
async function onDisk(where: Where) {
	const town = findTownRoot(where.env);
	return town ? (await import('../../core/work/stopped-agents.js')).agentsOnDisk(town) : [];
}

async function agents(where: Where): Promise<Candidate[]> {
	return (await onDisk(where)).map(ref => ref.role === 'mayor'
		? {value: 'mayor', description: 'the Mayor'}
		: {value: ref.role === 'polecat' ? `${ref.rig!}/${ref.name!}` : ref.address, description: `${ref.role} of ${ref.rig!}`});
}

async function rigs(where: Where): Promise<Candidate[]> {
	const town = findTownRoot(where.env);
	return town ? (await rigNames(town)).map(rig => ({value: rig, description: 'rig'})) : [];
}

async function addresses(where: Where): Promise<Candidate[]> {
	const town = findTownRoot(where.env);
	if (!town) return [];
	const groups = (await rigNames(town)).map(rig => ({value: `@rig/${rig}`, description: `every worker of ${rig}`}));
	const workers = (await onDisk(where)).filter(ref => ref.role !== 'mayor').map(ref => ({value: ref.address, description: ref.role}));
	return [{value: 'mayor/', description: 'the Mayor'}, {value: 'overseer', description: 'the human'}, {value: '@town', description: 'every agent'}, ...groups, ...workers];
}

async function crew(where: Where): Promise<Candidate[]> {
	return (await onDisk(where)).filter(ref => ref.role === 'crew').map(ref => ({value: ref.name!, description: `crew of ${ref.rig!}`}));
}

async function runtimes(where: Where): Promise<Candidate[]> {
	const [{readTownConfig}, {listAgents}] = await Promise.all([import('../../core/town/town-config.js'), import('../../core/agents/registry.js')]);
	const town = findTownRoot(where.env);
	const config = town ? readTownConfig(town) : {};
	return listAgents(config as Parameters<typeof listAgents>[0]).map(agent => ({value: agent.name, description: oneLine(agent.description || agent.command)}));
}

async function formulas(where: Where): Promise<Candidate[]> {
	const {listFormulas} = await import('../../core/formulas/discover.js');
	const seen = new Set<string>();
	return listFormulas(where.env).filter(entry => !seen.has(entry.name) && seen.add(entry.name)).map(entry => ({value: entry.name, description: `formula (${entry.source})`}));
}

async function convoys(where: Where, prefix: string): Promise<Candidate[]> {
	const town = findTownRoot(where.env);
	if (!town) return [];
	const hq = await beadsIn(townLayout(town).beads, prefix);
	return hq.filter(bead => bead.issue_type === 'convoy' && bead.status !== 'closed').map(beadCandidate);
}

async function mail(where: Where, prefix: string): Promise<Candidate[]> {
	const town = findTownRoot(where.env);
	if (!town) return [];
	const {callerAddress, inbox} = await import('../../core/mail/mail.js');
	return (await inbox(town, callerAddress(town, where.env))).filter(message => message.id.startsWith(prefix))
		.map(message => ({value: message.id, description: `${message.read ? '' : 'unread · '}${oneLine(message.from, 24)}: ${oneLine(message.subject)}`}));
}

async function mergeRequests(where: Where, prefix: string): Promise<Candidate[]> {
	const town = findTownRoot(where.env);
	if (!town) return [];
	const {listMergeRequests} = await import('../../core/refinery/queue.js');
	const lists = await Promise.all((await rigNames(town)).map(rig => listMergeRequests(town, rig).catch(() => [])));
	return lists.flat().filter(request => request.id.startsWith(prefix) && request.state !== 'merged' && request.state !== 'rejected')
		.map(request => ({value: request.id, description: `${request.state} · ${oneLine(request.title)}`}));
}

async function escalations(where: Where): Promise<Candidate[]> {
	const town = findTownRoot(where.env);
	if (!town) return [];
	const {listEscalations} = await import('../../core/mail/escalation.js');
	return (await listEscalations(town)).map(message => ({value: message.id, description: oneLine(message.subject)}));
}

async function labels(where: Where): Promise<Candidate[]> {
	const counts = new Map<string, number>();
	for (const bead of await allBeads(where)) for (const label of bead.labels ?? []) counts.set(label, (counts.get(label) ?? 0) + 1);
	return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([label, count]) => ({value: label, description: `${count} bead${count === 1 ? '' : 's'}`}));
}

const priorities: Candidate[] = ['critical', 'high', 'medium', 'low', 'backlog'].map((name, index) => ({value: String(index), description: `P${index} ${name}`}));

/** The candidates of one kind; `prefix` lets the big lists filter before describing. */
export async function valuesOf(kind: ValueKind, prefix: string, where: Where): Promise<Candidate[]> {
	switch (kind) {
		case 'bead': return beads(where, prefix);
		// Molecule steps, wisps' included (they are ephemeral).
		case 'step': return beads(where, prefix, bead => bead.status !== 'closed', true);
		case 'agent': return agents(where);
		case 'address': return addresses(where);
		case 'rig': return rigs(where);
		case 'crew': return crew(where);
		case 'runtime': return runtimes(where);
		case 'formula': return formulas(where);
		case 'convoy': return convoys(where, prefix);
		case 'mail': return mail(where, prefix);
		case 'merge-request': return mergeRequests(where, prefix);
		case 'escalation': return escalations(where);
		case 'label': return labels(where);
		case 'type': return builtinTypes.map(type => ({value: type}));
		case 'status': return builtinStatuses.map(status => ({value: status}));
		case 'priority': return priorities;
		case 'shell': return ['bash', 'zsh', 'fish', 'powershell'].map(shell => ({value: shell}));
		case 'file':
		case 'dir':
			return [];
	}
}
