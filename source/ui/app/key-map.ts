// The one table of key bindings. Every key the UI reacts to is here — the panes', the
// popups', ctrl+c, the text editor's and the attach screen's detach key — and the footer,
// the `?` overlay, the README's key table and the tests (which press keys by id) read it.
// Binding ids are a union type drawn from the table, and the handlers are a Record over
// it (bindings.ts, text-input.tsx, attach.ts): a binding without a handler does not compile.

/** Where a binding applies, in the order the help overlay and the README list them. */
export const scopes = ['always', 'global', 'list', 'mayor', 'agents', 'convoys', 'mail', 'attention', 'merges', 'help', 'message', 'choice', 'dialog', 'input', 'edit', 'attach'] as const;
export type Scope = (typeof scopes)[number];

/** The scopes of the UI proper; `attach` belongs to the full-screen attach (attach.ts). */
export type UiScope = Exclude<Scope, 'attach'>;

type BindingIn<S extends Scope> = {
	/** `<scope>.<action>`: the prefix is the scope, checked by the type. */
	readonly id: `${S}.${string}`;
	/** Key names: a printable character, or enter, esc, tab, shift+tab, up, down, left, right, home, end, pageup, pagedown, backspace, delete, ctrl+<x>. */
	readonly keys: readonly string[];
	readonly scope: S;
	readonly description: string;
	/** A word or two for the footer. */
	readonly short: string;
	/** Asks before acting. */
	readonly dangerous?: boolean;
	/** Shown in help and the README but left out of the footer. */
	readonly quiet?: boolean;
};

export type Binding = {[S in Scope]: BindingIn<S>}[Scope];

