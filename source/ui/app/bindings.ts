// What each key binding of the UI does: one handler per id of the key map, as a
// Record over the ids, so a binding added to the map without a handler (or a handler
// left for a binding that is gone) fails to compile. Handlers turn into reducer
// actions and effects; they read the state through the context at the moment they run.
import {keyHint, type IdIn, type KeyInfo, type UiScope} from './key-map.js';
import {perform, rigForNewBead, submitText, type EffectContext} from './effects.js';
import {agentRows, selectedAgent, selectedAttention, selectedConvoyRow, selectedMail, selectedMerge} from '../data/rows.js';
import {answerFor} from '../data/answers.js';
import {isTextPopup, topPopup, type ConfirmAction, type PaneId, type Popup} from './state.js';
import {applyKey} from '../widgets/text-input.js';
import {shortAddress} from '../widgets/format.js';

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

const previewStep = 10;

type SelectedAgent = NonNullable<ReturnType<typeof selectedAgent>>;

/** A key on the selected agent; on a stopped one (no session) only `R` means anything, so the others say so. */
const withAgent = (run: (context: KeyContext, agent: SelectedAgent) => void, onStopped?: (context: KeyContext, agent: SelectedAgent) => void): Handler => context => {
	const agent = selectedAgent(context.state());
	if (!agent) return context.act({type: 'notice', notice: {text: 'No agent selected.', tone: 'error'}});
	if (agent.stopped && !onStopped) return context.act({type: 'notice', notice: {text: `${shortAddress(agent.address)} is stopped: ${keyHint('agents.restart', 'first')} starts it`, tone: 'error'}});
	(agent.stopped ? onStopped! : run)(context, agent);
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

function confirmAction(context: KeyContext, action: ConfirmAction): void {
	const {services} = context;
	context.act({type: 'pop'});
	switch (action.kind) {
		case 'restart':
			context.act({type: 'notice', notice: {text: `Restarting ${action.address}…`, tone: 'info'}});
			return perform(context, async () => {
				await services.restart(action.agent);
				return `Restarted ${action.address} on its hook.`;
			});
		case 'start':
			context.act({type: 'notice', notice: {text: `Starting ${action.address}…`, tone: 'info'}});
			return perform(context, async () => services.startAgent(action.address));
		case 'reject-merge':
			return perform(context, async () => {
				await services.rejectMerge(action.id, 'rejected from the UI');
				return `Rejected ${action.id}; its bead is open again.`;
			});
		case 'stop-town':
			context.act({type: 'notice', notice: {text: 'Stopping every agent and the daemon…', tone: 'info'}});
			return perform(context, async () => {
				await services.stopTown();
				return 'Stopped the town. `gt up` starts it again; the UI waits for it.';
			});
	}
}

/** The attention item's waiting agent, or a notice saying why there is none. */
const withWaiting = (run: (context: KeyContext, agent: {id: string; address: string; agent: string}) => void): Handler => context => {
	const item = selectedAttention(context.state());
	const agent = item?.session ? agentRows({...context.state(), filter: ''}).find(candidate => candidate.id === item.session) : undefined;
	if (!agent || item?.kind !== 'waiting') return context.act({type: 'notice', notice: {text: 'Select an agent that waits for an answer (j/k).', tone: 'error'}});
	run(context, agent);
};

const typeInto = (context: KeyContext, agent: {id: string; address: string}, data: string, said: string) => perform(context, async () => {
	await context.services.write(agent.id, data);
	return `${said} ${agent.address}.`;
});

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
	'always.quit': ({act, quit, state}) => {
		// As in a shell (and the Mayor's own footer): ctrl+c drops the line being typed; the next one quits.
		if (isTextPopup(topPopup(state())) && state().editor.value) {
			act({type: 'edit', buffer: {value: '', cursor: 0}});
			return act({type: 'notice', notice: {text: 'Cleared the text; ctrl+c again quits the UI (agents keep running).', tone: 'info'}});
		}
		quit();
	},

	'global.next-pane': ({act}) => act({type: 'focus-next'}),
	'global.prev-pane': ({act}) => act({type: 'focus-prev'}),
	'global.pane-mayor': focus('mayor'),
	'global.pane-agents': focus('agents'),
	'global.pane-convoys': focus('convoys'),
	'global.pane-mail': focus('mail'),
	'global.pane-attention': focus('attention'),
	'global.pane-merges': focus('merges'),
	'global.stop-town': ({act, state}) => act({type: 'push', popup: {kind: 'confirm', action: {kind: 'stop-town', agents: state().sessions.filter(info => info.state.state !== 'exited').length}}}),
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
	'agents.restart': withAgent(
		({act}, agent) => act({type: 'push', popup: {kind: 'confirm', action: {kind: 'restart', agent: agent.id, address: agent.address, running: agent.state.state !== 'exited'}}}),
		({act}, agent) => act({type: 'push', popup: {kind: 'confirm', action: {kind: 'start', address: agent.address, how: agent.stopped!.restart}}}),
	),
	// Half a preview at a time: enough to move fast, with lines in common to keep one's place.
	'agents.scroll-back': ({act}) => act({type: 'preview-scroll', by: previewStep}),
	'agents.scroll-forward': ({act}) => act({type: 'preview-scroll', by: -previewStep}),
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

	'attention.approve': withWaiting((context, agent) => typeInto(context, agent, answerFor(agent.agent).approve, 'Approved for')),
	'attention.deny': withWaiting((context, agent) => typeInto(context, agent, answerFor(agent.agent).deny, 'Denied for')),
	'attention.answer': withWaiting(({act}, agent) => act({type: 'push', popup: {kind: 'input', purpose: 'answer', subject: agent.id, label: `Answer to ${agent.address} (typed into its terminal):`}})),
	'attention.open': context => {
		const item = selectedAttention(context.state());
		if (!item) return context.act({type: 'notice', notice: {text: 'Nothing waits on you.', tone: 'info'}});
		if (item.mail) {
			context.act({type: 'push', popup: {kind: 'mail', id: item.mail}});
			return;
		}
		if (item.request) {
			context.act({type: 'focus', pane: 'merges'});
			return;
		}
		if (item.session) context.attach(item.session);
	},

	'merges.retry': context => {
		const request = selectedMerge(context.state());
		if (!request) return context.act({type: 'notice', notice: {text: 'No merge request selected.', tone: 'error'}});
		perform(context, async () => {
			await context.services.retryMerge(request.id);
			return `Queued ${request.id} again; the refinery takes it on its next pass.`;
		});
	},
	'merges.reject': ({act, state}) => {
		const request = selectedMerge(state());
		if (!request) return act({type: 'notice', notice: {text: 'No merge request selected.', tone: 'error'}});
		act({type: 'push', popup: {kind: 'confirm', action: {kind: 'reject-merge', id: request.id, title: request.title}}});
	},

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
		if (top?.kind === 'confirm') return confirmAction(context, top.action);
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
