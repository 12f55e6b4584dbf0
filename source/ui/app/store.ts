// The UI state's one home: the reducer over typed actions, readable at once (key
// handlers see the effect of the previous key before any render) and subscribable
// (panes select a slice and re-render only when that slice changes).
import {reducer, type Action} from './reducer.js';
import type {UiState} from './state.js';

export type Dispatch = (action: Action) => void;

export type Store = {
	readonly getState: () => UiState;
	readonly dispatch: Dispatch;
	readonly subscribe: (listener: () => void) => () => void;
};

export function createStore(initial: UiState, onState?: (state: UiState) => void): Store {
	let state = initial;
	const listeners = new Set<() => void>();
	return {
		getState: () => state,
		dispatch: action => {
			const next = reducer(state, action);
			if (next === state) return;
			state = next;
			onState?.(state);
			for (const listener of listeners) listener();
		},
		subscribe: listener => {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
	};
}
