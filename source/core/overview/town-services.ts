// The UI's services over core: one daemon client (reconnected, and the daemon
// started again, when it goes away), the ledgers read fresh on every refresh, and the
// same core functions the CLI calls for sling, beads, convoys and mail.
import {Ledger} from '../beads/ledger.js';
import {createBead} from '../beads/operations.js';
import {readyBeads} from '../beads/queries.js';
import {actorFrom} from '../beads/resolve.js';
import {listAgents, defaultAgentName, isInstalled} from '../agents/registry.js';
import {readTownConfig} from '../town/town-config.js';
import {createConvoy, listConvoys, recentlyLanded} from '../convoys/convoy.js';
import {connectSessions, type DaemonSessions} from '../sessions/over-daemon.js';
import type {Environment} from '../base/environment.js';
import {conflict, failure} from '../base/errors.js';
import {archive, inbox, overseer, readMessage, reply, sendMail} from '../mail/mail.js';
import {startMayor} from '../work/mayor.js';
import {pauseAgent, resumeAgent} from '../work/pause.js';
import {checkpointHistory, findCheckpoint, hookedAgent, rollbackWorktree} from '../work/checkpoints.js';
import {rigLayout} from '../base/paths.js';
import {listRigs, requireRig} from '../town/rig-config.js';
import {slingWords} from '../work/sling-formula.js';
import type {SessionControl} from '../sessions/port.js';
import {listMergeRequests, mergeRequestJson} from '../refinery/queue.js';
import {withLiveOutput} from '../refinery/gates.js';
import {rejectMergeRequest, retryMergeRequest} from '../refinery/actions.js';
import {currentHooks} from '../work/hook.js';
import {startOrphanedHooks} from '../work/hook-repair.js';
import {stoppedAgents} from '../work/stopped-agents.js';
import type {Closable, Ledgers, ReadyBead, TownServices, Work} from './services.js';

/** How long the UI's board keeps a landed convoy in sight. */
const landedForMs = 60 * 60 * 1000;

/** The daemon connection comes through core/sessions: nothing outside main/daemon.ts reaches both core/daemon and the refinery. */
export type DaemonTownServices = TownServices & {readonly client: () => DaemonSessions['client'] | undefined; close(): void};

