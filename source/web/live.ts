// The dashboard's view of the town, kept current while a page is open: daemon events
// (state, session, exit) and file changes in the ledgers, config and activity log each
// schedule one rebuild of the overview, coalesced, and a page hears only a changed one.
// Nothing runs while no page listens. The daemon is never started from here: a town
// the user took down with `gt down` stays down until `gt up`.
import {watch, type FSWatcher} from 'node:fs';
import path from 'node:path';
import type {Environment} from '../core/base/environment.js';
import {rigLayout, townLayout} from '../core/base/paths.js';
import type {DaemonTownServices} from '../core/overview/town-services.js';
import {readOverview, type TownOverview} from '../core/overview/town-overview.js';
import type {Closable} from '../core/overview/services.js';
import {rigNames} from '../core/town/rig-config.js';

export type LiveTiming = {
	/** Wait after a change before rebuilding: a sling writes several files. */
	readonly settleMs: number;
	/** Rebuild at least this often (ages, a daemon that came back, a rig added). */
	readonly pollMs: number;
};

export type Listener = (overview: TownOverview, json: string) => void;

const defaultTiming: LiveTiming = {settleMs: 120, pollMs: 3000};

export class LiveTown {
	readonly #services: DaemonTownServices;
	readonly #env: Environment;
	readonly #timing: LiveTiming;
	readonly #listeners = new Set<Listener>();
	#latest: {overview: TownOverview; json: string; key: string} | undefined;
	#watchers: FSWatcher[] = [];
	#watched = new Set<string>();
	#events: Closable | undefined;
	#timer: NodeJS.Timeout | undefined;
	#poll: NodeJS.Timeout | undefined;
	#running: Promise<void> | undefined;
	#again = false;

	constructor(services: DaemonTownServices, env: Environment, timing: Partial<LiveTiming> = {}) {
		this.#services = services;
		this.#env = env;
		this.#timing = {...defaultTiming, ...timing};
	}

	/** The newest overview (built now when none is fresh). */
	async current(): Promise<TownOverview> {
		if (!this.#latest || this.#listeners.size === 0) await this.#rebuild();
		return this.#latest!.overview;
	}

	/** Calls `listener` with the current overview, then with every changed one. */
	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		if (this.#listeners.size === 1) this.#start();
		if (this.#latest) listener(this.#latest.overview, this.#latest.json);
		else this.changed();
		return () => {
			this.#listeners.delete(listener);
			if (this.#listeners.size === 0) this.#stop();
		};
	}

	/** Something may have changed (an action the page took, a file, a daemon event). */
	changed(delayMs = this.#timing.settleMs): void {
		if (this.#timer) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			void this.#rebuild();
		}, delayMs);
	}

	close(): void {
		this.#listeners.clear();
		this.#stop();
	}

	#start(): void {
		this.#watchFiles();
		this.#poll = setInterval(() => {
			this.#watchFiles();
			this.changed(0);
		}, this.#timing.pollMs);
	}

	#stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		if (this.#poll) clearInterval(this.#poll);
		this.#timer = undefined;
		this.#poll = undefined;
		this.#events?.close();
		this.#events = undefined;
		for (const watcher of this.#watchers) watcher.close();
		this.#watchers = [];
		this.#watched.clear();
	}

	/** Ledgers are replaced by rename, so their directories are watched, not the files. */
	#watchFiles(): void {
		const town = townLayout(this.#services.townRoot);
		const dirs = [town.root, path.dirname(town.config), path.join(town.root, '.beads')];
		for (const rig of rigNames(town.root)) dirs.push(rigLayout(town.root, rig).dir, rigLayout(town.root, rig).beads);
		for (const dir of dirs) {
			if (this.#watched.has(dir)) continue;
			try {
				const watcher = watch(dir, {persistent: false}, (_event, name) => {
					// The journal and lock files change on every write too; the ledger rename follows.
					if (name && /\.(lock|tmp)$|^\.runtime$/.test(String(name))) return;
					this.changed();
				});
				watcher.on('error', () => {
					watcher.close();
					this.#watched.delete(dir);
				});
				this.#watchers.push(watcher);
				this.#watched.add(dir);
			} catch {
				// Not there yet (a rig being added): the next poll tries again.
			}
		}
	}

	async #rebuild(): Promise<void> {
		// One rebuild at a time; a change during one asks for exactly one more.
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = (async () => {
			try {
				do {
					this.#again = false;
					await this.#rebuildOnce();
				} while (this.#again);
			} finally {
				this.#running = undefined;
			}
		})();
		return this.#running;
	}

	async #rebuildOnce(): Promise<void> {
		const services = this.#services;
		let sessions;
		try {
			sessions = await services.sessions();
			if (!this.#events && this.#listeners.size > 0) {
				this.#events = services.watchEvents(() => this.changed(), () => {
					this.#events = undefined;
					this.changed();
				});
			}
		} catch {
			sessions = undefined;
			this.#events?.close();
			this.#events = undefined;
			// Connect again next time, never starting a daemon the user stopped.
			await services.reconnect(false).catch(() => undefined);
		}
		let overview: TownOverview;
		try {
			overview = await readOverview(services.townRoot, this.#env, sessions, await services.readLedgers());
		} catch {
			// A ledger caught mid-repair or a config being edited: keep the last good view.
			return;
		}
		const {at: _at, ...rest} = overview;
		const key = JSON.stringify(rest);
		if (this.#latest?.key === key) return;
		const json = JSON.stringify(overview);
		this.#latest = {overview, json, key};
		for (const listener of this.#listeners) listener(overview, json);
	}
}
