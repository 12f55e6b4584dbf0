// The one key handler: raw keys become key-map ids for the state's scopes, ids
// become reducer actions and effects. A popup with text takes every key but esc.
// The state is read from a ref that each action updates at once, so keys that
// arrive before a render (or inside one chunk) see each other's effects.
import {useInput} from 'ink';
import {useRef, type MutableRefObject} from 'react';
import {perform, rigForNewBead, submitText, type EffectContext} from './effects.js';
import {keyName, matchKey, type KeyInfo, type Scope} from './key-map.js';
import {selectedAgent, selectedConvoyRow, selectedMail} from '../data/rows.js';
import {isTextPopup, topPopup, type PaneId, type UiState} from './state.js';
import {applyKey, type EditKey} from '../widgets/text-input.js';

/** The scopes whose keys apply now, most specific first. */
export function activeScopes(state: UiState): Scope[] {
	const top = topPopup(state);
	if (isTextPopup(top)) return ['input'];
	if (top && top.kind !== 'help') return ['dialog'];
	if (top?.kind === 'help') return ['global'];
	const pane: Scope[] = state.focus === 'mayor' ? ['mayor'] : [state.focus, 'list'];
	return [...pane, 'global'];
}

export type KeyHandlers = EffectContext & {
	readonly quit: () => void;
	readonly attach: (id: string) => void;
};

const paneKeys: Record<string, PaneId> = {'global.pane-mayor': 'mayor', 'global.pane-agents': 'agents', 'global.pane-convoys': 'convoys', 'global.pane-mail': 'mail'};

function runBinding(id: string, handlers: KeyHandlers): void {
	const {act, services} = handlers;
	const state = handlers.state();
	if (paneKeys[id]) return act({type: 'focus', pane: paneKeys[id]!});
	switch (id) {
		case 'global.next-pane': return act({type: 'focus-next'});
		case 'global.prev-pane': return act({type: 'focus-prev'});
		case 'global.filter': return act({type: 'push', popup: {kind: 'filter'}});
		case 'global.help': return act({type: 'push', popup: {kind: 'help'}});
		case 'global.back': return act({type: 'pop'});
		case 'global.quit': return handlers.quit();
		case 'list.down': return act({type: 'select', to: 'next'});
		case 'list.up': return act({type: 'select', to: 'prev'});
		case 'list.first': return act({type: 'select', to: 'first'});
		case 'list.last': return act({type: 'select', to: 'last'});
		case 'mayor.type': return act({type: 'push', popup: {kind: 'mayor-input'}});
		case 'mayor.attach': return handlers.attach('mayor');
	}
	if (id.startsWith('agents.')) {
		const agent = selectedAgent(state);
		if (!agent) return act({type: 'notice', notice: {text: 'No agent selected.', tone: 'error'}});
		if (id === 'agents.attach') return handlers.attach(agent.id);
		if (id === 'agents.nudge') return act({type: 'push', popup: {kind: 'input', purpose: 'nudge', subject: agent.id, label: `Message to ${agent.address}:`}});
		if (id === 'agents.stop') return act({type: 'push', popup: {kind: 'confirm-stop', agent: agent.id, address: agent.address}});
	}
	if (id === 'convoys.sling') {
		const row = selectedConvoyRow(state);
		if (row?.kind !== 'bead' || row.status === 'closed') return act({type: 'notice', notice: {text: 'Select an open bead to sling (j/k).', tone: 'error'}});
		return act({type: 'push', popup: {kind: 'sling', bead: row.id, title: row.title, step: 'target', choice: 0}});
	}
	if (id === 'convoys.new-bead') {
		const rig = rigForNewBead(state);
		if (!rig) return act({type: 'notice', notice: {text: 'No rig yet — add one with `gt rig add`.', tone: 'error'}});
		return act({type: 'push', popup: {kind: 'input', purpose: 'new-bead', subject: rig, label: `Title of the new bead in ${rig}:`}});
	}
	if (id === 'convoys.new-convoy') {
		const row = selectedConvoyRow(state);
		const bead = row?.kind === 'bead' ? row.id : undefined;
		return act({type: 'push', popup: {kind: 'input', purpose: 'new-convoy', ...(bead ? {subject: bead} : {}), label: bead ? `Name of a convoy tracking ${bead}:` : 'Name of the new convoy:'}});
	}
	if (id === 'mail.compose') return act({type: 'push', popup: {kind: 'input', purpose: 'compose', label: 'To (mayor/, <rig>/<polecat>, @town…):'}});
	if (id.startsWith('mail.')) {
		const message = selectedMail(state);
		if (!message) return act({type: 'notice', notice: {text: 'No message selected.', tone: 'error'}});
		if (id === 'mail.read') {
			act({type: 'push', popup: {kind: 'mail', id: message.id}});
			return perform(handlers, async () => {
				await services.readMail(message.id);
				return undefined;
			});
		}
		if (id === 'mail.reply') return act({type: 'push', popup: {kind: 'input', purpose: 'reply', subject: message.id, label: `Reply to ${message.from} (${message.subject}):`}});
		if (id === 'mail.archive') return perform(handlers, async () => {
			await services.archive(message.id);
			return `Archived ${message.id}.`;
		});
	}
}