export const keyMap = [
	{id: 'always.quit', keys: ['ctrl+c'], scope: 'always', description: 'Quit the UI; while typing, the first ctrl+c clears the text instead; agents keep running', short: 'quit', quiet: true},
	{id: 'global.next-pane', keys: ['tab'], scope: 'global', description: 'Focus the next pane', short: 'next pane'},
	{id: 'global.prev-pane', keys: ['shift+tab'], scope: 'global', description: 'Focus the previous pane', short: 'prev pane', quiet: true},
	{id: 'global.pane-mayor', keys: ['1'], scope: 'global', description: 'Focus the Mayor pane', short: 'mayor', quiet: true},
	{id: 'global.pane-agents', keys: ['2'], scope: 'global', description: 'Focus the Agents pane', short: 'agents', quiet: true},
	{id: 'global.pane-convoys', keys: ['3'], scope: 'global', description: 'Focus the Convoys pane', short: 'convoys', quiet: true},
	{id: 'global.pane-mail', keys: ['4'], scope: 'global', description: 'Focus the Mail pane', short: 'mail', quiet: true},
	{id: 'global.pane-attention', keys: ['5'], scope: 'global', description: 'Focus the Needs-you list: agent questions, stalled agents, escalations, failed merges', short: 'needs you', quiet: true},
	{id: 'global.pane-merges', keys: ['6'], scope: 'global', description: 'Focus the merge queue (gate output, retry, reject)', short: 'merges', quiet: true},
	{id: 'global.filter', keys: ['/'], scope: 'global', description: 'Filter the lists by text', short: 'filter'},
	{id: 'global.help', keys: ['?'], scope: 'global', description: 'Show every key', short: 'help'},
	{id: 'global.back', keys: ['esc'], scope: 'global', description: 'Clear the filter, then the notice', short: 'back', quiet: true},
	{id: 'global.stop-town', keys: ['X'], scope: 'global', description: 'Stop the town: every agent and the daemon, as `gt down` (the UI then waits for `gt up`)', short: 'stop town', dangerous: true, quiet: true},
	{id: 'global.quit', keys: ['q'], scope: 'global', description: 'Quit the UI; agents keep running', short: 'quit (agents keep running)'},
	{id: 'list.down', keys: ['j', 'down'], scope: 'list', description: 'Select the next row', short: 'down', quiet: true},
	{id: 'list.up', keys: ['k', 'up'], scope: 'list', description: 'Select the previous row', short: 'up', quiet: true},
	{id: 'list.first', keys: ['g'], scope: 'list', description: 'Select the first row', short: 'first', quiet: true},
	{id: 'list.last', keys: ['G'], scope: 'list', description: 'Select the last row', short: 'last', quiet: true},
	{id: 'mayor.type', keys: ['i', 'enter'], scope: 'mayor', description: 'Type to the Mayor (esc leaves the input)', short: 'type'},
	{id: 'mayor.attach', keys: ['a'], scope: 'mayor', description: "Attach to the Mayor's terminal full screen (detach: ctrl+])", short: 'attach'},
	{id: 'agents.attach', keys: ['a', 'enter'], scope: 'agents', description: "Attach to the agent's terminal full screen (detach: ctrl+])", short: 'attach'},
	{id: 'agents.nudge', keys: ['n'], scope: 'agents', description: 'Nudge the agent with a message', short: 'nudge'},
	{id: 'agents.stop', keys: ['x'], scope: 'agents', description: 'Stop the agent', short: 'stop', dangerous: true},
	{id: 'agents.pause', keys: ['p'], scope: 'agents', description: 'Pause the agent where it is (no CPU, hook kept), or resume a paused one', short: 'pause/resume'},
	{id: 'agents.restart', keys: ['R'], scope: 'agents', description: 'Restart the agent on its worktree and hook (an exited or stopped one starts again)', short: 'restart', dangerous: true},
	{id: 'agents.scroll-back', keys: ['[', 'pageup'], scope: 'agents', description: "Scroll the preview back through the agent's scrollback", short: 'scroll back'},
	{id: 'agents.scroll-forward', keys: [']', 'pagedown'], scope: 'agents', description: 'Scroll the preview forward, to the live screen', short: 'scroll fwd', quiet: true},
	{id: 'agents.history', keys: ['h'], scope: 'agents', description: "The agent's checkpoints; enter rolls its worktree back to one (asks first)", short: 'history'},
	{id: 'convoys.sling', keys: ['s'], scope: 'convoys', description: 'Sling the selected bead: pick rig or agent, then runtime', short: 'sling'},
	{id: 'convoys.new-bead', keys: ['b'], scope: 'convoys', description: 'Create a bead in a rig', short: 'new bead'},
	{id: 'convoys.new-convoy', keys: ['c'], scope: 'convoys', description: 'Create a convoy (tracking the selected bead)', short: 'new convoy'},
	{id: 'mail.read', keys: ['enter'], scope: 'mail', description: 'Read the selected message', short: 'read'},
	{id: 'mail.reply', keys: ['r'], scope: 'mail', description: 'Reply to the selected message', short: 'reply'},
	{id: 'mail.compose', keys: ['m'], scope: 'mail', description: 'Write a new message', short: 'compose'},
	{id: 'mail.archive', keys: ['d'], scope: 'mail', description: 'Archive the selected message', short: 'archive'},
	{id: 'attention.approve', keys: ['y'], scope: 'attention', description: "Approve what the selected agent asks (its runtime's yes)", short: 'approve'},
	{id: 'attention.deny', keys: ['n'], scope: 'attention', description: 'Deny it (esc to the agent)', short: 'deny'},
	{id: 'attention.answer', keys: ['t'], scope: 'attention', description: 'Type an answer to the selected agent (sent with enter)', short: 'answer'},
	{id: 'attention.open', keys: ['enter'], scope: 'attention', description: 'Open the item: read the mail, show the merge request, attach to the agent', short: 'open'},
	{id: 'merges.retry', keys: ['r'], scope: 'merges', description: 'Queue the selected failed merge request again', short: 'retry'},
	{id: 'merges.reject', keys: ['R', 'x'], scope: 'merges', description: 'Reject the selected merge request (its bead reopens)', short: 'reject', dangerous: true},
	{id: 'help.close', keys: ['esc', '?', 'q', 'enter'], scope: 'help', description: 'Close the key list', short: 'close'},
	{id: 'message.reply', keys: ['r'], scope: 'message', description: 'Reply to the open message', short: 'reply'},
	{id: 'message.archive', keys: ['d'], scope: 'message', description: 'Archive the open message', short: 'archive'},
	{id: 'message.close', keys: ['esc', 'enter', 'q'], scope: 'message', description: 'Close the message', short: 'back'},
	{id: 'choice.down', keys: ['down', 'j'], scope: 'choice', description: 'Next choice', short: 'down', quiet: true},
	{id: 'choice.up', keys: ['up', 'k'], scope: 'choice', description: 'Previous choice', short: 'up', quiet: true},
	{id: 'dialog.confirm', keys: ['enter', 'y'], scope: 'dialog', description: 'Choose / confirm', short: 'confirm'},
	{id: 'dialog.cancel', keys: ['esc', 'n'], scope: 'dialog', description: 'Cancel', short: 'cancel'},
	{id: 'input.submit', keys: ['enter'], scope: 'input', description: 'Send the text (paste and fast typing arrive whole)', short: 'send'},
	{id: 'input.cancel', keys: ['esc'], scope: 'input', description: 'Leave the input', short: 'back'},
	{id: 'edit.left', keys: ['left'], scope: 'edit', description: 'Cursor one character (grapheme) left', short: 'left', quiet: true},
	{id: 'edit.right', keys: ['right'], scope: 'edit', description: 'Cursor one character (grapheme) right', short: 'right', quiet: true},
	{id: 'edit.home', keys: ['home', 'ctrl+a'], scope: 'edit', description: 'Cursor to the start', short: 'start', quiet: true},
	{id: 'edit.end', keys: ['end', 'ctrl+e'], scope: 'edit', description: 'Cursor to the end', short: 'end', quiet: true},
	{id: 'edit.delete-back', keys: ['backspace', 'delete'], scope: 'edit', description: 'Delete the character (grapheme) before the cursor', short: 'delete', quiet: true},
	{id: 'edit.clear', keys: ['ctrl+u'], scope: 'edit', description: 'Clear the text', short: 'clear', quiet: true},
	{id: 'attach.detach', keys: ['ctrl+]'], scope: 'attach', description: 'Detach from a full-screen agent terminal', short: 'detach'},
] as const satisfies readonly Binding[];

