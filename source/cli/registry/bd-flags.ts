// Flag sets several `bd` commands share, and the flags the original Beads documents
// that mean nothing here (accepted, with one line on stderr saying why: cli/ignored-flag.ts).
import {ignoredFlag} from '../ignored-flag.js';
import type {FlagSpec} from '../spec.js';

import {json} from './common-flags.js';

export {json};

/** Why a flag of the original is ignored here, by what it is about. */
export const why = {
	dolt: 'the ledger here is JSONL files in git (no Dolt database, server or history)',
	server: 'there is no Beads server here: the ledger is .beads/ in this directory or the town',
	display: 'output here is one aligned line per bead (or --json)',
	watch: 'there is no watch mode: use the gt UI, which updates live',
	batch: 'creating many beads from one file is not implemented here: run bd create per bead',
	agents: 'agent instructions come from gt prime here, not from files bd writes',
	session: 'no Claude Code session is recorded here',
	hooks: 'gt installs what a town needs; bd adds no git hooks',
	sync: 'bd sync commits, fetches and merges the JSONL ledger here',
	templates: 'formulas are cooked inline; no template or proto beads are stored',
} as const;

export const ignored = (type: FlagSpec['type'], reason: string, extra: Partial<FlagSpec> = {}): FlagSpec =>
	ignoredFlag({type, description: `Accepted, ignored: ${reason}`, ...extra}, reason);

const date = (what: string): FlagSpec => ({type: 'string', description: what, value: '<date>'});

/** The original's filters over whole records (core/beads/record-filter.ts): `bd list`, `bd search`, parts of `bd ready`. */
export const recordFilterFlags = {
	id: {type: 'string', description: 'Only these ids (comma-separated or repeated)', value: '<id>', isMultiple: true},
	titleContains: {type: 'string', description: 'Title contains this (any case)', value: '<text>', aliases: ['title']},
	descContains: {type: 'string', description: 'Description contains this (any case)', value: '<text>'},
	notesContains: {type: 'string', description: 'Notes contain this (any case)', value: '<text>'},
	emptyDescription: {type: 'boolean', description: 'Only beads with no description'},
	noAssignee: {type: 'boolean', description: 'Only unassigned beads'},
	noLabels: {type: 'boolean', description: 'Only beads with no labels'},
	labelAny: {type: 'string', description: 'Beads with at least one of these labels', value: '<label>', isMultiple: true},
	excludeLabel: {type: 'string', description: 'Leave out beads with any of these labels', value: '<label>', isMultiple: true},
	excludeType: {type: 'string', description: 'Leave out these types', value: '<type>', isMultiple: true},
	labelPattern: {type: 'string', description: 'A label matches this glob (tech-*)', value: '<glob>'},
	labelRegex: {type: 'string', description: 'A label matches this regular expression', value: '<regex>'},
	priorityMin: {type: 'string', description: 'Priority at least this (0-4, P0-P4)', value: '<p>'},
	priorityMax: {type: 'string', description: 'Priority at most this (0-4, P0-P4)', value: '<p>'},
	createdAfter: date('Created after this date (YYYY-MM-DD, RFC 3339, +6h, -2d, tomorrow)'),
	createdBefore: date('Created before this date'),
	updatedAfter: date('Updated after this date'),
	updatedBefore: date('Updated before this date'),
	closedAfter: date('Closed after this date'),
	closedBefore: date('Closed before this date'),
	hasMetadataKey: {type: 'string', description: 'metadata has this key', value: '<key>'},
	metadataField: {type: 'string', description: 'metadata.<key> equals <value> (repeatable)', value: '<key=value>', isMultiple: true},
	sort: {type: 'string', description: 'Sort by priority, created, updated, closed, status, id, title, type or assignee', value: '<field>'},
	reverse: {type: 'boolean', shortFlag: 'r', description: 'Reverse the order'},
	long: {type: 'boolean', description: 'Every bead in full, as bd show prints it'},
} satisfies Record<string, FlagSpec>;

/** The rest of `bd list`'s filters. */
export const listOnlyFlags = {
	deferAfter: date('Deferred until after this date'),
	deferBefore: date('Deferred until before this date'),
	dueAfter: date('Due after this date'),
	dueBefore: date('Due before this date'),
	deferred: {type: 'boolean', description: 'Only beads with a defer_until'},
	overdue: {type: 'boolean', description: 'Only open beads whose due_at is past'},
	parent: {type: 'string', description: 'Only descendants of this bead', value: '<id>'},
	noParent: {type: 'boolean', description: 'Only top-level beads (no parent)'},
	pinned: {type: 'boolean', description: 'Only pinned beads'},
	noPinned: {type: 'boolean', description: 'Leave out pinned beads'},
	spec: {type: 'string', description: 'spec_id starts with this', value: '<prefix>'},
	molType: {type: 'string', description: 'Molecule type: swarm, patrol or work', value: '<type>'},
	wispType: {type: 'string', description: 'Wisp type (heartbeat, patrol, escalation, …)', value: '<type>'},
	ready: {type: 'boolean', description: 'Only ready beads (as bd ready counts them)'},
	tree: {type: 'boolean', description: 'Children indented under their parents'},
	pretty: {type: 'boolean', description: 'Same as --tree'},
	flat: {type: 'boolean', description: 'One line per bead, no tree (the default here)'},
	noPager: ignored('boolean', 'output here never goes through a pager'),
	includeInfra: ignored('boolean', 'agent, rig, role and message beads are always listed here (ephemeral ones with --ephemeral)'),
	includeGates: ignored('boolean', 'gate beads are always listed here'),
	includeTemplates: ignored('boolean', why.templates),
	format: ignored('string', 'digraph and dot output are not implemented here; use --json', {value: '<format>'}),
	skipLabels: ignored('boolean', 'labels are always read here (the read index has them)'),
	watch: ignored('boolean', why.watch, {shortFlag: 'w'}),
} satisfies Record<string, FlagSpec>;

