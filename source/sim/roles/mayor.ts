// The Mayor: a typed request becomes tasks, each task a bead in the right rig
// (`bd create` in the rig's directory), and all of them one `gt sling` (a polecat
// per bead, one convoy). Splitting and rig detection are pure, for tests.
import path from 'node:path';
import {outputOf, type Role, type Work} from '../work.js';

export type RigInfo = {readonly name: string; readonly path?: string};

const bullet = /^\s*(?:[-*•+◦‣]|\d+[.)]|#\d+|\(\d+\)|[a-z]\)|\[[ xX]?\])\s+/;
const abbreviations = /\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|esp)\.$/i;

function tidy(task: string): string {
	const text = task.replace(bullet, '').replace(/^(?:and|then|also)\s+/i, '').replace(/[\s.;,]+$/, '').trim();
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Splits one line into sentences, keeping "e.g." and file names like calc.js whole. */
function sentences(line: string): string[] {
	const parts: string[] = [];
	let current = '';
	for (const piece of line.split(/(?<=[.!?])\s+/)) {
		current = current ? `${current} ${piece}` : piece;
		if (!abbreviations.test(current)) {
			parts.push(current);
			current = '';
		}
	}
	if (current) parts.push(current);
	return parts;
}

/**
 * Tasks in a request: one per line when it has several lines (headings ending in ":"
 * are skipped), else one per sentence, semicolon or " and then ". Bullets and
 * numbering are stripped.
 */
export function splitRequest(text: string): string[] {
	const lines = text.replace(/\r\n?/g, '\n').split('\n').map(line => line.trim()).filter(Boolean);
	let pieces: string[];
	if (lines.length > 1) {
		pieces = lines.filter((line, index) => !(line.endsWith(':') && (index < lines.length - 1)));
	} else {
		pieces = (lines[0] ?? '').split(/\s*;\s*|,?\s+and then\s+/i).flatMap(part => sentences(part.trim()));
	}
	return pieces.map(tidy).filter(task => /[\p{L}\p{N}]/u.test(task));
}

export type RigChoice = {
	/** The rig the request names, or the only rig. */
	readonly rig?: RigInfo;
	/** The request without an "in <rig>:" prefix. */
	readonly text: string;
	/** "in <name>:" named a rig that does not exist. */
	readonly unknown?: string;
	/** More than one rig is named. */
	readonly candidates?: readonly string[];
};

/**
 * Which rig a request is for: an "in <rig>:" (or "<rig>:") prefix, else a word equal
 * to a rig name, else the only rig there is.
 */
export function detectRig(request: string, rigs: readonly RigInfo[]): RigChoice {
	const byName = (name: string) => rigs.find(rig => rig.name.toLowerCase() === name.toLowerCase());
	const prefix = /^\s*(in\s+)?([\w.-]+)\s*:\s*/i.exec(request);
	if (prefix) {
		const named = byName(prefix[2]!);
		const text = request.slice(prefix[0].length);
		if (named) return {rig: named, text};
		if (prefix[1]) return {unknown: prefix[2]!, text};
	}
	const words = new Set((request.match(/[\w-]+/g) ?? []).map(word => word.toLowerCase()));
	const mentioned = rigs.filter(rig => words.has(rig.name.toLowerCase()));
	if (mentioned.length === 1) return {rig: mentioned[0], text: request};
	if (mentioned.length > 1) return {text: request, candidates: mentioned.map(rig => rig.name)};
	if (rigs.length === 1) return {rig: rigs[0], text: request};
	return {text: request};
}

export function parseRigList(stdout: string): RigInfo[] {
	const value: unknown = JSON.parse(stdout);
	if (!Array.isArray(value)) throw new Error('expected a JSON array');
	return value
		.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && typeof (item as {name?: unknown}).name === 'string')
		.map(item => ({name: item.name as string, ...(typeof item.path === 'string' ? {path: item.path} : {})}));
}

const greeting = 'I am the Mayor (simulated). Tell me what to build, one task per line or in a few sentences, and I will create beads and sling them to polecats.';

