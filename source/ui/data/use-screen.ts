// The live screen of one session, for a pane that shows it: subscribed only while
// the pane is on screen, redrawn at most once per frame, and the pty sized to the pane.
import {useEffect, useState} from 'react';
import type {ScreenSnapshot} from '../../core/sessions/types.js';
import type {TownServices} from '../../core/overview/services.js';

export const frameMs = 50;

export function useScreen(services: TownServices, id: string | undefined, size: {cols: number; rows: number}, live: boolean): ScreenSnapshot | undefined {
	const [screen, setScreen] = useState<ScreenSnapshot>();
	useEffect(() => {
		if (!id || !live) return;
		const watch = services.watchScreen(id, setScreen, frameMs);
		return () => watch.close();
	}, [services, id, live]);
	useEffect(() => {
		if (!id || !live || size.cols < 10 || size.rows < 3) return;
		// Debounced: a drag-resize of the terminal sends many sizes.
		const timer = setTimeout(() => void services.resize(id, size.cols, size.rows).catch(() => undefined), 150);
		return () => clearTimeout(timer);
	}, [services, id, live, size.cols, size.rows]);
	return screen;
}
