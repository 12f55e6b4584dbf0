// The UI's state: which pane has focus, the stack of popups above it (esc pops),
// the selected row per pane, the filter, and the last board read from the town.
import type {SessionInfo} from '../../core/sessions/types.js';
import {emptyLedgers, type CheckpointRow, type Ledgers} from '../../core/overview/services.js';
import {emptyBuffer, type EditBuffer} from '../widgets/text-input.js';

export const panes = ['mayor', 'agents', 'convoys', 'mail'] as const;
export type PaneId = (typeof panes)[number];

export type InputPurpose = 'nudge' | 'new-bead' | 'new-convoy' | 'reply' | 'compose';

export type SlingStep = 'target' | 'runtime' | 'confirm';

export type Popup =
	| {readonly kind: 'help'}
	| {readonly kind: 'filter'}
	| {readonly kind: 'mayor-input'}
	| {readonly kind: 'sling'; readonly bead: string; readonly title: string; readonly step: SlingStep; readonly choice: number; readonly target?: string; readonly runtime?: string}
	/** A text prompt; `subject` carries the agent, message or bead it is about. */
	| {readonly kind: 'input'; readonly purpose: InputPurpose; readonly subject?: string; readonly label: string; readonly draft?: {readonly to?: string; readonly subject?: string}}
	| {readonly kind: 'confirm-stop'; readonly agent: string; readonly address: string}
	/** An agent's checkpoints to pick one to roll back to. */
	| {readonly kind: 'history'; readonly agent: string; readonly address: string; readonly checkpoints: readonly CheckpointRow[]; readonly choice: number}
	| {readonly kind: 'confirm-rollback'; readonly agent: string; readonly address: string; readonly checkpoint: CheckpointRow}
	| {readonly kind: 'mail'; readonly id: string};

export type Daemon = 'connecting' | 'up' | 'down';

export type Notice = {readonly text: string; readonly tone: 'info' | 'error'};

export type UiState = {
	readonly focus: PaneId;
	readonly stack: readonly Popup[];
	readonly selected: Readonly<Record<PaneId, number>>;
	readonly filter: string;
	readonly sessions: readonly SessionInfo[];
	readonly ledgers: Ledgers;
	readonly daemon: Daemon;
	readonly notice?: Notice;
	/** The text being typed in the top popup (filter, Mayor input, prompts). */
	readonly editor: EditBuffer;
	/** The clock the ages are drawn against (ms since the epoch), ticked by the container. */
	readonly now: number;
};

export const initialState: UiState = {
	focus: 'mayor',
	stack: [],
	selected: {mayor: 0, agents: 0, convoys: 0, mail: 0},
	filter: '',
	sessions: [],
	ledgers: emptyLedgers,
	daemon: 'connecting',
	editor: emptyBuffer,
	now: 0,
};

export const topPopup = (state: UiState): Popup | undefined => state.stack.at(-1);

/** Popups whose keys go to the text editor. */
export const isTextPopup = (popup: Popup | undefined): boolean => popup?.kind === 'filter' || popup?.kind === 'mayor-input' || popup?.kind === 'input';
