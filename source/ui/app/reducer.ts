// Every change to the UI state is one of these actions. No I/O here: effects
// (daemon requests, ledger writes) run in the key handler and report back as actions.
import type {SessionInfo} from '../../core/sessions/types.js';
import {rowCount, selectedIndex, slingRuntimes, slingTargets} from '../data/rows.js';
import type {Ledgers, Work} from '../../core/overview/services.js';
import type {EditBuffer} from '../widgets/text-input.js';
import {isTextPopup, noticeMs, panes, topPopup, type Daemon, type Notice, type PaneId, type Popup, type UiState} from './state.js';

export type Action =
	| {type: 'focus'; pane: PaneId}
	| {type: 'focus-next'}
	| {type: 'focus-prev'}
	| {type: 'select'; to: 'next' | 'prev' | 'first' | 'last'}
	| {type: 'push'; popup: Popup}
	| {type: 'pop'}
	| {type: 'replace'; popup: Popup}
	| {type: 'filter'; text: string}
	| {type: 'sessions'; sessions: readonly SessionInfo[]}
	| {type: 'ledgers'; ledgers: Ledgers}
	| {type: 'work'; work: Work}
	| {type: 'daemon'; daemon: Daemon}
	| {type: 'notice'; notice?: Notice}
	| {type: 'sling-move'; delta: number}
	| {type: 'history-move'; delta: number}
	| {type: 'sling-choose'}
	| {type: 'edit'; buffer: EditBuffer}
	| {type: 'tick'; now: number}
	| {type: 'preview-scroll'; by: number | 'live'};

function moveSelection(state: UiState, to: 'next' | 'prev' | 'first' | 'last'): UiState {
	const pane = state.focus;
	const count = rowCount(state, pane);
	if (count === 0) return state;
	const current = selectedIndex(state, pane);
	const next = to === 'first' ? 0 : to === 'last' ? count - 1 : Math.max(0, Math.min(count - 1, current + (to === 'next' ? 1 : -1)));
	return {...state, selected: {...state.selected, [pane]: next}, previewBack: 0};
}

function replaceTop(state: UiState, popup: Popup): UiState {
	return {...state, stack: [...state.stack.slice(0, -1), popup]};
}

function slingChoices(state: UiState, step: 'target' | 'runtime'): string[] {
	return step === 'target' ? slingTargets(state) : slingRuntimes(state);
}

export function reducer(state: UiState, action: Action): UiState {
	switch (action.type) {
		case 'focus':
			return {...state, focus: action.pane};
		case 'focus-next':
		case 'focus-prev': {
			const index = panes.indexOf(state.focus);
			const step = action.type === 'focus-next' ? 1 : panes.length - 1;
			return {...state, focus: panes[(index + step) % panes.length]!};
		}
		case 'select':
			return moveSelection(state, action.to);
		case 'preview-scroll':
			// The far end is clamped where the lines are known (the preview), so this only keeps it ≥ 0.
			return {...state, previewBack: action.by === 'live' ? 0 : Math.max(0, state.previewBack + action.by)};
		case 'push': {
			const editor = action.popup.kind === 'filter' ? {value: state.filter, cursor: state.filter.length} : {value: '', cursor: 0};
			return {...state, stack: [...state.stack, action.popup], notice: undefined, ...(isTextPopup(action.popup) ? {editor} : {})};
		}
		case 'replace':
			return {...replaceTop(state, action.popup), ...(isTextPopup(action.popup) ? {editor: {value: '', cursor: 0}} : {})};
		case 'edit':
			return {...state, editor: action.buffer, ...(topPopup(state)?.kind === 'filter' ? {filter: action.buffer.value} : {})};
		case 'pop':
			if (state.stack.length > 0) return {...state, stack: state.stack.slice(0, -1)};
			if (state.filter) return {...state, filter: ''};
			return {...state, notice: undefined};
		case 'filter':
			return {...state, filter: action.text};
		case 'sessions':
			return {...state, sessions: action.sessions};
		case 'ledgers':
			return {...state, ledgers: action.ledgers};
		case 'work':
			return {...state, work: action.work};
		case 'daemon':
			return state.daemon === action.daemon ? state : {...state, daemon: action.daemon};
		case 'notice':
			return {...state, notice: action.notice ? {...action.notice, at: state.now} : undefined};
		case 'tick': {
			// A notice is read in a few seconds; left up it would describe an older moment.
			const {notice} = state;
			if (notice && notice.at === undefined) return {...state, now: action.now, notice: {...notice, at: action.now}};
			const stale = notice?.at !== undefined && action.now - notice.at >= noticeMs;
			return {...state, now: action.now, ...(stale ? {notice: undefined} : {})};
		}
		case 'sling-move': {
			const top = topPopup(state);
			if (top?.kind !== 'sling' || top.step === 'confirm') return state;
			const count = slingChoices(state, top.step).length;
			if (count === 0) return state;
			return replaceTop(state, {...top, choice: Math.max(0, Math.min(count - 1, top.choice + action.delta))});
		}
		case 'history-move': {
			const top = topPopup(state);
			if (top?.kind !== 'history' || top.checkpoints.length === 0) return state;
			return replaceTop(state, {...top, choice: Math.max(0, Math.min(top.checkpoints.length - 1, top.choice + action.delta))});
		}
		case 'sling-choose': {
			const top = topPopup(state);
			if (top?.kind !== 'sling' || top.step === 'confirm') return state;
			const picked = slingChoices(state, top.step)[top.choice];
			if (picked === undefined) return state;
			if (top.step === 'target') return replaceTop(state, {...top, step: 'runtime', target: picked, choice: 0});
			return replaceTop(state, {...top, step: 'confirm', runtime: picked, choice: 0});
		}
	}
}
