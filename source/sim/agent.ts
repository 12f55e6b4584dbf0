// The sim agent's state and turns: the conversation, the input line, the spinner,
// the permission prompt and the queue of prompts typed while it works. A turn runs
// a role's script over the `Work` interface; Escape aborts it.
import {setTimeout as sleep} from 'node:timers/promises';
import type {Callbacks} from './callbacks.js';
import {runTool, showCommand, type Program, type ToolResult} from './commands.js';
import {saveEntry} from './conversation.js';
import {askChoice, emptyInput, feedInput, type InputEvent, type InputState} from './input.js';
import {banner, titleText, type LogEntry, type View} from './screen.js';
import {Declined, Interrupted, outputOf, type Env, type Role, type RunShown, type Work} from './work.js';

export type AgentOptions = {
	readonly role: Role;
	readonly cwd: string;
	readonly env: Env;
	/** Milliseconds per step. */
	readonly speedMs: number;
	/** Stop drawing anything once work starts (for watchdog tests). */
	readonly stall: boolean;
	/** 0: never ask; N: ask before the first command of every Nth turn. */
	readonly askEvery: number;
	/** GT_SIM_CHATTER: a filler line every this many ms, idle or working (load tests); 0 or none: off. */
	readonly chatterMs?: number;
	readonly identity: string;
	readonly color: boolean;
	/** Where entries are kept for `--resume`; none: not kept. */
	readonly conversationFile?: string;
	readonly callbacks: Callbacks;
	/** Something on screen changed. */
	readonly changed: () => void;
	/** Drawing must stop (stall mode). */
	readonly freeze: () => void;
	/** The person asked to leave (Ctrl-C twice, Ctrl-D, /exit). */
	readonly exit: () => void;
};

type TurnKind = 'start' | 'first' | 'prompt';

const spinnerMs = 120;
const maxEntries = 2000;
const helpText = [
	'sim is a simulated agent: no AI, no network. It works like a real agent would in its role:',
	'polecat: works the bead on its hook, commits, runs gt done · mayor: turns a request into beads and slings them',
	'crew: reports its hook and works it when asked · no role: a pretend turn',
	'Commands: /help · /clear · /compact · /exit    Keys: esc interrupt · ctrl+c clear, twice exits · ctrl+d exit',
].join('\n');

export class SimAgent {
	private log: LogEntry[] = [];
	private input: InputState = emptyInput;
	private busyVerb: string | undefined;
	private frame = 0;
	private spinner: NodeJS.Timeout | undefined;
	private permission: {command: string; description: string; answer: (accept: boolean) => void} | undefined;
	private readonly queued: string[] = [];
	private hint: string | undefined;
	private hintTimer: NodeJS.Timeout | undefined;
	private controller: AbortController | undefined;
	private turns = 0;
	private askedThisTurn = false;
	private running = false;
	private stalled = false;
	private resumed = false;
	private chatterTimer: NodeJS.Timeout | undefined;
	private chatterCount = 0;

	constructor(private readonly options: AgentOptions) {}

	view(): View {
		return {
			banner,
			identity: this.options.identity,
			log: this.log,
			busy: this.busyVerb === undefined ? undefined : {verb: this.busyVerb, frame: this.frame},
			input: this.input,
			permission: this.permission && {title: 'Bash command', command: this.permission.command, description: this.permission.description, selected: this.input.choice?.selected ?? 0},
			queued: this.queued,
			hint: this.hint,
			color: this.options.color,
		};
	}

	title(): string {
		return titleText(this.busyVerb === undefined ? undefined : this.frame);
	}

	get busy(): boolean {
		return this.running;
	}

	/** Entries from an earlier session, shown above the new one. */
	restore(entries: readonly LogEntry[]): void {
		this.log.push(...entries);
		this.options.changed();
	}

	show(entry: LogEntry): void {
		this.log.push(entry);
		// A sim left running for days keeps its memory small; the file keeps the rest.
		if (this.log.length > maxEntries) this.log.splice(0, this.log.length - maxEntries);
		if (this.options.conversationFile) saveEntry(this.options.conversationFile, entry);
		this.options.changed();
	}

