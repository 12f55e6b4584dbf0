// The rows each list pane shows, derived from the state (and its filter). Panes draw
// them; the key handler reads the selected one. Pure, so tests need no Ink.
import type {SessionInfo} from '../../core/sessions/types.js';
import type {MailMessage} from '../../core/mail/mail.js';
import type {PaneId, UiState} from '../app/state.js';
import {attentionList, type Attention} from '../../core/overview/town-overview.js';
import type {MergeRequestJson} from '../../core/refinery/queue.js';
import {emptyWork} from '../../core/overview/services.js';

export type ConvoyRow =
	| {readonly kind: 'convoy'; readonly id: string; readonly title: string; readonly done: number; readonly total: number; readonly landedAt?: string}
	| {readonly kind: 'bead'; readonly id: string; readonly title: string; readonly status: string; readonly assignee?: string; readonly rig?: string; readonly ready: boolean; readonly mergeFailed?: string}
	| {readonly kind: 'heading'; readonly id: string; readonly title: string};

const matches = (filter: string, ...texts: Array<string | undefined>) => {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some(text => text?.toLowerCase().includes(needle));
};

const stateOrder: Record<string, number> = {waiting: 0, working: 1, starting: 2, idle: 3, unknown: 4, exited: 5};

/** An agent as the Agents pane lists it: the bead on its hook now, and a failed merge of its work. */
export type AgentRow = SessionInfo & {
	readonly mergeFailed?: string;
	/** An agent with a worktree (or the Mayor) but no session: listed, so it does not vanish, with how it starts. */
	readonly stopped?: {readonly restart: string};
};

/** Sessions with the bead on their hook now, once the hooks are read (a session keeps the bead it started with). */
export function currentSessions(state: UiState): AgentRow[] {
	const {hooks, mergeQueue} = state.work;
	const known = state.work !== emptyWork;
	return state.sessions.map(info => {
		const {bead: _started, ...rest} = info;
		const bead = known ? hooks[info.address] : info.bead;
		const failed = mergeQueue.find(request => request.state === 'failed' && request.worker === info.address);
		return {...rest, ...(bead ? {bead} : {}), ...(failed ? {mergeFailed: failed.id} : {})};
	});
}

/** Agents on disk that the daemon does not run, as rows (state "exited", marked stopped). */
function stoppedRows(state: UiState, running: readonly AgentRow[]): AgentRow[] {
	const addresses = new Set(running.map(info => info.address));
	return (state.work.agentsOnDisk ?? []).filter(agent => !addresses.has(agent.address)).map(agent => ({
		id: agent.address === 'mayor/' ? 'mayor' : agent.address.replaceAll('/', '.'),
		address: agent.address,
		role: agent.role,
		agent: '',
		cwd: agent.cwd,
		...(agent.rig ? {rig: agent.rig} : {}),
		...(agent.bead ? {bead: agent.bead} : {}),
		startedAt: '',
		state: {state: 'exited', source: 'process', confidence: 1, since: ''},
		cols: 0,
		rows: 0,
		restarts: 0,
		stopped: {restart: agent.restart},
	}));
}

