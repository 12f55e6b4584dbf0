// The UI's state: which pane has focus, the stack of popups above it (esc pops),
// the selected row per pane, the filter, and the last board read from the town.
import type {SessionInfo} from '../../core/sessions/types.js';
import {emptyLedgers, emptyWork, type CheckpointRow, type Ledgers, type Work} from '../../core/overview/services.js';
import {emptyBuffer, type EditBuffer} from '../widgets/text-input.js';

export const panes = ['mayor', 'agents', 'convoys', 'mail', 'attention', 'merges'] as const;
export type PaneId = (typeof panes)[number];

export type InputPurpose = 'nudge' | 'new-bead' | 'new-convoy' | 'reply' | 'compose' | 'answer';

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
	| {readonly kind: 'mail'; readonly id: string}
	/** Asks before restarting an agent, rejecting a merge request or stopping the town. */
	| {readonly kind: 'confirm'; readonly action: ConfirmAction};

export type ConfirmAction =
	| {readonly kind: 'restart'; readonly agent: string; readonly address: string; readonly running: boolean}
	| {readonly kind: 'start'; readonly address: string; readonly how: string}
	| {readonly kind: 'reject-merge'; readonly id: string; readonly title: string}
	| {readonly kind: 'stop-town'; readonly agents: number};

export type Daemon = 'connecting' | 'up' | 'down';

export type Notice = {readonly text: string; readonly tone: 'info' | 'error'; /** When it was shown (the state's clock); it goes after noticeMs. */ readonly at?: number};

/** How long a notice stays on the status line. */
export const noticeMs = 8000;

export type UiState = {
	readonly focus: PaneId;
	readonly stack: readonly Popup[];
	readonly selected: Readonly<Record<PaneId, number>>;
	readonly filter: string;
	readonly sessions: readonly SessionInfo[];
	readonly ledgers: Ledgers;
	readonly work: Work;
	readonly daemon: Daemon;
	readonly notice?: Notice;
	/** The text being typed in the top popup (filter, Mayor input, prompts). */
	readonly editor: EditBuffer;
	/** The clock the ages are drawn against (ms since the epoch), ticked by the container. */
	readonly now: number;
	/** Lines the preview is scrolled back from the live screen (0: live); any selection move returns it to live. */
	readonly previewBack: number;
};

export const initialState: UiState = {
	focus: 'mayor',
	stack: [],
	selected: {mayor: 0, agents: 0, convoys: 0, mail: 0, attention: 0, merges: 0},
	filter: '',
	sessions: [],
	ledgers: emptyLedgers,
	work: emptyWork,
	daemon: 'connecting',
	editor: emptyBuffer,
	now: 0,
	previewBack: 0,
};

export const topPopup = (state: UiState): Popup | undefined => state.stack.at(-1);

/** Popups whose keys go to the text editor. */
export const isTextPopup = (popup: Popup | undefined): boolean => popup?.kind === 'filter' || popup?.kind === 'mayor-input' || popup?.kind === 'input';
