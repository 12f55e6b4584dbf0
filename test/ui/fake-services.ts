// A TownServices over plain data for component tests: every call is recorded, the
// data is what the test says. (Real towns are used by the end-to-end test.)
import type {ConvoyStatus} from '../../source/core/convoys/convoy.js';
import type {ScreenSnapshot, SessionInfo} from '../../source/core/sessions/types.js';
import type {MailMessage} from '../../source/core/mail/mail.js';
import type {Ledgers, TownServices, Work} from '../../source/core/overview/services.js';

export type Call = {method: string; args: unknown[]};

const since = new Date(Date.now() - 5000).toISOString();

export function session(address: string, state: SessionInfo['state']['state'], extra: Partial<SessionInfo> = {}): SessionInfo {
	const id = address.replace(/\/+$/, '').replaceAll('/', '.');
	return {id, address, role: id === 'mayor' ? 'mayor' : 'polecat', agent: 'sim', cwd: '/tmp', startedAt: since, state: {state, source: 'screen', confidence: 1, since}, cols: 80, rows: 24, restarts: 0, ...extra};
}

export function convoy(id: string, title: string, tracked: ConvoyStatus['tracked']): ConvoyStatus {
	return {id, title, status: 'open', created_at: since, tracked, done: tracked.filter(bead => bead.status === 'closed').length, total: tracked.length};
}

export function message(id: string, from: string, subject: string, read = false): MailMessage {
	return {id, from, to: 'overseer', subject, body: `Body of ${subject}\nsecond line`, priority: 2, created_at: since, read};
}

export const sampleLedgers: Ledgers = {
	convoys: [convoy('hq-cv-x1', 'Auth system', [
		{id: 'mp-a1b', title: 'Login form', status: 'closed', rig: 'mp'},
		{id: 'mp-c3d', title: 'Session store', status: 'in_progress', assignee: 'mp/polecats/furiosa', rig: 'mp'},
		{id: 'mp-e5f', title: 'Logout button', status: 'open', rig: 'mp'},
	])],
	ready: [{id: 'mp-r1', title: 'Fix rounding', rig: 'mp', priority: 2}],
	mail: [message('hq-m1', 'mayor/', 'Convoy landed: Auth'), message('hq-m2', 'mp/nux', 'HELP: tests failing', true)],
	rigs: ['mp'],
	workers: ['mp/furiosa'],
	runtimes: ['claude', 'sim', 'codex'],
	defaultRuntime: 'sim',
};

export const sampleSessions: SessionInfo[] = [
	session('mayor/', 'working'),
	session('mp/polecats/furiosa', 'waiting', {bead: 'mp-c3d'}),
	session('mp/polecats/nux', 'idle'),
	session('mp/polecats/slit', 'exited', {bead: 'mp-zz9'}),
];

export const mayorScreen: ScreenSnapshot = {cols: 48, rows: 10, lines: ['Welcome to the sim Mayor', '', '❯ ready for requests'], cursor: {x: 2, y: 2}, title: 'sim', alternate: false};

export type Fake = TownServices & {calls: Call[]; sessionsList: SessionInfo[]; ledgers: Ledgers; work?: Work; down: boolean};

export function fakeServices(options: {sessions?: SessionInfo[]; ledgers?: Ledgers} = {}): Fake {
	const calls: Call[] = [];
	const record = (method: string, ...args: unknown[]) => {
		calls.push({method, args});
	};
	const fake: Fake = {
		calls,
		sessionsList: options.sessions ?? sampleSessions,
		ledgers: options.ledgers ?? sampleLedgers,
		down: false,
		townRoot: '/tmp/town',
		readLedgers: async () => fake.ledgers,
		// The hooks as the sessions were started, unless the test says otherwise.
		readWork: async () => fake.work ?? {mergeQueue: [], hooks: Object.fromEntries(fake.sessionsList.flatMap(info => (info.bead ? [[info.address, info.bead]] : [])))},
		retryMerge: async (...args) => record('retryMerge', ...args),
		rejectMerge: async (...args) => record('rejectMerge', ...args),
		stopTown: async () => record('stopTown'),
		sessions: async () => {
			if (fake.down) throw new Error('down');
			return fake.sessionsList;
		},
		reconnect: async (start: boolean) => record('reconnect', start),
		watchEvents: () => ({close: () => undefined}),
		watchScreen: (id, onScreen) => {
			record('watchScreen', id);
			setTimeout(() => onScreen(mayorScreen), 0);
			return {close: () => record('unwatchScreen', id)};
		},
		watchTerminal: (id, handlers) => {
			record('watchTerminal', id);
			setTimeout(() => handlers.snapshot(mayorScreen), 0);
			return {close: () => record('unwatchTerminal', id)};
		},
		resize: async (...args) => record('resize', ...args),
		write: async (...args) => record('write', ...args),
		nudge: async (...args) => {
			record('nudge', ...args);
			return 'typed';
		},
		stop: async (...args) => record('stop', ...args),
		restart: async (...args) => record('restart', ...args),
		startAgent: async address => {
			record('startAgent', address);
			return `Started ${address} on its hook.`;
		},
		pause: async (...args) => record('pause', ...args),
		resume: async (...args) => record('resume', ...args),
		checkpoints: async address => {
			record('checkpoints', address);
			return [{commit: 'a1b2c3d4e5f6', at: since, reason: 'turn end', state: 'idle', files: 2}, {commit: '0f9e8d7c6b5a', at: since, reason: 'while working', state: 'working', files: 1}];
		},
		rollback: async (...args) => {
			record('rollback', ...args);
			return `Rolled ${args[0]} back to ${args[1].slice(0, 8)}`;
		},
		startMayor: async () => record('startMayor'),
		sling: async (...args) => {
			record('sling', ...args);
			return `${String(args[0])} → mp/polecats/nux (sim)`;
		},
		createBead: async (...args) => {
			record('createBead', ...args);
			return 'mp-new';
		},
		createConvoy: async (...args) => {
			record('createConvoy', ...args);
			return 'hq-cv-new';
		},
		readMail: async id => {
			record('readMail', id);
			return fake.ledgers.mail.find(candidate => candidate.id === id)!;
		},
		reply: async (...args) => record('reply', ...args),
		sendMail: async (...args) => record('sendMail', ...args),
		archive: async (...args) => record('archive', ...args),
	};
	return fake;
}