/** Agents, Mayor first, then by rig and name; stopped ones too. */
export function agentRows(state: UiState): AgentRow[] {
	const running = currentSessions(state);
	return [...running, ...stoppedRows(state, running)]
		.filter(info => matches(state.filter, info.address, info.role, info.state.state, info.bead))
		.slice()
		.sort((a, b) => (a.role === 'mayor' ? -1 : b.role === 'mayor' ? 1 : a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

export function convoyRows(state: UiState): ConvoyRow[] {
	const rows: ConvoyRow[] = [];
	for (const convoy of state.ledgers.convoys) {
		const beads = convoy.tracked.filter(bead => matches(state.filter, convoy.title, convoy.id, bead.id, bead.title));
		if (beads.length === 0 && !matches(state.filter, convoy.title, convoy.id)) continue;
		rows.push({kind: 'convoy', id: convoy.id, title: convoy.title, done: convoy.done, total: convoy.total});
		for (const bead of beads) rows.push({kind: 'bead', id: bead.id, title: bead.title, status: bead.status, ...(bead.assignee ? {assignee: bead.assignee} : {}), ...(bead.rig ? {rig: bead.rig} : {}), ready: false});
	}
	const ready = state.ledgers.ready.filter(bead => matches(state.filter, bead.id, bead.title, bead.rig));
	if (ready.length > 0) {
		rows.push({kind: 'heading', id: 'ready', title: 'Ready to sling'});
		for (const bead of ready) rows.push({kind: 'bead', id: bead.id, title: bead.title, status: 'open', rig: bead.rig, ready: true});
	}
	const landed = (state.ledgers.landed ?? []).filter(convoy => matches(state.filter, convoy.title, convoy.id));
	if (landed.length > 0) {
		rows.push({kind: 'heading', id: 'landed', title: 'Landed'});
		for (const convoy of landed) rows.push({kind: 'convoy', id: convoy.id, title: convoy.title, done: convoy.done, total: convoy.total, landedAt: convoy.closed_at ?? convoy.created_at});
	}
	// A bead back on the board after its merge failed says so (the why is in the merge view).
	const failed = new Map(state.work.mergeQueue.filter(request => request.state === 'failed').map(request => [request.source_bead, request.id]));
	return failed.size === 0 ? rows : rows.map(row => (row.kind === 'bead' && failed.has(row.id) && row.status !== 'closed' ? {...row, mergeFailed: failed.get(row.id)!} : row));
}

export function mailRows(state: UiState): MailMessage[] {
	return state.ledgers.mail.filter(message => !message.archived_at && matches(state.filter, message.from, message.subject, message.id));
}

/** Everything waiting on the human: waiting agents, patrol marks, escalations, failed merges. */
export function attentionRows(state: UiState): Attention[] {
	return attentionList(currentSessions(state), state.ledgers.mail.filter(message => !message.archived_at), state.work.mergeQueue)
		.filter(item => matches(state.filter, item.title, item.detail, item.kind))
		// An agent stopped on a question first: it holds work (and a paid session) until answered.
		.sort((a, b) => Number(b.kind === 'waiting') - Number(a.kind === 'waiting'));
}

/** The merge queue: failed first (they need someone), then merging, then queued. */
export function mergeRows(state: UiState): MergeRequestJson[] {
	const order: Record<string, number> = {failed: 0, merging: 1, queued: 2};
	return state.work.mergeQueue
		.filter(request => matches(state.filter, request.id, request.title, request.branch, request.worker, request.source_bead, request.state))
		.slice()
		.sort((a, b) => (order[a.state] ?? 3) - (order[b.state] ?? 3) || a.created_at.localeCompare(b.created_at));
}

export function rowCount(state: UiState, pane: PaneId): number {
	if (pane === 'agents') return agentRows(state).length;
	if (pane === 'convoys') return convoyRows(state).length;
	if (pane === 'mail') return mailRows(state).length;
	if (pane === 'attention') return attentionRows(state).length;
	if (pane === 'merges') return mergeRows(state).length;
	return 0;
}

/** The selected index, kept inside the list as it shrinks. */
export function selectedIndex(state: UiState, pane: PaneId): number {
	const count = rowCount(state, pane);
	return Math.max(0, Math.min(state.selected[pane], count - 1));
}

export const selectedAgent = (state: UiState) => agentRows(state)[selectedIndex(state, 'agents')];
export const selectedConvoyRow = (state: UiState) => convoyRows(state)[selectedIndex(state, 'convoys')];
export const selectedMail = (state: UiState) => mailRows(state)[selectedIndex(state, 'mail')];
export const selectedAttention = (state: UiState) => attentionRows(state)[selectedIndex(state, 'attention')];
export const selectedMerge = (state: UiState) => mergeRows(state)[selectedIndex(state, 'merges')];

/** "No agents yet" only when there are none; a filter that hides them all says so. */
export const emptyText = (state: Pick<UiState, 'filter'>, none: string) => (state.filter ? `Nothing matches the filter "${state.filter}" (esc clears it).` : none);

/** Sling targets: rigs (a new or idle polecat), existing workers, the Mayor. */
export const slingTargets = (state: UiState): string[] => [...state.ledgers.rigs, ...state.ledgers.workers, 'mayor'];

/** Runtimes whose command is installed, the town's default first. */
export function slingRuntimes(state: UiState): string[] {
	const {runtimes, defaultRuntime, installed} = state.ledgers;
	const usable = installed ? runtimes.filter(name => installed.includes(name)) : runtimes;
	return [...(defaultRuntime && usable.includes(defaultRuntime) ? [defaultRuntime] : []), ...usable.filter(name => name !== defaultRuntime)];
}
