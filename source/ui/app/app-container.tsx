// The container: it owns the state (a store over the reducer), the keys, the clock
// and the town's timers, and hands the store and the services down by context. What
// is drawn, and where, is App's.
import {useEffect, useMemo, useRef, useState} from 'react';
import {App} from './app.js';
import type {KeyContext} from './bindings.js';
import type {TownServices} from '../../core/overview/services.js';
import {initialState, type UiState} from './state.js';
import {createStore, type Store} from './store.js';
import type {Theme} from '../widgets/theme.js';
import {UiContext} from './ui-context.js';
import {useKeys} from './use-keys.js';
import {useTown, type TownTimings} from '../data/use-town.js';

export type AppContainerProps = {
	readonly services: TownServices;
	readonly theme: Theme;
	readonly quit: () => void;
	readonly attach: (id: string) => void;
	readonly initial?: UiState;
	readonly onState?: (state: UiState) => void;
	readonly timings?: TownTimings;
	/** The clock's period; ages are shown in whole seconds. */
	readonly tickMs?: number;
};

function useClock(store: Store, everyMs: number): void {
	useEffect(() => {
		const timer = setInterval(() => store.post({type: 'tick', now: Date.now()}), everyMs);
		return () => clearInterval(timer);
	}, [store, everyMs]);
}

export function AppContainer({services, theme, quit, attach, initial = initialState, onState, timings, tickMs = 1000}: AppContainerProps) {
	const onStateRef = useRef(onState);
	onStateRef.current = onState;
	const [store] = useState(() => createStore({...initial, now: Date.now()}, state => onStateRef.current?.(state)));
	useClock(store, tickMs);
	const refresh = useTown(services, store.post, timings);
	const keys = useRef<KeyContext>(undefined as unknown as KeyContext);
	keys.current = {services, act: store.dispatch, refresh, quit, attach, state: store.getState};
	useKeys(keys, true);
	const context = useMemo(() => ({store, services}), [store, services]);
	return (
		<UiContext.Provider value={context}>
			<App theme={theme} />
		</UiContext.Provider>
	);
}
