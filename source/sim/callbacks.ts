// How the sim tells gt what it is doing, the way a real agent does. With a settings
// file, its hooks run at Claude's moments (SessionStart, UserPromptSubmit, Notification,
// Stop, PreCompact) and gt learns the state from them. Without one, the sim calls
// `gt signal working|waiting|idle` itself. Callbacks run one after another, in order.
import {runTool} from './commands.js';
import {hasHooks, runHooks, type HookEvent, type HookOutcome, type HookSettings} from './hooks.js';
import type {LogEntry} from './screen.js';
import type {Env} from './work.js';

export type CallbackOptions = {
	readonly settings?: HookSettings;
	readonly cwd: string;
	readonly env: Env;
	readonly sessionId: string;
	readonly transcriptPath: string;
	/** Adds hook output and hook errors to the conversation. */
	readonly show: (entry: LogEntry) => void;
};

export class Callbacks {
	private chain: Promise<unknown> = Promise.resolve();

	constructor(private readonly options: CallbackOptions) {}

	/** Runs at start and on resume; hook output becomes context in the conversation. */
	async sessionStart(source: 'startup' | 'resume'): Promise<void> {
		if (this.options.settings) await this.hooks('SessionStart', {source}, source);
	}

	/** A prompt is about to be worked on. Returns the reason when a hook blocked it. */
	async promptSubmitted(prompt: string): Promise<string | undefined> {
		if (!this.options.settings) {
			this.signal('working', prompt);
			return undefined;
		}
		const outcomes = await this.hooks('UserPromptSubmit', {prompt});
		return outcomes.find(outcome => outcome.blocked)?.blocked;
	}

	/** Work started without a prompt (a polecat picking up its hook at start). */
	working(detail: string): void {
		if (!this.options.settings) this.signal('working', detail);
	}

	/** A permission prompt is showing: Claude's Notification hook, or `gt signal waiting`. */
	async waiting(message: string): Promise<void> {
		if (this.options.settings) await this.hooks('Notification', {message, notification_type: 'permission_prompt'}, 'permission_prompt');
		else this.signal('waiting', message);
	}

	/** Up and waiting for a prompt, with no turn to run first. */
	ready(): void {
		if (!this.options.settings) this.signal('idle');
	}

	/** The turn ended normally. */
	async stopped(): Promise<void> {
		if (this.options.settings) await this.hooks('Stop', {stop_hook_active: false});
		else this.signal('idle');
	}

	/** The person interrupted the turn. Claude runs no Stop hook then; without hooks, say idle. */
	interrupted(): void {
		if (!this.options.settings) this.signal('idle');
	}

	async preCompact(): Promise<void> {
		if (this.options.settings) await this.hooks('PreCompact', {trigger: 'manual', custom_instructions: ''}, 'manual');
	}

	/** Waits for callbacks still running (before exit), at most `timeoutMs`. */
	async flush(timeoutMs = 3000): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([this.chain, new Promise(resolve => (timer = setTimeout(resolve, timeoutMs)))]);
		clearTimeout(timer);
	}

	private enqueue<T>(task: () => Promise<T>): Promise<T> {
		const next = this.chain.then(task, task);
		this.chain = next.catch(() => undefined);
		return next;
	}

	/** Best effort: outside a town, or without a daemon, `gt signal` fails and that is fine. */
	private signal(state: 'working' | 'waiting' | 'idle', detail?: string): void {
		const args = ['signal', state, ...(detail ? ['--detail', detail.replace(/\s+/g, ' ').slice(0, 120)] : [])];
		void this.enqueue(() => runTool('gt', args, {cwd: this.options.cwd, env: this.options.env, timeoutMs: 10_000}));
	}

	private hooks(event: HookEvent, payload: Record<string, unknown>, matchValue?: string): Promise<HookOutcome[]> {
		const settings = this.options.settings!;
		if (!hasHooks(settings, event)) return Promise.resolve([]);
		return this.enqueue(async () => {
			const outcomes = await runHooks(settings, event, {session_id: this.options.sessionId, transcript_path: this.options.transcriptPath, ...payload}, {
				cwd: this.options.cwd,
				env: this.options.env,
				matchValue,
			});
			for (const outcome of outcomes) this.report(outcome);
			return outcomes;
		});
	}

	private report(outcome: HookOutcome): void {
		const {show} = this.options;
		if (outcome.context) show({kind: 'context', source: `${outcome.event} hook`, text: outcome.context});
		if (outcome.blocked) {
			show({kind: 'notice', text: `${outcome.event} hook blocked this: ${outcome.blocked}`, error: true});
		} else if (outcome.code !== 0) {
			const why = outcome.stderr.trim().split('\n')[0] || `exit code ${outcome.code}`;
			show({kind: 'notice', text: `${outcome.event} hook failed: ${outcome.command}: ${why}`, error: true});
		}
	}
}
