// The original's finer `bd list`/`bd search`/`bd ready` filters and sorts, over whole
// records (text, dates, metadata, parents), after the read index has answered the
// coarse filter (status, type, labels, assignee, priority). Only the records of that
// answer are parsed, and only when one of these is given.
import {usageError} from '../base/errors.js';
import {parentOf} from './ledger-state.js';
import {parseWhen} from './operations.js';
import type {Bead} from './types.js';

export type DateRange = {after?: number; before?: number};

export type RecordFilter = {
	ids?: string[];
	titleContains?: string;
	descContains?: string;
	notesContains?: string;
	externalContains?: string;
	emptyDescription?: boolean;
	noAssignee?: boolean;
	noLabels?: boolean;
	labelAny?: string[];
	excludeLabels?: string[];
	excludeTypes?: string[];
	labelPattern?: string;
	labelRegex?: RegExp;
	priorityMin?: number;
	priorityMax?: number;
	created?: DateRange;
	updated?: DateRange;
	closed?: DateRange;
	due?: DateRange;
	deferred?: DateRange;
	onlyDeferred?: boolean;
	overdue?: boolean;
	/** Children (at any depth) of this bead. */
	parent?: string;
	noParent?: boolean;
	pinned?: boolean;
	noPinned?: boolean;
	hasMetadataKey?: string;
	metadataFields?: Array<[string, string]>;
	specPrefix?: string;
	molType?: string;
	wispType?: string;
};

const lower = (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : '');
const timeOf = (text: unknown) => (typeof text === 'string' ? new Date(text).getTime() : Number.NaN);
const inRange = (value: unknown, range: DateRange | undefined) => {
	if (!range) return true;
	const time = timeOf(value);
	if (Number.isNaN(time)) return false;
	return (range.after === undefined || time > range.after) && (range.before === undefined || time < range.before);
};

/** `--created-after 2026-01-01` and friends: absolute or relative (+6h, -2d, tomorrow). */
export function dateBound(flag: string, value: string | undefined, now: Date): number | undefined {
	if (value === undefined) return undefined;
	try {
		return new Date(parseWhen(value, now)).getTime();
	} catch {
		throw usageError(`--${flag} takes a date (got "${value}")`, 'use YYYY-MM-DD, RFC 3339 (2026-12-01T09:00:00Z) or +6h, +2d, tomorrow');
	}
}

