// The one table of key bindings. The footer, the `?` overlay, the README's key table
// and the tests (which press keys by id) all read it; the reducer never sees raw keys.

export type Scope = 'global' | 'list' | 'mayor' | 'agents' | 'convoys' | 'mail' | 'input' | 'dialog' | 'attach';

export type Binding = {
	readonly id: string;
	/** Key names: a printable character, or enter, esc, tab, shift+tab, up, down, pageup, pagedown, ctrl+<x>. */
	readonly keys: readonly string[];
	readonly scope: Scope;
	readonly description: string;
	/** A word or two for the footer. */
	readonly short: string;
	/** Asks before acting. */
	readonly dangerous?: boolean;
	/** Shown in help and the README but left out of the footer. */
	readonly quiet?: boolean;
};

export const keyMap: readonly Binding[] = [
	{id: 'global.next-pane', keys: ['tab'], scope: 'global', description: 'Focus the next pane', short: 'next pane'},
	{id: 'global.prev-pane', keys: ['shift+tab'], scope: 'global', description: 'Focus the previous pane', short: 'prev pane', quiet: true},
	{id: 'global.pane-mayor', keys: ['1'], scope: 'global', description: 'Focus the Mayor pane', short: 'mayor', quiet: true},
	{id: 'global.pane-agents', keys: ['2'], scope: 'global', description: 'Focus the Agents pane', short: 'agents', quiet: true},
	{id: 'global.pane-convoys', keys: ['3'], scope: 'global', description: 'Focus the Convoys pane', short: 'convoys', quiet: true},
	{id: 'global.pane-mail', keys: ['4'], scope: 'global', description: 'Focus the Mail pane', short: 'mail', quiet: true},
	{id: 'global.filter', keys: ['/'], scope: 'global', description: 'Filter the lists by text', short: 'filter'},
	{id: 'global.help', keys: ['?'], scope: 'global', description: 'Show every key', short: 'help'},
	{id: 'global.back', keys: ['esc'], scope: 'global', description: 'Close the popup, clear the filter, leave the input', short: 'back', quiet: true},
	{id: 'global.quit', keys: ['q', 'ctrl+c'], scope: 'global', description: 'Quit the UI; agents keep running', short: 'quit (agents keep running)'},
	{id: 'list.down', keys: ['j', 'down'], scope: 'list', description: 'Select the next row', short: 'down', quiet: true},
	{id: 'list.up', keys: ['k', 'up'], scope: 'list', description: 'Select the previous row', short: 'up', quiet: true},
	{id: 'list.first', keys: ['g'], scope: 'list', description: 'Select the first row', short: 'first', quiet: true},
	{id: 'list.last', keys: ['G'], scope: 'list', description: 'Select the last row', short: 'last', quiet: true},
	{id: 'mayor.type', keys: ['i', 'enter'], scope: 'mayor', description: 'Type to the Mayor (esc leaves the input)', short: 'type'},
	{id: 'mayor.attach', keys: ['a'], scope: 'mayor', description: "Attach to the Mayor's terminal full screen (detach: ctrl+])", short: 'attach'},
	{id: 'agents.attach', keys: ['a', 'enter'], scope: 'agents', description: "Attach to the agent's terminal full screen (detach: ctrl+])", short: 'attach'},
	{id: 'agents.nudge', keys: ['n'], scope: 'agents', description: 'Nudge the agent with a message', short: 'nudge'},
	{id: 'agents.stop', keys: ['x'], scope: 'agents', description: 'Stop the agent', short: 'stop', dangerous: true},
	{id: 'convoys.sling', keys: ['s'], scope: 'convoys', description: 'Sling the selected bead: pick rig or agent, then runtime', short: 'sling'},
	{id: 'convoys.new-bead', keys: ['b'], scope: 'convoys', description: 'Create a bead in a rig', short: 'new bead'},
	{id: 'convoys.new-convoy', keys: ['c'], scope: 'convoys', description: 'Create a convoy (tracking the selected bead)', short: 'new convoy'},
	{id: 'mail.read', keys: ['enter'], scope: 'mail', description: 'Read the selected message', short: 'read'},
	{id: 'mail.reply', keys: ['r'], scope: 'mail', description: 'Reply to the selected message', short: 'reply'},
	{id: 'mail.compose', keys: ['m'], scope: 'mail', description: 'Write a new message', short: 'compose'},
	{id: 'mail.archive', keys: ['d'], scope: 'mail', description: 'Archive the selected message', short: 'archive'},
	{id: 'input.submit', keys: ['enter'], scope: 'input', description: 'Send the text (paste and fast typing arrive whole)', short: 'send'},
	{id: 'input.cancel', keys: ['esc'], scope: 'input', description: 'Leave the input', short: 'back'},
	{id: 'dialog.down', keys: ['down', 'j'], scope: 'dialog', description: 'Next choice', short: 'down', quiet: true},
	{id: 'dialog.up', keys: ['up', 'k'], scope: 'dialog', description: 'Previous choice', short: 'up', quiet: true},
	{id: 'dialog.confirm', keys: ['enter', 'y'], scope: 'dialog', description: 'Choose / confirm', short: 'confirm'},
	{id: 'dialog.cancel', keys: ['esc', 'n'], scope: 'dialog', description: 'Cancel', short: 'cancel'},
	{id: 'attach.detach', keys: ['ctrl+]'], scope: 'attach', description: 'Detach from a full-screen agent terminal', short: 'detach'},
];