	feed(chunk: string): void {
		const {state, events} = feedInput(this.input, chunk);
		this.input = state;
		for (const event of events) this.handle(event);
		this.options.changed();
	}

	/** Runs the role's start work, or the launch prompt, as the first turn. */
	begin(firstPrompt: string | undefined, resumed: boolean): void {
		this.resumed = resumed;
		const {chatterMs} = this.options;
		if (chatterMs && chatterMs > 0) this.chatterTimer = setInterval(() => this.chatter(), chatterMs);
		if (firstPrompt !== undefined) void this.turn('first', firstPrompt);
		else if (this.options.role.start) void this.turn('start');
	}

	/** Stops whatever runs (on exit). */
	abort(): void {
		this.controller?.abort();
		clearInterval(this.spinner);
		clearInterval(this.chatterTimer);
		clearTimeout(this.hintTimer);
	}

	/**
	 * One filler line in the conversation (chatter mode), so the agent keeps producing
	 * output like a busy real one. Not kept in the conversation file: it is noise, not
	 * history. A stalled sim stays silent.
	 */
	private chatter(): void {
		if (this.stalled) return;
		this.chatterCount++;
		this.log.push({kind: 'result', text: `… reading src/file-${this.chatterCount}.js`});
		if (this.log.length > maxEntries) this.log.splice(0, this.log.length - maxEntries);
		this.options.changed();
	}

	private handle(event: InputEvent): void {
		switch (event.type) {
			case 'submit': {
				this.submit(event.text);
				break;
			}
			case 'interrupt': {
				this.controller?.abort();
				break;
			}
			case 'exit-armed': {
				this.hint = 'Press Ctrl-C again to exit';
				clearTimeout(this.hintTimer);
				this.hintTimer = setTimeout(() => {
					this.hint = undefined;
					this.input = {...this.input, exitArmed: false};
					this.options.changed();
				}, 2000);
				break;
			}
			case 'exit': {
				this.options.exit();
				break;
			}
			case 'answer': {
				this.permission?.answer(event.accept);
				break;
			}
		}
	}

	private submit(text: string): void {
		const command = /^\/(\w+)\s*$/.exec(text.trim());
		if (command) {
			void this.slash(command[1]!.toLowerCase());
			return;
		}
		if (this.running) {
			// Typed while working: run it next, like Claude queues messages.
			this.queued.push(text);
			return;
		}
		void this.turn('prompt', text);
	}

	private async slash(name: string): Promise<void> {
		switch (name) {
			case 'exit':
			case 'quit': {
				this.options.exit();
				return;
			}
			case 'clear': {
				this.log = [];
				break;
			}
			case 'compact': {
				await this.options.callbacks.preCompact();
				this.log = [...this.log.slice(-6), {kind: 'notice', text: 'Conversation compacted (simulated: older entries dropped from the screen)'}];
				break;
			}
			case 'help': {
				this.show({kind: 'assistant', text: helpText});
				break;
			}
			default: {
				this.show({kind: 'notice', text: `Unknown command /${name} · /help lists them`, error: true});
			}
		}
		this.options.changed();
	}

	private async turn(kind: TurnKind, text?: string): Promise<void> {
		this.running = true;
		this.turns++;
		this.askedThisTurn = false;
		const controller = new AbortController();
		this.controller = controller;
		let interrupted = false;
		let blocked = false;
		try {
			if (text !== undefined) {
				this.show({kind: 'user', text});
				// A UserPromptSubmit hook may refuse the prompt (it says why on screen).
				blocked = (await this.options.callbacks.promptSubmitted(text)) !== undefined;
			} else {
				this.options.callbacks.working(`${this.options.role.name} starting`);
			}
			if (!blocked) {
				this.setBusy('Thinking');
				const work = this.work(controller.signal);
				const {role} = this.options;
				if (kind === 'start') await role.start?.(work, this.resumed);
				else if (kind === 'first' && role.firstPrompt) await role.firstPrompt(work, text!);
				else await role.prompt(work, text!);
			}
		} catch (error) {
			if (error instanceof Interrupted || controller.signal.aborted) {
				interrupted = true;
				this.show({kind: 'notice', text: 'Interrupted · What should sim do instead?', error: true});
			} else if (error instanceof Declined) {
				this.show({kind: 'notice', text: `Not run: ${error.command}`});
				this.show({kind: 'assistant', text: 'Okay, I did not run that. Tell me how to go on.'});
			} else {
				this.show({kind: 'notice', text: `sim failed: ${(error as Error).message}`, error: true});
			}
		} finally {
			this.setBusy(undefined);
			this.controller = undefined;
		}
		if (interrupted) this.options.callbacks.interrupted();
		else if (!blocked) await this.options.callbacks.stopped();
		this.running = false;
		const next = this.queued.shift();
		if (next !== undefined) void this.turn('prompt', next);
		this.options.changed();
	}

