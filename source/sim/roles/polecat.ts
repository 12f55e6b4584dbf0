// Polecat (and crew) work: read the hook, look at the worktree, make one small
// deterministic change, commit it, and (polecats only) finish with `gt done`.
import {appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {outputOf, type Role, type Work} from '../work.js';

export type HookedBead = {
	readonly id: string;
	readonly title: string;
	readonly description?: string;
};

export type HookStep = {readonly id: string; readonly title: string; readonly status: string};

/** `gt hook --json`: {"address", "bead": {...} | null, "worktree", "branch", "steps"}. */
export type HookInfo = {
	readonly address?: string;
	readonly bead: HookedBead | null;
	readonly worktree?: string;
	readonly branch?: string;
	/** A formula-slung molecule's steps, in order (nested ones after their parent). */
	readonly steps?: readonly HookStep[];
};

export function parseHook(stdout: string): HookInfo {
	const value: unknown = JSON.parse(stdout);
	if (typeof value !== 'object' || value === null) throw new Error('not a JSON object');
	const record = value as Record<string, unknown>;
	const bead = record.bead as Record<string, unknown> | null | undefined;
	const text = (field: unknown) => (typeof field === 'string' && field !== '' ? field : undefined);
	return {
		address: text(record.address),
		bead: bead && typeof bead === 'object' && typeof bead.id === 'string'
			? {id: bead.id, title: typeof bead.title === 'string' ? bead.title : bead.id, description: text(bead.description)}
			: null,
		worktree: text(record.worktree),
		branch: text(record.branch),
		...(Array.isArray(record.steps)
			? {steps: record.steps.filter((step): step is HookStep => typeof step === 'object' && step !== null && typeof (step as HookStep).id === 'string').map(step => ({id: step.id, title: String(step.title ?? step.id), status: String(step.status ?? 'open')}))}
			: {}),
	};
}

/** The steps to close one by one: open leaves in order (a step with nested steps closes with its last one). */
export function stepsToClose(steps: readonly HookStep[]): HookStep[] {
	return steps.filter(step => step.status !== 'closed' && !steps.some(other => other.id.startsWith(`${step.id}.`)));
}

/** A molecule on the hook: close its steps as the work goes, as a real agent would; stop at the first that is not ready (a gate). */
async function closeSteps(work: Work, root: string, steps: readonly HookStep[]): Promise<void> {
	for (const step of stepsToClose(steps)) {
		work.status(`Step ${step.id}`);
		const closed = await work.run('gt', ['mol', 'step', 'done', step.id], {cwd: root});
		if (closed.code !== 0) return;
		await work.step();
	}
}

export type Edit = {
	/** Relative to the worktree. */
	readonly file: string;
	readonly kind: 'append' | 'create';
	/** The text to append, or the whole new file. */
	readonly text: string;
};

const commentStyles: ReadonlyArray<[RegExp, string, string]> = [
	[/\.(js|mjs|cjs|jsx|ts|tsx|c|h|cc|cpp|hpp|java|kt|go|rs|swift|scala|cs|php|dart)$/i, '// ', ''],
	[/\.(md|markdown|html|htm|xml|svg|vue)$/i, '<!-- ', ' -->'],
	[/\.(css|scss|less)$/i, '/* ', ' */'],
	[/\.(sql|lua|hs|elm)$/i, '-- ', ''],
];

/** One line the agent adds to an existing file, as a comment in that file's language. */
export function commentLine(file: string, text: string): string {
	const [, open, close] = commentStyles.find(([pattern]) => pattern.test(file)) ?? [undefined, '# ', ''];
	return `${open}${text}${close}`;
}

/** Paths the title mentions: words with a slash or a file extension, inside the worktree. */
export function mentionedPaths(title: string): string[] {
	return title
		.split(/[\s,;()'"`[\]{}<>]+/)
		.map(word => word.replace(/^\.\//, '').replace(/[.:!?]+$/, ''))
		.filter(word => word !== '' && !path.isAbsolute(word) && !word.split('/').includes('..'))
		.filter(word => word.includes('/') || /\.[A-Za-z][\w]{0,7}$/.test(word));
}

/**
 * The change for a bead: a comment line appended to a file the title names (when it
 * exists), else a notes file `notes/<bead-id>.md` describing the task (or one more line
 * in it when the work runs again). Deterministic, so tests can assert it.
 */
export function planEdit(bead: HookedBead, isFile: (relative: string) => boolean): Edit {
	const named = mentionedPaths(bead.title).find(isFile);
	const line = `sim: ${bead.title} (${bead.id})`;
	if (named) return {file: named, kind: 'append', text: `${commentLine(named, line)}\n`};
	const notes = `notes/${bead.id}.md`;
	if (isFile(notes)) return {file: notes, kind: 'append', text: `- Worked on again by sim (${bead.id}).\n`};
	const description = bead.description?.trim();
	return {
		file: notes,
		kind: 'create',
		text: `# ${bead.title}\n\nBead: ${bead.id}\n\n${description ? `${description}\n\n` : ''}_Written by sim, a simulated agent (no AI)._\n`,
	};
}

function applyEdit(root: string, edit: Edit): number {
	const file = path.join(root, edit.file);
	if (edit.kind === 'create') {
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, edit.text);
	} else {
		const current = readFileSync(file, 'utf8');
		// Keep the new line on its own line even if the file does not end with one.
		appendFileSync(file, current === '' || current.endsWith('\n') ? edit.text : `\n${edit.text}`);
	}
	return edit.text.split('\n').length - 1;
}

function insideFile(root: string) {
	return (relative: string) => {
		const full = path.resolve(root, relative);
		if (full !== root && !full.startsWith(`${root}${path.sep}`)) return false;
		try {
			return statSync(full).isFile();
		} catch {
			return false;
		}
	};
}

/** Runs `gt hook --json`; undefined (with the error on screen) when it fails. */
async function readHook(work: Work): Promise<HookInfo | undefined> {
	work.status('Checking my hook');
	await work.step();
	const result = await work.run('gt', ['hook', '--json'], {showOutput: false});
	if (result.code !== 0) {
		work.note(outputOf(result), true);
		work.say('I could not read my hook (see the error above).');
		return undefined;
	}
	try {
		const hook = parseHook(result.stdout);
		work.note(hook.bead ? `${hook.bead.id}: ${hook.bead.title}` : 'nothing hooked');
		return hook;
	} catch (error) {
		work.note(`gt hook --json printed something that is not JSON: ${(error as Error).message}`, true);
		return undefined;
	}
}

async function readFiles(work: Work, root: string, first: string | undefined): Promise<void> {
	work.status('Reading the code');
	const listed = await work.run('git', ['ls-files'], {cwd: root});
	await work.step();
	const files = [first, 'README.md', ...listed.stdout.split('\n')].filter((file): file is string => Boolean(file) && insideFile(root)(file!));
	for (const file of [...new Set(files)].slice(0, 2)) {
		const lines = readFileSync(path.join(root, file), 'utf8').split('\n').length;
		work.tool('Read', file, `Read ${lines} lines`);
		await work.step();
	}
}

/** Works the hooked bead in its worktree; `finish` runs `gt done` at the end. */
export async function workHook(work: Work, finish: boolean): Promise<void> {
	const hook = await readHook(work);
	if (!hook) return;
	if (!hook.bead) {
		work.say('Nothing on my hook.');
		return;
	}
	const {bead} = hook;
	const root = hook.worktree ?? work.cwd;
	if (!existsSync(root)) {
		work.say(`My worktree ${root} is missing; I cannot work on ${bead.id}.`);
		return;
	}
	work.say(`Working on ${bead.id}: ${bead.title}`);
	await work.step();

	const edit = planEdit(bead, insideFile(root));
	await readFiles(work, root, edit.kind === 'append' ? edit.file : undefined);

	work.status(`Editing ${edit.file}`);
	await work.step(2);
	const lines = applyEdit(root, edit);
	work.tool(edit.kind === 'create' ? 'Write' : 'Update', edit.file, edit.kind === 'create' ? `Wrote ${lines} lines to ${edit.file}` : `Added ${lines} line${lines === 1 ? '' : 's'}`);
	await work.step();

	work.status('Committing');
	const added = await work.run('git', ['add', '-A'], {cwd: root, showOutput: false});
	if (added.code !== 0) return;
	await work.step();
	const committed = await work.run('git', ['commit', '-m', `${bead.title} (${bead.id})`], {cwd: root, ask: 'Commit the change'});
	if (committed.code !== 0) {
		work.say('The commit failed (see above); the change is still in the worktree.');
		return;
	}
	await work.step();

	if (!finish) {
		work.say(`Committed on ${hook.branch ?? 'the current branch'}. ${bead.id} stays on my hook; run gt done when you are happy with it.`);
		return;
	}
	await closeSteps(work, root, hook.steps ?? []);
	work.status('Finishing');
	const done = await work.run('gt', ['done'], {cwd: root});
	if (done.code === 0) work.say(`Done: ${bead.id} is committed and handed to the merge queue.`);
	else work.say(`gt done failed (exit ${done.code}). The work is committed; ${bead.id} is still on my hook.`);
}

/** Crew and other long-lived roles: say what is hooked; work it only when asked. */
export async function reportHook(work: Work): Promise<void> {
	const hook = await readHook(work);
	if (!hook) return;
	if (hook.bead) work.say(`On my hook: ${hook.bead.id}: ${hook.bead.title}. Tell me to go ahead and I will work on it (without gt done).`);
	else work.say('Nothing on my hook.');
}

export const polecatRole: Role = {
	name: 'polecat',
	start: async work => workHook(work, true),
	prompt: async work => workHook(work, true),
};

export function crewRole(name: string): Role {
	return {
		name,
		start: async work => reportHook(work),
		prompt: async work => workHook(work, false),
	};
}
