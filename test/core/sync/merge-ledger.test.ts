// The merge rules of docs/sync.md, one case each, on the pure three-way merge.
import {describe, expect, it} from 'vitest';
import {beadToLine, parseLedgerText} from '../../../source/core/beads/jsonl.js';
import type {Bead} from '../../../source/core/beads/types.js';
import {conflictLabel, mergeLedgerTexts} from '../../../source/core/sync/merge-ledger.js';

const at = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const bead = (id: string, fields: Partial<Bead> = {}): Bead => ({id, title: `bead ${id}`, status: 'open', priority: 2, issue_type: 'task', created_at: at(0), updated_at: at(0), ...fields});
const file = (...beads: Bead[]) => beads.map(item => beadToLine(item)).join('\n') + (beads.length > 0 ? '\n' : '');
const merge = (base: Bead[], ours: Bead[], theirs: Bead[]) => mergeLedgerTexts(file(...base), file(...ours), file(...theirs), 'issues.jsonl');
const beadsOf = (text: string) => new Map(parseLedgerText(text, 'merged', {unique: true}).beads.map(item => [item.id, item]));

describe('mergeLedgerTexts', () => {
	it('keeps beads created on either side, sorted by id', () => {
		const result = merge([bead('mp-b')], [bead('mp-b'), bead('mp-c')], [bead('mp-a'), bead('mp-b')]);
		expect([...beadsOf(result.text).keys()]).toEqual(['mp-a', 'mp-b', 'mp-c']);
	});

	it('takes a field from the side that changed it, both fields when each side changed one', () => {
		const base = bead('mp-a');
		const result = merge([base], [{...base, title: 'new title', updated_at: at(5)}], [{...base, priority: 0, updated_at: at(3)}]);
		const merged = beadsOf(result.text).get('mp-a')!;
		expect(merged.title).toBe('new title');
		expect(merged.priority).toBe(0);
		expect(merged.updated_at).toBe(at(5));
	});

	it('gives a field changed on both sides to the newer updated_at, whichever side merges', () => {
		const base = bead('mp-a');
		const older = {...base, title: 'older', updated_at: at(1)};
		const newer = {...base, title: 'newer', updated_at: at(2)};
		expect(beadsOf(merge([base], [older], [newer]).text).get('mp-a')!.title).toBe('newer');
		expect(beadsOf(merge([base], [newer], [older]).text).get('mp-a')!.title).toBe('newer');
		// A tie is broken by value, the same from both sides.
		const a = {...base, title: 'aaa', updated_at: at(1)};
		const b = {...base, title: 'bbb', updated_at: at(1)};
		expect(merge([base], [a], [b]).text).toBe(merge([base], [b], [a]).text);
	});

	it('merges labels as sets against the base: a removal on one side stays removed', () => {
		const base = bead('mp-a', {labels: ['api', 'ui']});
		const ours = {...base, labels: ['api', 'ui', 'urgent'], updated_at: at(1)};
		const theirs = {...base, labels: ['api'], updated_at: at(2)};
		expect(beadsOf(merge([base], [ours], [theirs]).text).get('mp-a')!.labels).toEqual(['api', 'urgent']);
	});

	it('merges dependencies and comments as sets too', () => {
		const dependency = (target: string) => ({issue_id: 'mp-a', depends_on_id: target, type: 'blocks', created_at: at(0)});
		const comment = (id: string, minute: number) => ({id, issue_id: 'mp-a', author: 'x', text: id, created_at: at(minute)});
		const base = bead('mp-a', {dependencies: [dependency('mp-x'), dependency('mp-y')], comments: [comment('c1', 1)]});
		const ours = {...base, dependencies: [dependency('mp-x')], comments: [comment('c1', 1), comment('c3', 3)], updated_at: at(3)};
		const theirs = {...base, dependencies: [dependency('mp-x'), dependency('mp-y'), dependency('mp-z')], comments: [comment('c1', 1), comment('c2', 2)], updated_at: at(2)};
		const merged = beadsOf(merge([base], [ours], [theirs]).text).get('mp-a')!;
		expect(merged.dependencies!.map(item => item.depends_on_id)).toEqual(['mp-x', 'mp-z']);
		expect(merged.comments!.map(item => item.id)).toEqual(['c1', 'c2', 'c3']);
	});

	it('keeps a bead deleted on one side and edited on the other, labelled', () => {
		const base = bead('mp-a');
		const edited = {...base, title: 'edited', updated_at: at(4)};
		for (const result of [merge([base], [], [edited]), merge([base], [edited], [])]) {
			const merged = beadsOf(result.text).get('mp-a')!;
			expect(merged.title).toBe('edited');
			expect(merged.labels).toContain(conflictLabel);
			expect(result.kept).toEqual(['mp-a']);
		}
	});

	it('deletes a bead deleted on one side and left alone on the other', () => {
		const base = bead('mp-a');
		expect(beadsOf(merge([base, bead('mp-b')], [bead('mp-b')], [base, bead('mp-b')]).text).has('mp-a')).toBe(false);
	});

	it('moves status with its close fields: never closed with the reopener\'s status', () => {
		const base = bead('mp-a');
		const closed = {...base, status: 'closed', closed_at: at(2), close_reason: 'done', updated_at: at(2)};
		const blocked = {...base, status: 'blocked', updated_at: at(1)};
		const merged = beadsOf(merge([base], [blocked], [closed]).text).get('mp-a')!;
		expect(merged).toMatchObject({status: 'closed', closed_at: at(2), close_reason: 'done'});
	});

	it('lets the earlier of two claims stand, whole, and reports it', () => {
		const base = bead('mp-a');
		const first = {...base, status: 'hooked', assignee: 'mp/polecats/nux', claimed_by: 'mp/polecats/nux@a', claimed_at: at(1), updated_at: at(1)};
		const second = {...base, status: 'hooked', assignee: 'mp/polecats/furiosa', claimed_by: 'mp/polecats/furiosa@b', claimed_at: at(2), updated_at: at(2)};
		for (const [ours, theirs] of [[first, second], [second, first]] as const) {
			const result = merge([base], [ours], [theirs]);
			expect(beadsOf(result.text).get('mp-a')).toMatchObject({assignee: 'mp/polecats/nux', claimed_by: 'mp/polecats/nux@a', status: 'hooked'});
			expect(result.claims).toHaveLength(1);
			expect(result.claims[0]!.winner).toBe(ours === first ? 'ours' : 'theirs');
		}
		// The same address on both machines is still two claims: the sites differ.
		const here = {...first, claimed_by: 'mp/polecats/nux@b', claimed_at: at(3), updated_at: at(3)};
		expect(merge([base], [here], [first]).claims).toHaveLength(1);
	});

	it('merges other JSONL files (routes) as sets of lines', () => {
		const route = (prefix: string) => JSON.stringify({prefix: `${prefix}-`, path: prefix});
		const result = mergeLedgerTexts(`${route('hq')}\n${route('mp')}\n`, `${route('hq')}\n${route('mp')}\n${route('tl')}\n`, `${route('hq')}\n${route('db')}\n`, 'routes.jsonl');
		expect(result.beads).toBe(false);
		expect(result.text).toBe(`${route('hq')}\n${route('tl')}\n${route('db')}\n`);
	});

	it('refuses a version that is not JSON, writing nothing', () => {
		expect(() => mergeLedgerTexts('', '{"id":"mp-a"\n', '', 'issues.jsonl')).toThrow(/line 1 of the ours version is not valid JSON/);
	});

	it('keeps unknown keys and records that are not beads', () => {
		const header = '{"_schema":"beads","version":1}';
		const base = bead('mp-a', {custom: 1});
		const result = mergeLedgerTexts(`${header}\n${file(base)}`, `${header}\n${file({...base, custom: 2, updated_at: at(1)})}`, `${header}\n${file(base)}`, 'issues.jsonl');
		expect(result.text.split('\n')[0]).toBe(header);
		expect(beadsOf(result.text).get('mp-a')!.custom).toBe(2);
	});
});
