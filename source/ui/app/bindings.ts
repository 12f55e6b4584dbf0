// What each key binding of the UI does: one handler per id of the key map, as a
// Record over the ids, so a binding added to the map without a handler (or a handler
// left for a binding that is gone) fails to compile. Handlers turn into reducer
// actions and effects; they read the state through the context at the moment they run.
import type {IdIn, KeyInfo, UiScope} from './key-map.js';
import {perform, rigForNewBead, submitText, type EffectContext} from './effects.js';
import {selectedAgent, selectedConvoyRow, selectedMail} from '../data/rows.js';
import {topPopup, type PaneId, type Popup} from './state.js';
import {applyKey} from '../widgets/text-input.js';

export type KeyContext = EffectContext & {
	readonly quit: () => void;
	readonly attach: (id: string) => void;
};

/** The key as Ink reported it (the text handlers need it). */
export type KeyEvent = {readonly input: string; readonly key: KeyInfo};

export type Handler = (context: KeyContext, event: KeyEvent) => void;

export type UiBindingId = IdIn<UiScope>;

const focus = (pane: PaneId): Handler => ({act}) => act({type: 'focus', pane});

const push = (popup: Popup): Handler => ({act}) => act({type: 'push', popup});

const withAgent = (run: (context: KeyContext, agent: NonNullable<ReturnType<typeof selectedAgent>>) => void): Handler => context => {
	const agent = selectedAgent(context.state());
	if (!agent) return context.act({type: 'notice', notice: {text: 'No agent selected.', tone: 'error'}});
	run(context, agent);
};

const withMessage = (run: (context: KeyContext, message: NonNullable<ReturnType<typeof selectedMail>>) => void): Handler => context => {
	const message = selectedMail(context.state());
	if (!message) return context.act({type: 'notice', notice: {text: 'No message selected.', tone: 'error'}});
	run(context, message);
};

/** A handler that only applies under one kind of popup. */
function under<K extends Popup['kind']>(kind: K, run: (context: KeyContext, popup: Extract<Popup, {kind: K}>, event: KeyEvent) => void): Handler {
	return (context, event) => {
		const top = topPopup(context.state());
		if (top?.kind === kind) run(context, top as Extract<Popup, {kind: K}>, event);
	};
}

const archive = (context: KeyContext, id: string) => perform(context, async () => {
	await context.services.archive(id);
	return `Archived ${id}.`;
});

function confirmSling(context: KeyContext, popup: Extract<Popup, {kind: 'sling'}>): void {
	const {act, services} = context;
	if (popup.step !== 'confirm') return act({type: 'sling-choose'});
	act({type: 'pop'});
	act({type: 'notice', notice: {text: `Slinging ${popup.bead} to ${popup.target}…`, tone: 'info'}});
	perform(context, async () => `Slung ${await services.sling(popup.bead, popup.target!, popup.runtime)}`);
}

function confirmStop(context: KeyContext, popup: Extract<Popup, {kind: 'confirm-stop'}>): void {
	context.act({type: 'pop'});
	perform(context, async () => {
		await context.services.stop(popup.agent);
		return `Stopped ${popup.address}.`;
	});
}

/** A key for the text popup's editor: the buffer changes, finished lines are submitted. */
export const edit: Handler = (context, {input, key}) => {
	const state = context.state();
	const top = topPopup(state);
	if (!top) return;
	const result = applyKey(state.editor, input, key);
	if (!result.changed) return;
	if (top.kind === 'filter' && result.submits.length > 0) {
		// Enter keeps the filter that was typed (the editor itself is emptied).
		context.act({type: 'filter', text: result.submits.at(-1)!});
		return context.act({type: 'pop'});
	}
	context.act({type: 'edit', buffer: result.buffer});
	for (const line of result.submits) submitText(context, top, line);
};

