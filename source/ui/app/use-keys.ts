// The one key handler: a raw key becomes a key-map id of the scopes that apply now,
// and the id's handler runs (bindings.ts). A text popup's unbound keys are text.
// The state is read from the store, which each action updates at once, so keys that
// arrive before a render (or inside one chunk) see each other's effects.
import {useInput} from 'ink';
import {useRef, type MutableRefObject} from 'react';
import {edit, handlers, type KeyContext} from './bindings.js';
import {keyName, matchKey, type KeyInfo, type UiScope} from './key-map.js';
import {isTextPopup, topPopup, type UiState} from './state.js';

/** The scopes whose keys apply now, most specific first. */
export function activeScopes(state: UiState): UiScope[] {
	const top = topPopup(state);
	if (isTextPopup(top)) return ['input', 'edit', 'always'];
	switch (top?.kind) {
		case 'help': return ['help', 'always'];
		case 'mail': return ['message', 'always'];
		case 'sling': return top.step === 'confirm' ? ['dialog', 'always'] : ['choice', 'dialog', 'always'];
		case 'confirm-stop': return ['dialog', 'always'];
		case 'history': return ['choice', 'dialog', 'always'];
		case 'confirm-rollback': return ['dialog', 'always'];
		case 'confirm': return ['dialog', 'always'];
	}
	const pane: UiScope[] = state.focus === 'mayor' ? ['mayor'] : [state.focus, 'list'];
	return [...pane, 'global', 'always'];
}

/** Runs the binding a key triggers in the state's scopes; true when one did. */
export function runKey(input: string, key: KeyInfo, context: KeyContext): boolean {
	const found = matchKey(keyName(input, key), activeScopes(context.state()));
	if (!found) return false;
	handlers[found.id](context, {input, key});
	return true;
}

/** One Ink input event. */
export function handleKey(input: string, key: KeyInfo, context: KeyContext): void {
	if (runKey(input, key, context)) return;
	if (isTextPopup(topPopup(context.state()))) return edit(context, {input, key});
	// Several keys in one chunk (typed faster than a read): one at a time, so a key
	// that opens an input sends the rest of the chunk into it.
	if (input.length > 1 && !key.ctrl && !key.escape && !input.includes('\x1b')) {
		let offset = 0;
		for (const char of input) {
			if (isTextPopup(topPopup(context.state()))) {
				handleKey(input.slice(offset), {}, context);
				return;
			}
			if (char === '\r' || char === '\n') handleKey('', {return: true}, context);
			else handleKey(char, {}, context);
			offset += char.length;
		}
	}
}

export function useKeys(context: MutableRefObject<KeyContext>, isActive: boolean): void {
	const active = useRef(isActive);
	active.current = isActive;
	useInput((input, key) => {
		if (active.current) handleKey(input, key, context.current);
	}, {isActive});
}