/** `--label-pattern 'tech-*'`: a glob over one label. */
export function globToRegExp(glob: string): RegExp {
	const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${escaped}$`);
}

function metadataOf(bead: Bead): Record<string, unknown> {
	return typeof bead.metadata === 'object' && bead.metadata !== null && !Array.isArray(bead.metadata) ? (bead.metadata as Record<string, unknown>) : {};
}

/** Whether a record passes the fine filter. `ancestorsOf` answers --parent (at any depth). */
export function matchesRecord(bead: Bead, filter: RecordFilter, now: Date, ancestorsOf: (bead: Bead) => string[]): boolean {
	if (filter.ids?.length && !filter.ids.includes(bead.id)) return false;
	if (filter.titleContains && !lower(bead.title).includes(filter.titleContains.toLowerCase())) return false;
	if (filter.descContains && !lower(bead.description).includes(filter.descContains.toLowerCase())) return false;
	if (filter.notesContains && !lower(bead.notes).includes(filter.notesContains.toLowerCase())) return false;
	if (filter.externalContains && !lower(bead.external_ref).includes(filter.externalContains.toLowerCase())) return false;
	if (filter.emptyDescription && typeof bead.description === 'string' && bead.description.trim() !== '') return false;
	if (filter.noAssignee && bead.assignee) return false;
	const labels = bead.labels ?? [];
	if (filter.noLabels && labels.length > 0) return false;
	if (filter.labelAny?.length && !filter.labelAny.some(label => labels.includes(label))) return false;
	if (filter.excludeLabels?.length && filter.excludeLabels.some(label => labels.includes(label))) return false;
	if (filter.excludeTypes?.length && filter.excludeTypes.includes(bead.issue_type)) return false;
	if (filter.labelPattern && !labels.some(label => globToRegExp(filter.labelPattern!).test(label))) return false;
	if (filter.labelRegex && !labels.some(label => filter.labelRegex!.test(label))) return false;
	if (filter.priorityMin !== undefined && bead.priority < filter.priorityMin) return false;
	if (filter.priorityMax !== undefined && bead.priority > filter.priorityMax) return false;
	if (!inRange(bead.created_at, filter.created) || !inRange(bead.updated_at, filter.updated)) return false;
	if (!inRange(bead.closed_at, filter.closed) || !inRange(bead.due_at, filter.due) || !inRange(bead.defer_until, filter.deferred)) return false;
	if (filter.onlyDeferred && !bead.defer_until) return false;
	if (filter.overdue && (bead.status === 'closed' || !(timeOf(bead.due_at) < now.getTime()))) return false;
	if (filter.noParent && parentOf(bead)) return false;
	if (filter.parent && !ancestorsOf(bead).includes(filter.parent)) return false;
	const pinned = bead.status === 'pinned' || bead.pinned === true;
	if (filter.pinned && !pinned) return false;
	if (filter.noPinned && pinned) return false;
	const metadata = metadataOf(bead);
	if (filter.hasMetadataKey && !(filter.hasMetadataKey in metadata)) return false;
	for (const [key, value] of filter.metadataFields ?? []) if (String(metadata[key] ?? '') !== value) return false;
	if (filter.specPrefix && !String(bead.spec_id ?? '').startsWith(filter.specPrefix)) return false;
	if (filter.molType && (bead.mol_type ?? 'work') !== filter.molType) return false;
	if (filter.wispType && bead.wisp_type !== filter.wispType) return false;
	return true;
}

export const isEmptyRecordFilter = (filter: RecordFilter) => Object.values(filter).every(value => value === undefined || value === false || (Array.isArray(value) && value.length === 0));

export const sortFields = ['priority', 'created', 'updated', 'closed', 'status', 'id', 'title', 'type', 'assignee'] as const;

const statusRank: Record<string, number> = {open: 0, in_progress: 1, hooked: 2, blocked: 3, deferred: 4, pinned: 5, closed: 6};

/** `--sort <field>` (the original's fields) and `--reverse`. Dates sort newest first, as the original does. */
export function sortRecords(beads: Bead[], field: string | undefined, reverse: boolean): Bead[] {
	if (field !== undefined && !(sortFields as readonly string[]).includes(field)) {
		throw usageError(`--sort must be one of ${sortFields.join(', ')} (got "${field}")`, 'e.g. --sort created');
	}
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const compare: Record<string, (a: Bead, b: Bead) => number> = {
		priority: (a, b) => a.priority - b.priority,
		created: (a, b) => text(b.created_at).localeCompare(text(a.created_at)),
		updated: (a, b) => text(b.updated_at).localeCompare(text(a.updated_at)),
		closed: (a, b) => text(b.closed_at).localeCompare(text(a.closed_at)),
		status: (a, b) => (statusRank[a.status] ?? 9) - (statusRank[b.status] ?? 9),
		id: (a, b) => a.id.localeCompare(b.id, 'en', {numeric: true}),
		title: (a, b) => a.title.localeCompare(b.title),
		type: (a, b) => a.issue_type.localeCompare(b.issue_type),
		assignee: (a, b) => text(a.assignee).localeCompare(text(b.assignee)),
	};
	const sorted = field ? [...beads].sort((a, b) => compare[field]!(a, b) || a.id.localeCompare(b.id)) : [...beads];
	return reverse ? sorted.reverse() : sorted;
}

/** Ids of a bead's ancestors, nearest first, found through `get` (stops at 50 or a loop). */
export function ancestorIds(bead: Bead, get: (id: string) => Bead | undefined): string[] {
	const ids: string[] = [];
	let parent = parentOf(bead);
	while (parent && ids.length < 50 && !ids.includes(parent)) {
		ids.push(parent);
		const next = get(parent);
		parent = next ? parentOf(next) : undefined;
	}
	return ids;
}