export const handlers: Readonly<Record<UiBindingId, Handler>> = {
	'always.quit': ({quit}) => quit(),

	'global.next-pane': ({act}) => act({type: 'focus-next'}),
	'global.prev-pane': ({act}) => act({type: 'focus-prev'}),
	'global.pane-mayor': focus('mayor'),
	'global.pane-agents': focus('agents'),
	'global.pane-convoys': focus('convoys'),
	'global.pane-mail': focus('mail'),
	'global.filter': push({kind: 'filter'}),
	'global.help': push({kind: 'help'}),
	'global.back': ({act}) => act({type: 'pop'}),
	'global.quit': ({quit}) => quit(),

	'list.down': ({act}) => act({type: 'select', to: 'next'}),
	'list.up': ({act}) => act({type: 'select', to: 'prev'}),
	'list.first': ({act}) => act({type: 'select', to: 'first'}),
	'list.last': ({act}) => act({type: 'select', to: 'last'}),

	'mayor.type': push({kind: 'mayor-input'}),
	'mayor.attach': ({attach}) => attach('mayor'),

	'agents.attach': withAgent(({attach}, agent) => attach(agent.id)),
	'agents.nudge': withAgent(({act}, agent) => act({type: 'push', popup: {kind: 'input', purpose: 'nudge', subject: agent.id, label: `Message to ${agent.address}:`}})),
	'agents.stop': withAgent(({act}, agent) => act({type: 'push', popup: {kind: 'confirm-stop', agent: agent.id, address: agent.address}})),
	'agents.pause': withAgent((context, agent) => perform(context, async () => {
		if (agent.state.state === 'paused') {
			await context.services.resume(agent.id);
			return `Resumed ${agent.address}.`;
		}
		await context.services.pause(agent.id);
		return `Paused ${agent.address}: no CPU, hook kept; p resumes it.`;
	})),
	'agents.history': withAgent((context, agent) => perform(context, async () => {
		const checkpoints = await context.services.checkpoints(agent.address);
		if (checkpoints.length === 0) return `No checkpoints of ${agent.address} yet (one is taken at each turn end).`;
		context.act({type: 'push', popup: {kind: 'history', agent: agent.id, address: agent.address, checkpoints, choice: 0}});
		return undefined;
	})),

	'convoys.sling': ({act, state}) => {
		const row = selectedConvoyRow(state());
		if (row?.kind !== 'bead' || row.status === 'closed') return act({type: 'notice', notice: {text: 'Select an open bead to sling (j/k).', tone: 'error'}});
		act({type: 'push', popup: {kind: 'sling', bead: row.id, title: row.title, step: 'target', choice: 0}});
	},
	'convoys.new-bead': ({act, state}) => {
		const rig = rigForNewBead(state());
		if (!rig) return act({type: 'notice', notice: {text: 'No rig yet — add one with `gt rig add`.', tone: 'error'}});
		act({type: 'push', popup: {kind: 'input', purpose: 'new-bead', subject: rig, label: `Title of the new bead in ${rig}:`}});
	},
	'convoys.new-convoy': ({act, state}) => {
		const row = selectedConvoyRow(state());
		const bead = row?.kind === 'bead' ? row.id : undefined;
		act({type: 'push', popup: {kind: 'input', purpose: 'new-convoy', ...(bead ? {subject: bead} : {}), label: bead ? `Name of a convoy tracking ${bead}:` : 'Name of the new convoy:'}});
	},

	'mail.read': withMessage((context, message) => {
		context.act({type: 'push', popup: {kind: 'mail', id: message.id}});
		perform(context, async () => {
			await context.services.readMail(message.id);
			return undefined;
		});
	}),
	'mail.reply': withMessage(({act}, message) => act({type: 'push', popup: {kind: 'input', purpose: 'reply', subject: message.id, label: `Reply to ${message.from} (${message.subject}):`}})),
	'mail.compose': push({kind: 'input', purpose: 'compose', label: 'To (mayor/, <rig>/<polecat>, @town…):'}),
	'mail.archive': withMessage((context, message) => archive(context, message.id)),

	'help.close': under('help', ({act}) => act({type: 'pop'})),

	'message.reply': under('mail', ({act}, popup) => act({type: 'replace', popup: {kind: 'input', purpose: 'reply', subject: popup.id, label: 'Reply:'}})),
	'message.archive': under('mail', (context, popup) => {
		context.act({type: 'pop'});
		archive(context, popup.id);
	}),
	'message.close': under('mail', ({act}) => act({type: 'pop'})),

	'choice.down': context => {
		const top = topPopup(context.state());
		context.act(top?.kind === 'history' ? {type: 'history-move', delta: 1} : {type: 'sling-move', delta: 1});
	},
	'choice.up': context => {
		const top = topPopup(context.state());
		context.act(top?.kind === 'history' ? {type: 'history-move', delta: -1} : {type: 'sling-move', delta: -1});
	},

	'dialog.confirm': context => {
		const top = topPopup(context.state());
		if (top?.kind === 'sling') return confirmSling(context, top);
		if (top?.kind === 'confirm-stop') return confirmStop(context, top);
		if (top?.kind === 'history') {
			const checkpoint = top.checkpoints[top.choice];
			if (checkpoint) context.act({type: 'replace', popup: {kind: 'confirm-rollback', agent: top.agent, address: top.address, checkpoint}});
			return;
		}
		if (top?.kind === 'confirm-rollback') {
			context.act({type: 'pop'});
			perform(context, async () => context.services.rollback(top.address, top.checkpoint.commit));
		}
	},
	'dialog.cancel': ({act}) => act({type: 'pop'}),

	'input.submit': edit,
	'input.cancel': ({act}) => act({type: 'pop'}),

	'edit.left': edit,
	'edit.right': edit,
	'edit.home': edit,
	'edit.end': edit,
	'edit.delete-back': edit,
	'edit.clear': edit,
};
