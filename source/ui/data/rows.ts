// The rows each list pane shows, derived from the state (and its filter). Panes draw
// them; the key handler reads the selected one. Pure, so tests need no Ink.
import type {SessionInfo} from '../../core/sessions/types.js';
import type {MailMessage} from '../../core/mail/mail.js';
import type {PaneId, UiState} from '../app/state.js';

export type ConvoyRow =
	| {readonly kind: 'convoy'; readonly id: string; readonly title: string; readonly done: number; readonly total: number}
	| {readonly kind: 'bead'; readonly id: string; readonly title: string; readonly status: string; readonly assignee?: string; readonly rig?: string; readonly ready: boolean}
	| {readonly kind: 'heading'; readonly id: string; readonly title: string};

const matches = (filter: string, ...texts: Array<string | undefined>) => {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some(text => text?.toLowerCase().includes(needle));
};

const stateOrder: Record<string, number> = {waiting: 0, working: 1, starting: 2, idle: 3, unknown: 4, exited: 5};

/** Agents, Mayor first, then by rig and name. */
export function agentRows(state: UiState): SessionInfo[] {
	return state.sessions
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
	return rows;
}

export function mailRows(state: UiState): MailMessage[] {
	return state.ledgers.mail.filter(message => !message.archived_at && matches(state.filter, message.from, message.subject, message.id));
}

export function rowCount(state: UiState, pane: PaneId): number {
	if (pane === 'agents') return agentRows(state).length;
	if (pane === 'convoys') return convoyRows(state).length;
	if (pane === 'mail') return mailRows(state).length;
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

/** Sling targets: rigs (a new or idle polecat), existing workers, the Mayor. */
export const slingTargets = (state: UiState): string[] => [...state.ledgers.rigs, ...state.ledgers.workers, 'mayor'];

/** Runtimes, the town's default first. */
export function slingRuntimes(state: UiState): string[] {
	const {runtimes, defaultRuntime} = state.ledgers;
	return [...(defaultRuntime ? [defaultRuntime] : []), ...runtimes.filter(name => name !== defaultRuntime)];
}
