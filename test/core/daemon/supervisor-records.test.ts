// sessions.json is the record of intent: written before a start acts, never shrunk
// while respawning (a daemon killed halfway must not forget the rest), and only an
// explicit stop or a finished hook removes a record.
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {daemonPaths, readSessionRecords, type SessionRecord} from '../../../source/core/daemon/daemon-paths.js';
import {spawnPty, type SpawnPty} from '../../../source/core/daemon/pty.js';
import {Supervisor} from '../../../source/core/daemon/supervisor.js';
import type {SessionSpec} from '../../../source/core/sessions/types.js';
import {tempDir} from '../../helpers/cli.js';

const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', LANG: 'C.UTF-8', TERM: 'xterm-256color'};
const supervisors: Supervisor[] = [];
afterAll(async () => {
	await Promise.all(supervisors.map(supervisor => supervisor.stopAll()));
});

function setup() {
	const town = tempDir('records');
	const paths = daemonPaths(town);
	mkdirSync(paths.runtime, {recursive: true});
	// What sessions.json said at each spawn, by the id being spawned.
	const seen = new Map<string, string[]>();
	const ids = () => readSessionRecords(paths.sessions).map(record => record.spec.id).sort();
	const spawn: SpawnPty = (file, args, options) => {
		seen.set(String(options.env?.AGENT_ID), ids());
		return spawnPty(file, args, options);
	};
	const supervisor = new Supervisor({
		paths,
		prepare: spec => ({spec, runtime: 'echo'}),
		buildLaunch: spec => ({file: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], env: {...env, AGENT_ID: spec.id}, cwd: spec.cwd, readyDelayMs: 60_000}),
		detect: input => (input.exited ? {state: 'exited', source: 'process', confidence: 1} : {state: 'working', source: 'screen', confidence: 0.5}),
		spawn,
		log: () => undefined,
		now: () => Date.now(),
	});
	supervisors.push(supervisor);
	const spec = (name: string): SessionSpec => ({id: `proj.polecats.${name}`, address: `proj/polecats/${name}`, role: 'polecat', rig: 'proj', agent: 'echo', cwd: town, bead: `pr-${name}`});
	return {supervisor, paths, seen, ids, spec};
}

describe('sessions.json, the record of what should run', () => {
	it('keeps every record while respawning: at each spawn, all of them are still written down', async () => {
		const {supervisor, seen, ids, spec} = setup();
		const names = ['a', 'b', 'c', 'd', 'e'];
		const records: SessionRecord[] = names.map(name => ({spec: spec(name), startedAt: '2026-01-01T00:00:00.000Z'}));
		await supervisor.respawn(records, () => true);
		const all = names.map(name => `proj.polecats.${name}`).sort();
		for (const name of names) expect(seen.get(`proj.polecats.${name}`), `sessions.json when ${name} was spawned`).toEqual(all);
		expect(ids()).toEqual(all);
	});

	it('drops only records whose hook is finished; a failed respawn keeps its record', async () => {
		const {supervisor, ids, spec, paths} = setup();
		const gone = {...spec('gone'), cwd: path.join(paths.runtime, 'no-such-dir')};
		const records: SessionRecord[] = [spec('a'), spec('done'), gone].map(item => ({spec: item, startedAt: '2026-01-01T00:00:00.000Z'}));
		await supervisor.respawn(records, record => record.spec.id !== 'proj.polecats.done');
		expect(ids()).toEqual(['proj.polecats.a', 'proj.polecats.gone']);
		expect(supervisor.list().map(info => info.id)).toEqual(['proj.polecats.a']);
	});

	it('writes the record before the launch, and removes it on an explicit stop', async () => {
		const {supervisor, seen, ids, spec} = setup();
		await supervisor.start(spec('a'));
		expect(seen.get('proj.polecats.a')).toEqual(['proj.polecats.a']);
		await supervisor.stopAll();
		// Stopping with the daemon keeps what should run.
		expect(ids()).toEqual(['proj.polecats.a']);
		await supervisor.start(spec('b'));
		await supervisor.stop('proj.polecats.b', true);
		expect(ids()).toEqual(['proj.polecats.a']);
	});
});