export type KeyBinding = (typeof keyMap)[number];
export type BindingId = KeyBinding['id'];
/** The ids of one scope (or several). */
export type IdIn<S extends Scope> = Extract<KeyBinding, {scope: S}>['id'];

const byId = new Map<string, KeyBinding>(keyMap.map(entry => [entry.id, entry]));

export function binding<Id extends BindingId>(id: Id): Extract<KeyBinding, {id: Id}> {
	const found = byId.get(id);
	if (!found) throw new Error(`no key binding "${id}"`);
	return found as Extract<KeyBinding, {id: Id}>;
}

/** A binding's keys for a hint in the UI's text ("enter/y"); `first` gives only the first. */
export function keyHint(id: BindingId, joiner: string | 'first' = '/'): string {
	const {keys} = binding(id);
	return joiner === 'first' ? keys[0] : keys.join(joiner);
}

/** The subset of Ink's Key we read. */
export type KeyInfo = {
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly tab?: boolean;
	readonly shift?: boolean;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly backspace?: boolean;
	readonly delete?: boolean;
};

/** Ink's (input, key) as one key name of the table. */
export function keyName(input: string, key: KeyInfo): string {
	if (key.return) return 'enter';
	if (key.escape) return 'esc';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	// Ink names the key most terminals send for backspace (0x7f) "delete".
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	if (key.ctrl && input) return `ctrl+${input}`;
	return input;
}

/** The first binding in `scopes` (in order) that a key name triggers. */
export function matchKey<S extends Scope>(name: string, within: readonly S[]): Extract<KeyBinding, {scope: S}> | undefined {
	for (const scope of within) {
		const found = keyMap.find(candidate => candidate.scope === scope && (candidate.keys as readonly string[]).includes(name));
		if (found) return found as Extract<KeyBinding, {scope: S}>;
	}
	return undefined;
}

const sequences: Readonly<Record<string, string>> = {
	enter: '\r',
	esc: '\x1b',
	tab: '\t',
	'shift+tab': '\x1b[Z',
	up: '\x1b[A',
	down: '\x1b[B',
	right: '\x1b[C',
	left: '\x1b[D',
	home: '\x1b[H',
	end: '\x1b[F',
	pageup: '\x1b[5~',
	pagedown: '\x1b[6~',
	backspace: '\x7f',
	delete: '\x1b[3~',
	'ctrl+]': '\x1d',
};

/** The bytes a terminal sends for a key name (tests type them; attach looks for them). */
export function keySequence(name: string): string {
	const control = /^ctrl\+([a-z])$/.exec(name);
	if (control) return String.fromCharCode(control[1]!.charCodeAt(0) - 96);
	return sequences[name] ?? name;
}

export type FooterItem = {readonly id: BindingId; readonly keys: string; readonly short: string; readonly dangerous: boolean};

/** Footer text for the scopes that apply now. */
export function footerItems(within: readonly Scope[]): FooterItem[] {
	return within.flatMap(scope => keyMap
		.filter(candidate => candidate.scope === scope && !('quiet' in candidate && candidate.quiet))
		.map(candidate => ({id: candidate.id, keys: candidate.keys.join('/'), short: candidate.short, dangerous: 'dangerous' in candidate && candidate.dangerous})));
}

const scopeTitles: Readonly<Record<Scope, string>> = {
	always: 'Always (even while typing)',
	global: 'Any pane',
	list: 'Lists (Agents, Convoys, Mail, Needs you, Merge queue)',
	mayor: 'Mayor pane',
	agents: 'Agents pane',
	convoys: 'Convoys pane',
	mail: 'Mail pane',
	attention: 'Needs-you list (5)',
	merges: 'Merge queue (6)',
	help: 'This key list',
	message: 'Reading a message',
	choice: 'Choosing (sling: rig or agent, runtime; a checkpoint)',
	dialog: 'Dialogs',
	input: 'Typing (Mayor input, prompts, filter)',
	edit: 'Editing the text',
	attach: 'Attached to an agent',
};

export const scopeTitle = (scope: Scope) => scopeTitles[scope];

const isDangerous = (entry: KeyBinding) => 'dangerous' in entry && entry.dangerous;

/** Every binding, grouped by scope in the order of `scopes`. */
export const bindingsByScope = (): KeyBinding[] => scopes.flatMap(scope => keyMap.filter(entry => entry.scope === scope));

/** The key table as markdown, for the README. */
export function keyTableMarkdown(): string {
	const escape = (text: string) => text.replaceAll('|', '\\|');
	const rows = bindingsByScope().map(entry => `| ${scopeTitles[entry.scope]} | ${entry.keys.map(key => `\`${escape(key)}\``).join(', ')} | ${escape(entry.description)}${isDangerous(entry) ? ' (asks first)' : ''} |`);
	return ['| Where | Keys | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}