const byId = new Map(keyMap.map(binding => [binding.id, binding]));

export function binding(id: string): Binding {
	const found = byId.get(id);
	if (!found) throw new Error(`no key binding "${id}"`);
	return found;
}

/** The subset of Ink's Key we read. */
export type KeyInfo = {
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly tab?: boolean;
	readonly shift?: boolean;
	readonly ctrl?: boolean;
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
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
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.ctrl && input) return `ctrl+${input}`;
	return input;
}

/** The first binding in `scopes` (in order) that a key name triggers. */
export function matchKey(name: string, scopes: readonly Scope[]): Binding | undefined {
	for (const scope of scopes) {
		const found = keyMap.find(candidate => candidate.scope === scope && candidate.keys.includes(name));
		if (found) return found;
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
	pageup: '\x1b[5~',
	pagedown: '\x1b[6~',
	'ctrl+c': '\x03',
	'ctrl+]': '\x1d',
};

/** The bytes a terminal sends for a key name (tests type them). */
export function keySequence(name: string): string {
	return sequences[name] ?? name;
}

/** Footer text for the scopes that apply now. */
export function footerItems(scopes: readonly Scope[]): Array<{keys: string; short: string; dangerous: boolean}> {
	return scopes.flatMap(scope => keyMap
		.filter(candidate => candidate.scope === scope && !candidate.quiet)
		.map(candidate => ({keys: candidate.keys.join('/'), short: candidate.short, dangerous: candidate.dangerous === true})));
}

const scopeTitles: Readonly<Record<Scope, string>> = {
	global: 'Anywhere',
	list: 'Lists (Agents, Convoys, Mail)',
	mayor: 'Mayor pane',
	agents: 'Agents pane',
	convoys: 'Convoys pane',
	mail: 'Mail pane',
	input: 'Typing (Mayor input, prompts, filter)',
	dialog: 'Dialogs',
	attach: 'Attached to an agent',
};

export const scopeTitle = (scope: Scope) => scopeTitles[scope];

/** The key table as markdown, for the README. */
export function keyTableMarkdown(): string {
	const escape = (text: string) => text.replaceAll('|', '\\|');
	const rows = keyMap.map(candidate => `| ${scopeTitles[candidate.scope]} | ${candidate.keys.map(key => `\`${escape(key)}\``).join(', ')} | ${escape(candidate.description)}${candidate.dangerous ? ' (asks first)' : ''} |`);
	return ['| Where | Keys | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}
