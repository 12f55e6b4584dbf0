// The original's `bd` shorthands for relations and lifecycle (duplicate, supersede, link,
// tag, promote), its stale-work view, and its ledger checks (ping, info), kept apart
// from the main table so each registry file stays readable.
import type {CommandSpec} from '../spec.js';
import {ignored, json} from './bd-flags.js';

export const relationCommands: CommandSpec[] = [
	{
		path: ['duplicate'],
		summary: 'Mark a bead as a duplicate of a canonical one: a duplicates dependency, and the duplicate closed',
		args: '<id>',
		minArgs: 1,
		maxArgs: 1,
		flags: {of: {type: 'string', description: 'The canonical bead (required)', value: '<canonical>'}, json},
		examples: ['bd duplicate mp-abc --of mp-xyz'],
		load: () => import('../bd/duplicate.js'),
	},
	{
		path: ['supersede'],
		summary: 'Mark a bead as superseded by a newer one: a supersedes dependency, and the old one closed',
		args: '<id>',
		minArgs: 1,
		maxArgs: 1,
		flags: {with: {type: 'string', description: 'The replacement bead (required)', value: '<new>'}, json},
		examples: ['bd supersede mp-old --with mp-new'],
		load: () => import('../bd/supersede.js'),
	},
	{
		path: ['link'],
		summary: 'Link two beads with a dependency (<id2> blocks <id1> by default): bd dep add <id1> <id2>',
		args: '<id1> <id2>',
		minArgs: 2,
		maxArgs: 2,
		flags: {
			type: {type: 'string', shortFlag: 't', description: 'Dependency type: blocks, tracks, related, parent-child, discovered-from, …', value: '<type>', default: 'blocks'},
			json,
		},
		examples: ['bd link mp-123 mp-456', 'bd link mp-123 mp-456 --type related'],
		load: () => import('../bd/link.js'),
	},
	{path: ['tag'], summary: 'Add a label to a bead: bd update <id> --add-label <label>', args: '<id> <label>', minArgs: 2, maxArgs: 2, flags: {json}, load: () => import('../bd/tag.js')},
	{
		path: ['stale'],
		summary: 'Open and in-progress beads not updated for a while (oldest first): forgotten or abandoned work',
		maxArgs: 0,
		flags: {
			days: {type: 'number', shortFlag: 'd', description: 'Not updated in this many days', value: '<n>', default: 30},
			limit: {type: 'number', shortFlag: 'n', description: 'At most this many (0 = all)', value: '<n>', default: 50},
			status: {type: 'string', shortFlag: 's', description: 'Only this status: open, in_progress, blocked or deferred', value: '<status>'},
			json,
		},
		load: () => import('../bd/stale.js'),
	},
	{
		path: ['promote'],
		summary: 'Make a wisp (ephemeral bead) durable: moved to issues.jsonl with its id, labels, dependencies and comments',
		args: '<wisp-id>',
		minArgs: 1,
		maxArgs: 1,
		flags: {reason: {type: 'string', shortFlag: 'r', description: 'Why, recorded in the promotion comment', value: '<text>'}, json},
		examples: ['bd promote mp-wisp-abc', 'bd promote mp-wisp-abc --reason "Worth tracking long-term"'],
		load: () => import('../bd/promote.js'),
	},
	{path: ['ping'], summary: 'Check that bd finds and reads its ledger, with timings (exit 1 if not)', maxArgs: 0, flags: {json}, load: () => import('../bd/ping.js')},
	{
		path: ['info'],
		summary: 'The ledger bd uses here: its data file, bead count and config (--schema: files and sample ids)',
		maxArgs: 0,
		flags: {
			schema: {type: 'boolean', description: 'Include the storage layout, prefix and sample ids'},
			whatsNew: ignored('boolean', 'this reimplementation keeps no list of the original\'s release changes'),
			thanks: ignored('boolean', 'the original\'s contributor page is not reproduced here'),
			json,
		},
		load: () => import('../bd/info.js'),
	},
];
