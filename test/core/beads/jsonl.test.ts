import {describe, expect, it} from 'vitest';
import {beadToLine, ledgerText, parseLedgerText} from '../../../source/core/beads/jsonl.js';
import type {Bead} from '../../../source/core/beads/types.js';

const bead = (fields: Partial<Bead> & {id: string}): Bead => ({
	title: 't', status: 'open', priority: 2, issue_type: 'task', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', ...fields,
});

describe('Beads JSONL', () => {
	it('writes known keys in Beads order, leaves empty ones out and keeps unknown keys after', () => {
		const line = beadToLine(bead({id: 'mp-1', labels: [], description: '', custom_field: {a: 1}, assignee: 'bob'}));
		expect(Object.keys(JSON.parse(line))).toEqual(['id', 'title', 'status', 'priority', 'issue_type', 'assignee', 'created_at', 'updated_at', 'custom_field']);
	});

	it('keeps priority 0 (it is a value, not an empty one)', () => {
		expect(JSON.parse(beadToLine(bead({id: 'mp-1', priority: 0}))).priority).toBe(0);
	});

	it('sorts by id and round-trips unknown keys and non-bead records', () => {
		const text = [
			JSON.stringify({_type: 'memory', key: 'k', value: 'v'}),
			beadToLine(bead({id: 'mp-b', extra: [1, 2]})),
			beadToLine(bead({id: 'mp-a'})),
		].join('\n');
		const parsed = parseLedgerText(text, 'x.jsonl');
		expect(parsed.beads.map(item => item.id)).toEqual(['mp-b', 'mp-a']);
		expect(parsed.extra).toEqual([{_type: 'memory', key: 'k', value: 'v'}]);
		const again = parseLedgerText(ledgerText(parsed.beads, parsed.extra), 'x.jsonl');
		expect(again.beads.map(item => item.id)).toEqual(['mp-a', 'mp-b']);
		expect(again.beads[1]!.extra).toEqual([1, 2]);
		expect(again.extra).toHaveLength(1);
	});

	it('names the file and line of a line that does not parse', () => {
		const text = `${beadToLine(bead({id: 'mp-a'}))}\n\n{"id": "mp-b", oops}\n`;
		expect(() => parseLedgerText(text, '/l/issues.jsonl')).toThrow(/\/l\/issues\.jsonl:3: not valid JSON/);
	});

	it('refuses a record without an id and a line that is not an object', () => {
		expect(() => parseLedgerText('{"title":"x"}', 'f')).toThrow(/has no "id"/);
		expect(() => parseLedgerText('[1,2]', 'f')).toThrow(/f:1: expected one JSON object/);
	});

	it('reads Beads variants: tombstones dropped, wisp means ephemeral, derived counts dropped, defaults applied', () => {
		const text = [
			'{"id":"bd-1","title":"gone","status":"tombstone","priority":1,"created_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-01T00:00:00Z"}',
			'{"id":"bd-2","title":"w","wisp":true,"created_at":"2025-11-25T14:56:49.13027-08:00","updated_at":"2025-11-25T14:56:49.13027-08:00","dependency_count":3,"comment_count":0}',
		].join('\n');
		const [only] = parseLedgerText(text, 'f').beads;
		expect(only).toMatchObject({id: 'bd-2', ephemeral: true, status: 'open', issue_type: 'task', priority: 0});
		expect(only).not.toHaveProperty('dependency_count');
		expect(only).not.toHaveProperty('wisp');
	});
});
