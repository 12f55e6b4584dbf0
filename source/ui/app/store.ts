// The UI state's one home: the reducer over typed actions, readable at once (key
// handlers see the effect of the previous key before any render) and subscribable
// (panes select a slice and re-render only when that slice changes).
import {reducer, type Action} from './reducer.js';
import type {UiState} from './state.js';

export type Dispatch = (action: Action) => void;

export type Store = {
	readonly getState: () => UiState;
	/** Applies an action and redraws now (keys: a person waits for the screen). */
	readonly dispatch: Dispatch;
	/** Applies an action at once but redraws with the next background frame (the town's reads, the clock). */
	readonly post: Dispatch;
	readonly subscribe: (listener: () => void) => () => void;
};

/** Background changes are drawn at most this often: 30 streaming agents change the state many times a second. */
export const backgroundFrameMs = 200;

export function createStore(initial: UiState, onState?: (state: UiState) => void, frameMs = backgroundFrameMs): Store {
	let state = initial;
	const listeners = new Set<() => void>();
	let frame: NodeJS.Timeout | undefined;
	const notify = () => {
		if (frame) clearTimeout(frame);
		frame = undefined;
		for (const listener of listeners) listener();
	};
	const apply = (action: Action): boolean => {
		const next = reducer(state, action);
		if (next === state) return false;
		state = next;
		onState?.(state);
		return true;
	};
	return {
		getState: () => state,
		dispatch: action => {
			if (apply(action)) notify();
		},
		post: action => {
			if (apply(action) && !frame && listeners.size > 0) frame = setTimeout(notify, frameMs);
		},
		subscribe: listener => {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
	};
}