	private setBusy(verb: string | undefined): void {
		this.busyVerb = verb;
		if (verb !== undefined && !this.spinner) {
			this.spinner = setInterval(() => {
				this.frame++;
				this.options.changed();
			}, spinnerMs);
		} else if (verb === undefined) {
			clearInterval(this.spinner);
			this.spinner = undefined;
		}
		this.options.changed();
	}

	private async step(signal: AbortSignal, count = 1): Promise<void> {
		if (this.options.stall && !this.stalled) {
			// Stalled on purpose: not one more byte of output, whatever happens.
			this.stalled = true;
			clearInterval(this.spinner);
			this.options.freeze();
		}
		if (this.stalled) await new Promise(() => undefined);
		try {
			await sleep(this.options.speedMs * count, undefined, {signal});
		} catch {
			throw new Interrupted();
		}
	}

	private async ask(command: string, description: string): Promise<void> {
		const verb = this.busyVerb;
		this.setBusy(undefined);
		this.input = askChoice(this.input);
		const answered = new Promise<boolean>(resolve => {
			this.permission = {command, description, answer: resolve};
		});
		this.options.changed();
		await this.options.callbacks.waiting(`sim needs your permission to use Bash: ${command}`);
		const accept = await answered;
		this.permission = undefined;
		this.input = {...this.input, choice: undefined};
		this.setBusy(verb ?? 'Working');
		if (!accept) throw new Declined(command);
		this.options.callbacks.working(command);
	}

	private shouldAsk(): boolean {
		const {askEvery} = this.options;
		if (askEvery <= 0 || this.askedThisTurn || this.turns % askEvery !== 0) return false;
		this.askedThisTurn = true;
		return true;
	}

	private work(signal: AbortSignal): Work {
		const {cwd, env} = this.options;
		const replace = (entry: LogEntry, next: LogEntry) => {
			const index = this.log.lastIndexOf(entry);
			if (index >= 0) this.log[index] = next;
			if (this.options.conversationFile) saveEntry(this.options.conversationFile, next);
		};
		return {
			cwd,
			env,
			signal,
			say: text => this.show({kind: 'assistant', text}),
			note: (text, error) => this.show({kind: 'result', text, error}),
			status: verb => this.setBusy(verb),
			step: async count => this.step(signal, count),
			tool: (name, detail, result, error) => {
				this.show({kind: 'tool', name, detail, status: error ? 'error' : 'ok'});
				this.show({kind: 'result', text: result, error});
			},
			run: async (program: Program, args: readonly string[], shown: RunShown = {}): Promise<ToolResult> => {
				const command = showCommand(program, args);
				if (shown.ask && this.shouldAsk()) await this.ask(command, shown.ask);
				if (signal.aborted) throw new Interrupted();
				const entry: LogEntry = {kind: 'tool', name: 'Bash', detail: command, status: 'running'};
				this.log.push(entry);
				this.options.changed();
				const result = await runTool(program, args, {cwd: shown.cwd ?? cwd, env, signal});
				replace(entry, {...entry, status: result.code === 0 && !signal.aborted ? 'ok' : 'error'});
				if (signal.aborted) throw new Interrupted();
				if (shown.showOutput !== false || result.code !== 0) this.show({kind: 'result', text: outputOf(result), error: result.code !== 0});
				else this.options.changed();
				return result;
			},
		};
	}
}
