// The original's shorthand `bd` commands (q, assign, defer, undefer, priority, note,
// children, count) and its small read-only ones (version, where, types, statuses), kept
// apart from the main table so each registry file stays readable.
import type {CommandSpec, FlagSpec} from '../spec.js';
import {json, listOnlyFlags, recordFilterFlags} from './bd-flags.js';

const omit = <T extends object, K extends keyof T>(flags: T, ...names: K[]): Omit<T, K> =>
	Object.fromEntries(Object.entries(flags).filter(([name]) => !(names as string[]).includes(name))) as Omit<T, K>;

/** bd count: the filters of bd list that need no order or layout. */
const countFlags: Record<string, FlagSpec> = {
	status: {type: 'string', shortFlag: 's', description: 'Only these stored statuses (comma-separated; all for every one)', value: '<status>', isMultiple: true},
	type: {type: 'string', shortFlag: 't', description: 'Only these types', value: '<type>', isMultiple: true},
	label: {type: 'string', shortFlag: 'l', description: 'Only beads with all these labels', value: '<label>', isMultiple: true, aliases: ['labels', 'labelAll']},
	assignee: {type: 'string', shortFlag: 'a', description: 'Only beads assigned to this actor', value: '<actor>'},
	priority: {type: 'string', shortFlag: 'p', description: 'Only this priority (0-4 or P0-P4)', value: '<p>'},
	...omit(recordFilterFlags, 'sort', 'reverse', 'long'),
	...omit(listOnlyFlags, 'ready', 'tree', 'pretty', 'flat', 'noPager', 'includeInfra', 'includeGates', 'includeTemplates', 'format', 'skipLabels', 'watch'),
	byStatus: {type: 'boolean', description: 'Count by status'},
	byPriority: {type: 'boolean', description: 'Count by priority'},
	byType: {type: 'boolean', description: 'Count by type'},
	byAssignee: {type: 'boolean', description: 'Count by assignee'},
	byLabel: {type: 'boolean', description: 'Count by label (a bead counts once per label)'},
	json,
};

export const shortcutCommands: CommandSpec[] = [
	{
		path: ['q'],
		summary: 'Quick capture: create a bead and print only its id',
		args: '<title...>',
		minArgs: 1,
		flags: {
			priority: {type: 'string', shortFlag: 'p', description: 'Priority 0-4 or P0-P4', value: '<p>', default: '2'},
			type: {type: 'string', shortFlag: 't', description: 'Type: task, bug, feature, epic, chore, …', value: '<type>', default: 'task'},
			labels: {type: 'string', shortFlag: 'l', description: 'Labels (comma-separated or repeated)', value: '<label>', isMultiple: true, aliases: ['label']},
		},
		examples: ['bd q "Fix login bug"', 'ISSUE=$(bd q "New feature")'],
		load: () => import('../bd/q.js'),
	},
	{path: ['assign'], summary: 'Set the assignee of a bead ("" unassigns): bd update <id> --assignee <name>', args: '<id> <name>', minArgs: 2, maxArgs: 2, flags: {json}, load: () => import('../bd/assign.js')},
	{
		path: ['defer'],
		summary: 'Put beads on ice: status deferred (out of bd ready), optionally until a date',
		args: '<id...>',
		minArgs: 1,
		flags: {until: {type: 'string', description: 'Defer until this date/time: +1h, tomorrow, next monday, 2026-01-15', value: '<when>'}, json},
		load: () => import('../bd/defer.js'),
	},
	{path: ['undefer'], summary: 'Bring deferred beads back: status open, defer date cleared', args: '<id...>', minArgs: 1, flags: {json}, load: () => import('../bd/undefer.js')},
	{path: ['priority'], summary: 'Set the priority of a bead (0-4 or P0-P4): bd update <id> --priority <n>', args: '<id> <n>', minArgs: 2, maxArgs: 2, flags: {json}, load: () => import('../bd/priority.js')},
	{
		path: ['note'],
		summary: 'Append a line to a bead\'s notes: bd update <id> --append-notes <text>',
		args: '<id> [text...]',
		minArgs: 1,
		flags: {
			stdin: {type: 'boolean', description: 'Read the note from stdin'},
			file: {type: 'string', description: 'Read the note from a file (- for stdin)', value: '<file>'},
			json,
		},
		load: () => import('../bd/note.js'),
	},
	{
		path: ['children'],
		summary: 'Every descendant of a bead, closed ones too: bd list --parent <id> --all',
		args: '<parent-id>',
		minArgs: 1,
		maxArgs: 1,
		flags: {pretty: {type: 'boolean', description: 'Children indented under their parents'}, json},
		load: () => import('../bd/children.js'),
	},
	{path: ['count'], summary: 'How many beads match the filters of bd list (closed ones too), or counts by status, priority, type, assignee or label', maxArgs: 0, flags: countFlags, load: () => import('../bd/count.js')},
	{path: ['version'], summary: 'Print the version of bd', maxArgs: 0, flags: {json}, load: () => import('../bd/version.js')},
	{path: ['where'], summary: 'Which ledger (.beads/ directory) bd uses here, its prefix and data file', maxArgs: 0, flags: {json}, load: () => import('../bd/where.js')},
	{path: ['types'], summary: 'The bead types bd create --type takes', maxArgs: 0, flags: {json}, load: () => import('../bd/types.js')},
	{path: ['statuses'], summary: 'The statuses a bead can have, with how bd ready and bd list treat them', maxArgs: 0, flags: {json}, load: () => import('../bd/statuses.js')},
];