export function townServices(townRoot: string, env: Environment): DaemonTownServices {
	let daemon: DaemonSessions | undefined;
	let connecting: Promise<DaemonSessions> | undefined;
	const human = () => ({actor: overseer, now: env.now()});
	const worker = () => ({actor: actorFrom(env), now: env.now()});

	let closed = false;
	const connect = (start: boolean): Promise<DaemonSessions> => {
		if (closed) return Promise.reject(failure('the town services are closed'));
		if (daemon) return Promise.resolve(daemon);
		connecting ??= connectSessions(townRoot, {start}).then(connected => {
			// A connection that lands after close() is not kept: it would hold the process open.
			if (closed) {
				connected.close();
				throw failure('the town services are closed');
			}
			daemon = connected;
			void connected.client.closed.then(() => {
				if (daemon === connected) daemon = undefined;
			});
			return connected;
		}).finally(() => {
			connecting = undefined;
		});
		return connecting;
	};
	/** The sessions port over the UI's one connection (never starting a daemon the user stopped). */
	const port: SessionControl = {
		sessions: async () => (await connect(false)).sessions(),
		start: async spec => (await connect(false)).start(spec),
		stop: async (id, how) => (await connect(false)).stop(id, how),
		restart: async (id, how) => (await connect(false)).restart(id, how),
		nudge: async (id, text) => (await connect(false)).nudge(id, text),
		signal: async (id, state, detail) => (await connect(false)).signal(id, state, detail),
		screen: async id => (await connect(false)).screen(id),
	};

	return {
		townRoot,
		client: () => daemon?.client,
		close: () => {
			closed = true;
			daemon?.close();
			daemon = undefined;
		},
		async readLedgers(): Promise<Ledgers> {
			const rigs = listRigs(townRoot);
			const now = env.now();
			const ready: ReadyBead[] = [];
			await Promise.all(rigs.map(async rig => {
				const dir = rigLayout(townRoot, rig.name).beads;
				if (!Ledger.exists(dir)) return;
				for (const bead of readyBeads(await Ledger.open(dir).read(), {}, now)) ready.push({id: bead.id, title: bead.title, rig: rig.name, priority: bead.priority});
			}));
			ready.sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
			const config = readTownConfig(townRoot);
			const [allConvoys, mail] = await Promise.all([listConvoys(townRoot, {all: true}), inbox(townRoot, overseer)]);
			return {
				convoys: allConvoys.filter(convoy => convoy.status !== 'closed'),
				landed: recentlyLanded(allConvoys, now, landedForMs, 5),
				ready,
				mail,
				rigs: rigs.map(rig => rig.name),
				workers: rigs.flatMap(rig => [...rig.polecats.map(name => `${rig.name}/${name}`), ...rig.crew.map(name => `${rig.name}/crew/${name}`)]),
				runtimes: listAgents(config).map(agent => agent.name),
				defaultRuntime: defaultAgentName(config),
				installed: listAgents(config).filter(agent => isInstalled(agent, env.vars)).map(agent => agent.name),
			};
		},
		async readWork(): Promise<Work> {
			const rigs = listRigs(townRoot);
			const [requests, hooked] = await Promise.all([
				Promise.all(rigs.map(async rig => listMergeRequests(townRoot, rig.name).catch(() => []))),
				currentHooks(townRoot),
			]);
			return {
				agentsOnDisk: stoppedAgents(townRoot, new Set(), hooked),
				mergeQueue: requests.flat().filter(request => request.state !== 'merged' && request.state !== 'rejected').map(request => withLiveOutput(townRoot, mergeRequestJson(request))),
				hooks: Object.fromEntries([...hooked].map(([agent, bead]) => [agent, bead.id])),
			};
		},
		async retryMerge(id) {
			await retryMergeRequest(townRoot, id, human());
		},
		async rejectMerge(id, reason) {
			await rejectMergeRequest(townRoot, id, reason, human());
		},
		async stopTown() {
			// gt down: the daemon stops its agents, then exits; the UI then waits for `gt up`.
			const connected = await connect(false);
			await connected.shutdown({stopAgents: true});
		},
		// A daemon that accepts but does not answer counts as down.
		sessions: () => Promise.race([port.sessions(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the daemon does not answer')), 5000).unref())]),
		async reconnect(start) {
			daemon?.close();
			daemon = undefined;
			await connect(start);
		},
		watchEvents(onChange, onEnd): Closable {
			const client = daemon?.client;
			if (!client) {
				queueMicrotask(onEnd);
				return {close: () => undefined};
			}
			const subscription = client.subscribe('events.subscribe', {}, () => onChange());
			let closedByUs = false;
			void subscription.closed.then(() => {
				if (!closedByUs) onEnd();
			});
			return {
				close: () => {
					closedByUs = true;
					subscription.close();
				},
			};
		},
		watchScreen(id, onScreen, frameMs): Closable {
			let closed = false;
			let inFlight = false;
			let dirty = false;
			let timer: NodeJS.Timeout | undefined;
			let last = 0;
			const fetch = () => {
				timer = undefined;
				if (closed || !daemon) return;
				if (inFlight) {
					dirty = true;
					return;
				}
				inFlight = true;
				dirty = false;
				last = Date.now();
				daemon.screen(id).then(screen => {
					if (!closed) onScreen(screen);
				}, () => undefined).finally(() => {
					inFlight = false;
					if (dirty) schedule();
				});
			};
			// At most one snapshot per frame, however fast the agent writes.
			const schedule = () => {
				if (timer || closed) return;
				timer = setTimeout(fetch, Math.max(0, last + frameMs - Date.now()));
			};
			const subscription = daemon?.client.subscribe('session.subscribe', {id}, event => {
				if (event.event === 'snapshot') onScreen(event.screen);
				else if (event.event === 'output') schedule();
			});
			subscription?.ready.catch(() => undefined);
			return {
				close: () => {
					closed = true;
					if (timer) clearTimeout(timer);
					subscription?.close();
				},
			};
		},
		watchTerminal(id, handlers): Closable {
			let ended = false;
			let closed = false;
			let subscription: {close(): void} | undefined;
			const end = () => {
				if (ended || closed) return;
				ended = true;
				handlers.end();
			};
			connect(false).then(connected => {
				if (closed) return;
				const stream = connected.client.subscribe('session.subscribe', {id}, event => {
					if (event.event === 'snapshot') handlers.snapshot(event.screen);
					else if (event.event === 'output') handlers.output(event.data);
					else if (event.event === 'exit') end();
				});
				subscription = stream;
				stream.ready.catch(end);
				void stream.closed.then(end);
			}, end);
			return {
				close: () => {
					closed = true;
					subscription?.close();
				},
			};
		},
		async resize(id, cols, rows) {
			await (await connect(false)).resize(id, cols, rows);
		},
		async write(id, data) {
			await (await connect(false)).write(id, data);
		},
		nudge: (id, text) => port.nudge(id, text),
		stop: id => port.stop(id),
		async restart(id) {
			await port.restart(id);
		},
		async startAgent(address) {
			if (address === 'mayor/') {
				const mayor = await startMayor(townRoot, port, {});
				return mayor.started ? `Started the Mayor${mayor.resumed ? ', resuming its conversation' : ''}.` : 'The Mayor is already running.';
			}
			const {fixes, warnings} = await startOrphanedHooks(townRoot, env, port, {only: address});
			if (warnings[0]) throw failure(warnings[0].detail);
			if (fixes.length === 0) throw conflict(`${address} has nothing on its hook to start on`, 'sling it a bead: s on a ready bead in the Convoys pane');
			return `Started ${address} on its hook.`;
		},
		async pause(id) {
			await pauseAgent(townRoot, id, 'paused from the UI', overseer);
		},
		async resume(id) {
			await resumeAgent(townRoot, id, overseer);
		},
		async checkpoints(address) {
			return checkpointHistory(hookedAgent(townRoot, address), env.vars);
		},
		async rollback(address, commit) {
			const agent = hookedAgent(townRoot, address);
			const state = (await port.sessions().catch(() => [])).find(session => session.address === agent.address)?.state.state ?? 'no session';
			const target = findCheckpoint(await checkpointHistory(agent, env.vars), commit);
			const result = await rollbackWorktree(agent, env.vars, target, {agentState: state, now: env.now()});
			return `Rolled ${agent.address} back to ${target.commit.slice(0, 8)}; undo: gt hook rollback ${agent.address} ${result.saved.commit.slice(0, 8)}`;
		},
		async startMayor() {
			await startMayor(townRoot, port);
		},
		async sling(bead, target, runtime) {
			// The same sling as `gt sling`: a bead, or a formula name poured and slung.
			const {result} = await slingWords(townRoot, env, {words: [bead], target, vars: {}, ...(runtime ? {agent: runtime} : {}), convoy: true}, async () => connect(true), worker());
			return (result?.work ?? []).map(work => `${work.bead} → ${work.agent} (${work.runtime})`).join(', ');
		},
		async createBead(rig, title) {
			// A rig of this town only: the name comes from a form or a request.
			const ledger = Ledger.open(rigLayout(townRoot, requireRig(townRoot, rig)).beads);
			const bead = await ledger.transact(state => createBead(state, ledger, {title}, worker()));
			return bead.id;
		},
		async createConvoy(title, beads) {
			const convoy = await createConvoy(townRoot, {title, beads, owner: overseer}, human());
			return convoy.id;
		},
		readMail: id => readMessage(townRoot, id, human()),
		async reply(id, body) {
			await reply(townRoot, id, {body, from: overseer}, human(), {sessions: daemon});
		},
		async sendMail(to, subject, body) {
			await sendMail(townRoot, {from: overseer, to, subject, body}, human(), {sessions: daemon});
		},
		async archive(id) {
			await archive(townRoot, [id], human());
		},
	};
}
