// The bead record, in the public Beads JSONL shape so files move between this
// tool and Beads users. Keys this tool does not know are kept as they are.

export const builtinStatuses = ['open', 'in_progress', 'blocked', 'hooked', 'deferred', 'pinned', 'closed'] as const;
export type Status = (typeof builtinStatuses)[number] | (string & {});

export const builtinTypes = [
	'task', 'bug', 'feature', 'epic', 'chore', 'decision', 'spike', 'story', 'milestone',
	// Gas Town's own kinds of bead.
	'message', 'molecule', 'gate', 'event', 'convoy', 'merge-request', 'agent', 'role', 'rig', 'wisp',
] as const;

export const typeAliases: Readonly<Record<string, string>> = {
	enhancement: 'feature', feat: 'feature', dec: 'decision', adr: 'decision', investigation: 'spike',
	timebox: 'spike', 'user-story': 'story', ms: 'milestone', mr: 'merge-request',
};

/** Types that are plumbing, never work to pick up. */
/** The types `bd ready` never lists, as the original: plumbing, not work (epics, convoys and events are listed). */
export const readyHiddenTypes: ReadonlySet<string> = new Set(['merge-request', 'gate', 'molecule', 'message', 'agent', 'role', 'rig']);

export const nonWorkTypes = new Set(['convoy', 'message', 'merge-request', 'molecule', 'gate', 'event', 'agent', 'role', 'rig']);

/** Dependency kinds that hold a bead back until the target is done. */
export const blockingDependencyTypes = new Set(['blocks', 'conditional-blocks', 'parent-child', 'waits-for']);

export type Dependency = {
	issue_id: string;
	depends_on_id: string;
	type: string;
	created_at: string;
	created_by?: string;
	[key: string]: unknown;
};

export type Comment = {
	id: string | number;
	issue_id: string;
	author: string;
	text: string;
	created_at: string;
};

export type Bead = {
	id: string;
	title: string;
	description?: string;
	notes?: string;
	status: Status;
	priority: number;
	issue_type: string;
	assignee?: string;
	owner?: string;
	created_at: string;
	created_by?: string;
	updated_at: string;
	started_at?: string;
	closed_at?: string;
	close_reason?: string;
	defer_until?: string;
	metadata?: unknown;
	labels?: string[];
	dependencies?: Dependency[];
	comments?: Comment[];
	ephemeral?: boolean;
	[key: string]: unknown;
};

/** Export order of the known keys (Beads' struct order); unknown keys follow in their own order. */
export const fieldOrder = [
	'id', 'title', 'description', 'design', 'acceptance_criteria', 'notes', 'spec_id', 'status', 'priority',
	'issue_type', 'assignee', 'owner', 'estimated_minutes', 'created_at', 'created_by', 'updated_at', 'started_at',
	'closed_at', 'close_reason', 'closed_by_session', 'due_at', 'defer_until', 'external_ref', 'source_system',
	'metadata', 'compaction_level', 'compacted_at', 'compacted_at_commit', 'original_size', 'labels', 'dependencies',
	'comments', 'sender', 'ephemeral', 'no_history', 'wisp_type', 'pinned', 'is_template', 'bonded_from', 'await_type',
	'await_id', 'timeout', 'waiters', 'source_formula', 'source_location', 'mol_type', 'work_type', 'event_kind',
	'actor', 'target', 'payload',
] as const;

/** Keys Beads writes that are derived from other data; dropped on import so they cannot go stale. */
export const derivedKeys = new Set(['_type', 'dependency_count', 'dependent_count', 'comment_count', 'parent', 'content_hash']);

export const priorityLabel = (priority: number) => `P${priority}`;
