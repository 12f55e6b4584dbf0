import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Ledger} from '../../../source/core/beads/ledger.js';
import {createBead} from '../../../source/core/beads/operations.js';
import {namesFormula, pourForSling, unpour} from '../../../source/core/work/sling-formula.js';
import type {SessionSpec} from '../../../source/core/sessions/types.js';
import type {SessionControl} from '../../../source/core/sessions/port.js';
import {sling} from '../../../source/core/work/sling.js';
import {makeTown} from '../../helpers/town.js';

const who = {actor: 'overseer', now: new Date()};

function recordingControl() {
	const started: SessionSpec[] = [];
	const control = {
		sessions: async () => [],
		start: async (spec: SessionSpec) => {
			started.push(spec);
			return {...spec, startedAt: new Date().toISOString(), state: {state: 'starting', source: 'process', confidence: 1, since: new Date().toISOString()}, cols: 80, rows: 24, restarts: 0};
		},
		stop: async () => undefined,
		nudge: async () => 'typed' as const,
	} as unknown as SessionControl;
	return {control, started};
}

describe('slinging a formula', () => {
	it('pours it into the target rig and slings the root; unpour removes it again', async () => {
		const town = await makeTown();
		const rigLedger = Ledger.open(path.join(town.rigDir, '.beads'));
		const existing = await rigLedger.transact(state => createBead(state, rigLedger, {title: 'A plain bead'}, who));
		expect(await namesFormula(town.town, town.env, existing.id)).toBe(false);
		expect(await namesFormula(town.town, town.env, 'polecat-work')).toBe(true);
		expect(await namesFormula(town.town, town.env, 'ca-zzz')).toBe(false);

		const poured = await pourForSling(town.town, town.env, 'polecat-work', 'calc', {issue: existing.id}, who);
		expect(poured.ledger.dir).toBe(rigLedger.dir);
		const root = poured.result.root;
		expect(root.id).toMatch(/^ca-mol-/);
		const {control, started} = recordingControl();
		const result = await sling(town.town, {beads: [root.id], target: 'calc', convoy: false}, control, who, town.env);
		expect(result.work[0]).toMatchObject({bead: root.id, agent: 'calc/polecats/furiosa'});
		expect(started[0]!.bead).toBe(root.id);
		const state = await rigLedger.read();
		expect(state.require(root.id)).toMatchObject({status: 'hooked', assignee: 'calc/polecats/furiosa'});
		expect(state.require(`${root.id}.1`).title).toBe(`Understand ${existing.id}`);

		const mayorWork = await pourForSling(town.town, town.env, 'cut-release', 'mayor', {version: '1.0'}, who);
		expect(mayorWork.result.root.id).toMatch(/^hq-mol-/);
		await unpour(mayorWork, who);
		expect((await mayorWork.ledger.read()).has(mayorWork.result.root.id)).toBe(false);
	});
});
