// What every component below the container reads: the store (through a selector)
// and the services. A pane selects its slice; useSyncExternalStore re-renders it only
// when the slice is no longer structurally equal, so a session update leaves the mail
// pane alone and the clock tick reaches only the cells that show an age.
import {isDeepStrictEqual} from 'node:util';
import {createContext, useContext, useRef, useSyncExternalStore} from 'react';
import type {TownServices} from '../../core/overview/services.js';
import type {UiState} from './state.js';
import type {Dispatch, Store} from './store.js';

export type UiContextValue = {readonly store: Store; readonly services: TownServices};

export const UiContext = createContext<UiContextValue | undefined>(undefined);

function useUiContext(): UiContextValue {
	const value = useContext(UiContext);
	if (!value) throw new Error('a UI component rendered outside <UiContext.Provider>');
	return value;
}

type Memo<T> = {readonly state: UiState; readonly select: (state: UiState) => T; readonly value: T};

/** A slice of the state; the component re-renders when the slice changes (structurally by default). */
export function useUi<T>(select: (state: UiState) => T, equal: (a: T, b: T) => boolean = isDeepStrictEqual): T {
	const {store} = useUiContext();
	const memo = useRef<Memo<T> | undefined>(undefined);
	const snapshot = () => {
		const state = store.getState();
		const last = memo.current;
		if (last && last.state === state && last.select === select) return last.value;
		const value = select(state);
		// Keep the old reference when equal: React compares snapshots with Object.is.
		memo.current = {state, select, value: last && equal(last.value, value) ? last.value : value};
		return memo.current.value;
	};
	return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}

export const useDispatch = (): Dispatch => useUiContext().store.dispatch;

export const useServices = (): TownServices => useUiContext().services;
