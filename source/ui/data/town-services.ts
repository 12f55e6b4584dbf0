// The UI's services over core: one daemon client (reconnected, and the daemon
// started again, when it goes away), the ledgers read fresh on every refresh, and the
// same core functions the CLI calls for sling, beads, convoys and mail.
import {Ledger} from '../../core/beads/ledger.js';
import {createBead} from '../../core/beads/operations.js';
import {readyBeads} from '../../core/beads/queries.js';
import {actorFrom} from '../../core/beads/resolve.js';
import {listAgents, defaultAgentName} from '../../core/agents/registry.js';
import {readTownConfig} from '../../core/town/town-config.js';
import {createConvoy, listConvoys} from '../../core/convoys/convoy.js';
import {connectDaemon, type DaemonClient} from '../../core/daemon/client.js';
import type {ScreenSnapshot, SessionInfo} from '../../core/daemon/protocol.js';
import {daemonSessionControl} from '../../core/sessions/over-daemon.js';
import type {Environment} from '../../core/base/environment.js';
import {archive, inbox, overseer, readMessage, reply, sendMail} from '../../core/mail/mail.js';
import {startMayor} from '../../core/work/mayor.js';
import {rigLayout} from '../../core/base/paths.js';
import {listRigs} from '../../core/town/rig.js';
import {sling} from '../../core/work/sling.js';
import type {SessionControl} from '../../core/sessions/port.js';
import type {Closable, Ledgers, ReadyBead, UiServices} from './services.js';

export type TownServices = UiServices & {readonly client: () => DaemonClient | undefined; close(): void};

export function townServices(townRoot: string, env: Environment): TownServices {
	let client: DaemonClient | undefined;
	let connecting: Promise<DaemonClient> | undefined;
	const human = () => ({actor: overseer, now: env.now()});
	const worker = () => ({actor: actorFrom(env), now: env.now()});

	const connect = (start: boolean): Promise<DaemonClient> => {
		if (client) return Promise.resolve(client);
		connecting ??= connectDaemon(townRoot, {start}).then(connected => {
			client = connected;
			void connected.closed.then(() => {
				if (client === connected) client = undefined;
			});
			return connected;
		}).finally(() => {
			connecting = undefined;
		});
		return connecting;
	};
	const request = async <T>(method: Parameters<DaemonClient['request']>[0], params?: Record<string, unknown>) => (await connect(false)).request<T>(method, params);
	const control = (): SessionControl => ({
		sessions: async () => (await request<{sessions: SessionInfo[]}>('status')).sessions,
		start: async spec => request<SessionInfo>('session.start', {spec}),
		stop: async id => {
			await request('session.stop', {id});
		},
		nudge: async (id, text) => (await request<{delivered: 'typed' | 'queued'}>('session.nudge', {id, text})).delivered,
	});

	return {
		townRoot,
		client: () => client,
		close: () => client?.close(),
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
			const [convoys, mail] = await Promise.all([listConvoys(townRoot), inbox(townRoot, overseer)]);
			return {
				convoys,
				ready,
				mail,
				rigs: rigs.map(rig => rig.name),
				workers: rigs.flatMap(rig => [...rig.polecats.map(name => `${rig.name}/${name}`), ...rig.crew.map(name => `${rig.name}/crew/${name}`)]),
				runtimes: listAgents(config).map(agent => agent.name),
				defaultRuntime: defaultAgentName(config),
			};
		},
		// A daemon that accepts but does not answer counts as down.
		sessions: () => Promise.race([control().sessions(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the daemon does not answer')), 5000).unref())]),
		async reconnect() {
			client?.close();
			client = undefined;
			await connect(true);
		},
		watchEvents(onChange, onEnd): Closable {
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
				if (closed || !client) return;
				if (inFlight) {
					dirty = true;
					return;
				}
				inFlight = true;
				dirty = false;
				last = Date.now();
				client.request<ScreenSnapshot>('session.snapshot', {id}).then(screen => {
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
			const subscription = client?.subscribe('session.subscribe', {id}, event => {
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
		async resize(id, cols, rows) {
			await request('session.resize', {id, cols, rows});
		},
		async write(id, data) {
			await request('session.write', {id, data});
		},
		nudge: (id, text) => control().nudge(id, text),
		stop: id => control().stop(id),
		async startMayor() {
			await startMayor(townRoot, control());
		},
		async sling(bead, target, runtime) {
			const slingControl = await daemonSessionControl(townRoot);
			try {
				const result = await sling(townRoot, {beads: [bead], target, ...(runtime ? {agent: runtime} : {}), convoy: true}, slingControl, worker(), env);
				return result.work.map(work => `${work.bead} → ${work.agent} (${work.runtime})`).join(', ');
			} finally {
				slingControl.close();
			}
		},
		async createBead(rig, title) {
			const ledger = Ledger.open(rigLayout(townRoot, rig).beads);
			const bead = await ledger.transact(state => createBead(state, ledger, {title}, worker()));
			return bead.id;
		},
		async createConvoy(title, beads) {
			const convoy = await createConvoy(townRoot, {title, beads, owner: overseer}, human());
			return convoy.id;
		},
		readMail: id => readMessage(townRoot, id, human()),
		async reply(id, body) {
			await reply(townRoot, id, {body, from: overseer}, human());
		},
		async sendMail(to, subject, body) {
			await sendMail(townRoot, {from: overseer, to, subject, body}, human());
		},
		async archive(id) {
			await archive(townRoot, [id], human());
		},
	};
}