function dialogKey(name: string, handlers: KeyHandlers): void {
	const {act, services} = handlers;
	const state = handlers.state();
	const top = topPopup(state);
	if (!top) return;
	if (top.kind === 'help') {
		if (['esc', '?', 'q', 'enter'].includes(name)) act({type: 'pop'});
		return;
	}
	if (top.kind === 'mail') {
		const found = matchKey(name, ['mail']);
		if (found?.id === 'mail.reply') return act({type: 'replace', popup: {kind: 'input', purpose: 'reply', subject: top.id, label: 'Reply:'}});
		if (found?.id === 'mail.archive') {
			act({type: 'pop'});
			return perform(handlers, async () => {
				await services.archive(top.id);
				return `Archived ${top.id}.`;
			});
		}
		if (['esc', 'enter', 'q'].includes(name)) act({type: 'pop'});
		return;
	}
	const found = matchKey(name, ['dialog']);
	if (!found) return;
	if (found.id === 'dialog.cancel') return act({type: 'pop'});
	if (top.kind === 'sling') {
		if (found.id === 'dialog.down') return act({type: 'sling-move', delta: 1});
		if (found.id === 'dialog.up') return act({type: 'sling-move', delta: -1});
		if (top.step !== 'confirm') return act({type: 'sling-choose'});
		act({type: 'pop'});
		act({type: 'notice', notice: {text: `Slinging ${top.bead} to ${top.target}…`, tone: 'info'}});
		return perform(handlers, async () => `Slung ${await services.sling(top.bead, top.target!, top.runtime)}`);
	}
	if (top.kind === 'confirm-stop' && found.id === 'dialog.confirm') {
		act({type: 'pop'});
		return perform(handlers, async () => {
			await services.stop(top.agent);
			return `Stopped ${top.address}.`;
		});
	}
}

/** One Ink input event. */
export function handleKey(input: string, key: KeyInfo & EditKey, handlers: KeyHandlers): void {
	const state = handlers.state();
	const top = topPopup(state);
	const name = keyName(input, key);
	if (name === 'ctrl+c') return handlers.quit();
	if (isTextPopup(top)) {
		if (key.escape) return handlers.act({type: 'pop'});
		const result = applyKey(state.editor, input, key);
		if (!result.changed) return;
		if (top!.kind === 'filter' && result.submits.length > 0) {
			// Enter keeps the filter that was typed (the editor itself is emptied).
			handlers.act({type: 'filter', text: result.submits.at(-1)!});
			return handlers.act({type: 'pop'});
		}
		handlers.act({type: 'edit', buffer: result.buffer});
		for (const line of result.submits) submitText(handlers, top!, line);
		return;
	}
	// Several keys in one chunk (typed faster than a read): one at a time, so a key
	// that opens an input sends the rest of the chunk into it.
	if (input.length > 1 && !key.ctrl && !key.escape && !input.includes('\x1b')) {
		for (let index = 0; index < input.length; index++) {
			const char = input[index]!;
			if (isTextPopup(topPopup(handlers.state()))) {
				handleKey(input.slice(index), {}, handlers);
				return;
			}
			if (char === '\r' || char === '\n') handleKey('', {return: true}, handlers);
			else handleKey(char, {}, handlers);
		}
		return;
	}
	if (top) return dialogKey(name, handlers);
	const found = matchKey(name, activeScopes(state));
	if (found) runBinding(found.id, handlers);
}

export function useKeys(handlers: MutableRefObject<KeyHandlers>, isActive: boolean): void {
	const active = useRef(isActive);
	active.current = isActive;
	useInput((input, key) => {
		if (active.current) handleKey(input, key, handlers.current);
	}, {isActive});
}