/** What `bd create` and `bd update` both set. */
export const beadFieldFlags = {
	design: {type: 'string', description: 'Design notes', value: '<text>'},
	designFile: {type: 'string', description: 'Read the design notes from a file (- for stdin)', value: '<file>'},
	acceptance: {type: 'string', description: 'Acceptance criteria', value: '<text>'},
	externalRef: {type: 'string', description: 'External reference (gh-9, jira-ABC, a URL)', value: '<ref>'},
	due: {type: 'string', description: 'Due date: YYYY-MM-DD, RFC 3339, +6h, +2d, +1w, tomorrow, next monday', value: '<when>'},
	estimate: {type: 'number', shortFlag: 'e', description: 'Estimate in minutes', value: '<minutes>'},
	specId: {type: 'string', description: 'Specification document', value: '<id>'},
	metadata: {type: 'string', description: 'Metadata: a JSON object, or @file.json', value: '<json>'},
	bodyFile: {type: 'string', description: 'Read the description from a file (- for stdin)', value: '<file>', aliases: ['descriptionFile']},
	stdin: {type: 'boolean', description: 'Read the description from stdin'},
	appendNotes: {type: 'string', description: 'Append a line to the notes', value: '<text>'},
	noHistory: ignored('boolean', why.dolt),
} satisfies Record<string, FlagSpec>;

/** The original's root flags: every `bd` command takes them. */
export const globalFlags: Record<string, FlagSpec> = {
	actor: {type: 'string', description: 'Who is acting (default: BD_ACTOR, BEADS_ACTOR, git user.name, $USER)', value: '<name>'},
	directory: {type: 'string', shortFlag: 'C', description: 'Run as if started in this directory (like git -C)', value: '<dir>'},
	json,
	quiet: {type: 'boolean', shortFlag: 'q', description: 'Print nothing but errors (and --json output)'},
	db: ignored('string', 'the ledger is .beads/ found from the working directory (or BEADS_DIR); use -C <dir>', {value: '<path>'}),
	sandbox: ignored('boolean', why.dolt),
	readonly: ignored('boolean', 'there is no read-only mode here'),
	global: ignored('boolean', why.server),
	doltAutoCommit: ignored('string', why.dolt, {value: '<off|on|batch>'}),
	profile: ignored('boolean', 'no CPU profile is written (GT_DEBUG=1 shows stack traces)'),
	verbose: ignored('boolean', 'there is no verbose mode (GT_DEBUG=1 shows stack traces)', {shortFlag: 'v'}),
	ignoreSchemaSkew: ignored('boolean', why.dolt),
};

/** `bd init`: the original's Dolt, server and setup flags, none of which applies to a JSONL ledger. */
export const initIgnored: Record<string, FlagSpec> = Object.fromEntries([
	...['backend', 'database', 'server', 'serverHost', 'serverPort', 'serverSocket', 'serverUser', 'sharedServer', 'remote', 'discardRemote', 'destroyToken', 'reinitLocal', 'external', 'team', 'contributor', 'role']
		.map(name => [name, ignored(['server', 'sharedServer', 'external', 'team', 'contributor', 'reinitLocal', 'discardRemote'].includes(name) ? 'boolean' : 'string', why.server)]),
	...['proxiedServer', 'proxiedServerExternalKeepAlive', 'proxiedServerExternalTls'].map(name => [name, ignored('boolean', why.server)]),
	...['proxiedServerConfigPath', 'proxiedServerExternalHost', 'proxiedServerExternalPort', 'proxiedServerExternalSocketPath', 'proxiedServerExternalTlsCertPath', 'proxiedServerExternalTlsKeyPath', 'proxiedServerExternalUser', 'proxiedServerLogPath', 'proxiedServerRootPath']
		.map(name => [name, ignored('string', why.server)]),
	...['agentsFile', 'agentsProfile', 'agentsTemplate'].map(name => [name, ignored('string', why.agents)]),
	['skipAgents', ignored('boolean', why.agents)],
	['skipHooks', ignored('boolean', why.hooks)],
	['setupExclude', ignored('boolean', 'bd init writes .beads/.gitignore; nothing goes in .git/info/exclude')],
	['stealth', ignored('boolean', 'bd init writes .beads/.gitignore; nothing goes in .git/info/exclude')],
	['debug', ignored('boolean', 'GT_DEBUG=1 shows stack traces')],
	['force', ignored('boolean', 'bd init never overwrites a ledger; delete .beads/ to start again')],
	['nonInteractive', ignored('boolean', 'bd init never asks')],
	['fromJsonl', ignored('boolean', 'a JSONL ledger is used in place; run bd import <file> for another file')],
]);
