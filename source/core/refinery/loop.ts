// The refinery patrol inside the daemon: one loop per rig, polling every ~2 s and
// woken early when the rig's ledger directory changes (a new merge request). Each
// rig drains its queue one merge at a time; rigs run side by side. Stopping aborts a
// running gate (its merge request is queued again), so a stop never waits on a gate.
import {watch, type FSWatcher} from 'node:fs';
import {rigLayout} from '../base/paths.js';
import {rigNames} from '../town/rig-config.js';
import {gateGroupFile, killStaleGate} from './gates.js';
import {processQueue, recoverRig, type RefineryDeps} from './merge.js';

export type Refinery = {
	/** Asks for a pass over every rig now (coalesced with one already running). */
	kick(): void;
	stop(): Promise<void>;
};

export const refineryPollMs = 2000;

export function startRefinery(townRoot: string, deps: RefineryDeps, options: {pollMs?: number} = {}): Refinery {
	const log = deps.log ?? (() => undefined);
	const recovered = new Set<string>();
	const watchers = new Map<string, FSWatcher>();
	let running: Promise<void> | undefined;
	let again = false;
	let stopped = false;
	const abort = new AbortController();
	const rigDeps: RefineryDeps = {...deps, signal: abort.signal};

	const watchRig = (rig: string) => {
		if (watchers.has(rig)) return;
		try {
			// Only the ledger files: reads take lock files and refresh caches in the same
			// directory, and waking on those would make every pass wake the next one.
			const watcher = watch(rigLayout(townRoot, rig).beads, (_event, file) => {
				if (typeof file === 'string' && file.endsWith('.jsonl')) kick();
			});
			watcher.on('error', () => undefined);
			watcher.unref();
			watchers.set(rig, watcher);
		} catch {
			// No watch (odd filesystem): the poll still finds the work.
		}
	};

	const passOver = async (rig: string) => {
		if (!recovered.has(rig)) {
			// A gate left by a daemon that died (SIGKILL) goes before the worktree is touched.
			const killed = await killStaleGate(gateGroupFile(townRoot, rig));
			if (killed !== undefined) log(`refinery ${rig}: killed gate process group ${killed} left by an earlier daemon`);
			await recoverRig(townRoot, rig, rigDeps);
			recovered.add(rig);
		}
		await processQueue(townRoot, rig, rigDeps);
	};

	const pass = async () => {
		do {
			again = false;
			const rigs = rigNames(townRoot);
			for (const rig of rigs) watchRig(rig);
			await Promise.all(rigs.map(rig => passOver(rig).catch(error => log(`refinery ${rig}: ${(error as Error).message}`))));
		} while (again && !stopped);
	};

	function kick() {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = pass().finally(() => {
			running = undefined;
		});
	}

	const timer = setInterval(kick, options.pollMs ?? refineryPollMs);
	timer.unref();
	kick();
	return {
		kick,
		async stop() {
			stopped = true;
			clearInterval(timer);
			for (const watcher of watchers.values()) watcher.close();
			// A running gate is killed and its request queued again; git steps in flight
			// take moments and finish (or are recovered on the next start).
			abort.abort();
			await running?.catch(() => undefined);
		},
	};
}