async function listRigs(work: Work): Promise<RigInfo[] | undefined> {
	const result = await work.run('gt', ['rig', 'list', '--json'], {showOutput: false});
	if (result.code !== 0) {
		work.note(outputOf(result), true);
		return undefined;
	}
	try {
		const rigs = parseRigList(result.stdout);
		work.note(rigs.length === 0 ? 'no rigs' : `${rigs.length} rig${rigs.length === 1 ? '' : 's'}: ${rigs.map(rig => rig.name).join(', ')}`);
		return rigs;
	} catch (error) {
		work.note(`gt rig list --json printed something unexpected: ${(error as Error).message}`, true);
		return undefined;
	}
}

async function createAndSling(work: Work, rig: RigInfo, tasks: readonly string[]): Promise<void> {
	work.say(`Plan for ${rig.name}, ${tasks.length} task${tasks.length === 1 ? '' : 's'}:\n${tasks.map((task, index) => `${index + 1}. ${task}`).join('\n')}`);
	await work.step();
	const cwd = rig.path ?? path.join(work.env.GT_ROOT ?? work.cwd, rig.name);
	const created: Array<{id: string; task: string}> = [];
	for (const [index, task] of tasks.entries()) {
		work.status(`Creating bead ${index + 1} of ${tasks.length}`);
		await work.step();
		const result = await work.run('bd', ['create', task, '--silent'], {cwd, ask: 'Create beads for the plan'});
		const id = result.stdout.trim().split('\n').pop()?.trim();
		if (result.code === 0 && id) created.push({id, task});
	}
	if (created.length === 0) {
		work.say('No beads were created (see the errors above), so nothing was slung.');
		return;
	}
	work.status('Slinging');
	await work.step();
	const slung = await work.run('gt', ['sling', ...created.map(bead => bead.id), rig.name], {ask: 'Sling the beads to polecats'});
	await work.step();
	const list = created.map(bead => `${bead.id}  ${bead.task}`).join('\n');
	if (slung.code === 0) work.say(`Slung ${created.length} bead${created.length === 1 ? '' : 's'} to ${rig.name}, one polecat each, tracked in one convoy:\n${list}`);
	else work.say(`Created ${created.length} bead${created.length === 1 ? '' : 's'} in ${rig.name}, but gt sling failed (see above):\n${list}`);
}

/** The Mayor remembers a plan while it asks which rig it is for. */
export function mayorRole(): Role {
	let waitingForRig: {tasks: readonly string[]; rigs: readonly RigInfo[]} | undefined;
	return {
		name: 'mayor',
		firstPrompt: async work => {
			// The launch prompt is the role's standing instructions, not a request to plan.
			work.say(greeting);
		},
		async prompt(work, text) {
			const pending = waitingForRig;
			waitingForRig = undefined;
			const answer = pending?.rigs.find(rig => rig.name.toLowerCase() === text.trim().replace(/[.!]$/, '').toLowerCase());
			if (pending && answer) {
				await createAndSling(work, answer, pending.tasks);
				return;
			}
			work.status('Planning');
			await work.step();
			const rigs = await listRigs(work);
			if (!rigs) return;
			await work.step();
			const choice = detectRig(text, rigs);
			const tasks = splitRequest(choice.text);
			if (tasks.length === 0) {
				work.say('I did not find any tasks in that. Write one task per line, or a few sentences.');
				return;
			}
			if (choice.unknown) {
				work.say(`There is no rig named "${choice.unknown}". Rigs: ${rigs.map(rig => rig.name).join(', ') || 'none'}.`);
				return;
			}
			if (rigs.length === 0) {
				work.say('There are no rigs yet. Add one with: gt rig add <name> <git-url-or-path>');
				return;
			}
			if (!choice.rig) {
				waitingForRig = {tasks, rigs};
				const names = (choice.candidates ?? rigs.map(rig => rig.name)).join(', ');
				work.say(`${tasks.length} task${tasks.length === 1 ? '' : 's'}:\n${tasks.map((task, index) => `${index + 1}. ${task}`).join('\n')}\nWhich rig are they for? ${names}`);
				return;
			}
			await createAndSling(work, choice.rig, tasks);
		},
	};
}
