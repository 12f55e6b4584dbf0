// Merge requests without agents: a polecat worktree, a hooked bead, a commit, `gt done`.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {AgentRef} from '../../../source/core/agents/address.js';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {createBead, type Actor} from '../../../source/core/beads/operations.js';
import {recordingSessions} from '../../helpers/sessions.js';
import {updateTomlFile} from '../../../source/core/base/toml-file.js';
import {finishWork, type DoneResult} from '../../../source/core/work/done.js';
import {hookBead} from '../../../source/core/work/hook.js';
import {rigLayout} from '../../../source/core/base/paths.js';
import {preparePolecat} from '../../../source/core/town/polecats.js';
import {git} from '../../helpers/cli.js';
import {envIn, type TestTown} from '../../helpers/town.js';

export const who = (actor = 'overseer'): Actor => ({actor, now: new Date()});

export const rigLedgerOf = (town: TestTown) => Ledger.open(rigLayout(town.town, town.rig).beads);

export async function newBead(town: TestTown, title: string, priority = 2): Promise<string> {
	const ledger = rigLedgerOf(town);
	return (await ledger.transact(state => createBead(state, ledger, {title, priority}, who()))).id;
}

const busy = new WeakMap<TestTown, Set<string>>();

/** Commits `files` in `ref`'s worktree and runs gt done there. */
export async function commitAndFinish(town: TestTown, ref: AgentRef, files: Record<string, string>, message = 'work'): Promise<DoneResult> {
	for (const [name, contents] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(ref.dir, name)), {recursive: true});
		writeFileSync(path.join(ref.dir, name), contents);
	}
	git(ref.dir, ['add', '-A'], town.vars);
	git(ref.dir, ['commit', '-q', '-m', message], town.vars);
	return finishWork(town.town, ref, {status: 'completed'}, who(ref.address), envIn(town, ref.dir));
}

/** A bead worked by its own polecat and finished: its merge request is queued. */
export async function workOn(town: TestTown, title: string, files: Record<string, string>, options: {bead?: string} = {}): Promise<{bead: string; ref: AgentRef; done: DoneResult}> {
	const taken = busy.get(town) ?? new Set<string>();
	busy.set(town, taken);
	const bead = options.bead ?? (await newBead(town, title));
	const prepared = await preparePolecat(town.town, town.rig, {bead, busy: taken}, town.env);
	taken.add(prepared.ref.name!);
	await hookBead(rigLedgerOf(town), bead, prepared.ref.address, who());
	const done = await commitAndFinish(town, prepared.ref, files, title);
	return {bead, ref: prepared.ref, done};
}

export async function setMergeQueue(town: TestTown, values: Record<string, unknown>): Promise<void> {
	await updateTomlFile(rigLayout(town.town, town.rig).config, table => {
		table.merge_queue = {...((table.merge_queue ?? {}) as object), ...values};
	});
}

export const mainHead = (town: TestTown) => git(rigLayout(town.town, town.rig).repo, ['rev-parse', 'refs/heads/main'], town.vars);

export function recordingControl() {
	const {control, started} = recordingSessions();
	return {control, started};
}
