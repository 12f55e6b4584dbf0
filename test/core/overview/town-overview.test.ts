import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {attentionList, readActivity} from '../../../source/core/overview/town-overview.js';
import type {MergeRequestJson} from '../../../source/core/refinery/queue.js';
import {message, session} from '../../ui/fake-services.js';
import {tempDir} from '../../helpers/cli.js';

describe('the needs-you list', () => {
	it('puts waiting agents, patrol marks, escalation mail and failed merges in one list, oldest first', () => {
		const waiting = session('mp/polecats/furiosa', 'waiting', {state: {state: 'waiting', source: 'screen', confidence: 0.9, detail: 'Allow edit?', since: '2026-12-02T10:00:03Z'}});
		const stalled = session('mp/polecats/nux', 'working', {patrol: {state: 'stalled', since: '2026-12-02T10:00:01Z', nudges: 1, restarts: 0}, bead: 'mp-1'});
		const calm = session('mp/polecats/slit', 'working');
		const mail = [
			{...message('hq-m1', 'mp/nux', 'Escalated: mp-1 tests fail'), created_at: '2026-12-02T10:00:02Z'},
			{...message('hq-m2', 'mayor/', 'Convoy landed: Auth'), created_at: '2026-12-02T09:00:00Z'},
		];
		const failed = {id: 'mp-mr1', title: 'Fix', rig: 'mp', state: 'failed', created_at: '2026-12-02T10:00:00Z', last_error: 'gate npm test failed'} as MergeRequestJson;
		const queued = {...failed, id: 'mp-mr2', state: 'queued'} as MergeRequestJson;
		const list = attentionList([waiting, stalled, calm], mail, [failed, queued]);
		expect(list.map(item => [item.kind, item.key])).toEqual([
			['merge-failed', 'mq:mp-mr1'],
			['stalled', 'patrol:mp.polecats.nux'],
			['escalation', 'mail:hq-m1'],
			['waiting', 'waiting:mp.polecats.furiosa'],
		]);
		expect(list[0]).toMatchObject({title: 'Merge failed: Fix', detail: 'gate npm test failed', request: {rig: 'mp', id: 'mp-mr1'}});
		expect(list[3]).toMatchObject({title: 'mp/polecats/furiosa is waiting for you', detail: 'Allow edit?', session: 'mp.polecats.furiosa'});
	});
});

describe('the activity feed', () => {
	it('reads the tail of .events.jsonl, skipping lines it cannot parse', () => {
		const town = tempDir('activity');
		const lines = [
			JSON.stringify({ts: '2026-12-02T10:00:00Z', type: 'sling', actor: 'overseer', bead: 'mp-1', agent: 'mp/furiosa'}),
			'{"ts": "broken',
			JSON.stringify({ts: '2026-12-02T10:00:01Z', type: 'done', bead: 'mp-1', nested: {x: 1}}),
			JSON.stringify({type: 'no time'}),
		];
		writeFileSync(path.join(town, '.events.jsonl'), `${lines.join('\n')}\n`);
		expect(readActivity(town)).toEqual([
			{ts: '2026-12-02T10:00:00Z', type: 'sling', actor: 'overseer', text: 'bead=mp-1 agent=mp/furiosa'},
			{ts: '2026-12-02T10:00:01Z', type: 'done', text: 'bead=mp-1'},
		]);
		expect(readActivity(town, 1)).toHaveLength(1);
		expect(readActivity(tempDir('empty'))).toEqual([]);
	});
});
