// The `bd` commands for formulas and molecules (formula, cook, mol …), kept apart from
// the ledger commands so each registry file stays readable.
import type {CommandSpec, FlagSpec} from '../spec.js';
import {ignored, json, why} from './bd-flags.js';

/** bd mol pour and bd mol wisp. */
const pourFlags: Record<string, FlagSpec> = {
	var: {type: 'string', description: 'Variable key=value', value: '<key=value>', isMultiple: true},
	assignee: {type: 'string', description: 'Assign the root to this agent', value: '<who>'},
	dryRun: {type: 'boolean', description: 'Show what would be created, create nothing'},
	attach: ignored('string', 'bonding protos onto a molecule is not implemented here', {isMultiple: true, value: '<proto>'}),
	attachType: ignored('string', 'bonding protos onto a molecule is not implemented here', {value: '<type>'}),
	json,
};
export const moleculeCommands: CommandSpec[] = [
	{path: ['formula', 'list'], summary: 'Formulas found here, in the town, in ~/.beads and shipped with gt', maxArgs: 0, flags: {type: {type: 'string', description: 'Only this type: workflow, expansion, aspect, convoy', value: '<type>'}, json}, load: () => import('../bd/formula-list.js')},
	{path: ['formula', 'show'], summary: 'A formula: variables, steps and where it was found', args: '<name>', minArgs: 1, maxArgs: 1, flags: {json}, load: () => import('../bd/formula-show.js')},
	{
		path: ['cook'],
		summary: 'Resolve a formula (extends, loops, expansions, aspects) and print it as JSON: placeholders kept, or substituted with --var/--mode=runtime',
		args: '<formula>',
		minArgs: 1,
		maxArgs: 1,
		flags: {
			var: {type: 'string', description: 'Variable key=value (switches to runtime mode)', value: '<key=value>', isMultiple: true},
			mode: {type: 'string', description: 'compile (keep {{placeholders}}, the default) or runtime (substitute, require values)', value: '<compile|runtime>'},
			dryRun: {type: 'boolean', description: 'Show the steps as a tree instead of JSON'},
			prefix: {type: 'string', description: 'Prefix for the proto id shown by --dry-run', value: '<prefix>'},
			searchPath: {type: 'string', description: 'More directories to look for formulas in, first', value: '<dir>', isMultiple: true},
			persist: {type: 'boolean', description: 'Refused: protos are not stored; pour and wisp cook inline'},
			force: ignored('boolean', why.templates),
			json,
		},
		load: () => import('../bd/cook.js'),
	},
	{path: ['mol', 'pour'], summary: 'Pour a formula into beads: a root, one bead per step, gates, needs as blocking dependencies', args: '<formula>', minArgs: 1, maxArgs: 1, flags: pourFlags, load: () => import('../bd/mol-pour.js')},
	{path: ['mol', 'wisp'], aliases: [['mol', 'wisp', 'create']], summary: 'Pour a formula as ephemeral beads (never in git)', args: '<formula>', minArgs: 1, maxArgs: 1, flags: {...pourFlags, rootOnly: ignored('boolean', 'a wisp always gets its steps here')}, load: () => import('../bd/mol-wisp.js')},
	{path: ['mol', 'list'], summary: 'Molecules and wisps with their progress', maxArgs: 0, flags: {all: {type: 'boolean', description: 'Include finished ones'}, json}, load: () => import('../bd/mol-list.js')},
	{path: ['mol', 'show'], summary: 'A molecule with its steps', args: '<id>', minArgs: 1, maxArgs: 1, flags: {parallel: ignored('boolean', 'use bd mol ready <id> for the steps that can run now', {shortFlag: 'p'}), json}, load: () => import('../bd/mol-show.js')},
	{path: ['mol', 'progress'], summary: 'Done/total, the current step and the next ones (default: the molecule you work on)', args: '[id]', maxArgs: 1, flags: {json}, load: () => import('../bd/mol-progress.js')},
	{path: ['mol', 'current'], summary: 'Where a molecule is: the current step, the next, every step\'s state (default: yours)', args: '[id]', maxArgs: 1, flags: {
		for: {type: 'string', description: 'The molecule of this agent (default: you)', value: '<agent>'},
		limit: ignored('number', 'every step is shown', {value: '<n>'}),
		range: ignored('string', 'every step is shown', {value: '<from-to>'}),
		json,
	}, load: () => import('../bd/mol-current.js')},
	{path: ['mol', 'ready'], summary: 'Steps of a molecule that can start now; --gated: steps whose gate closed', args: '[id]', maxArgs: 1, flags: {gated: {type: 'boolean', description: 'Molecules ready to resume after a gate closed'}, json}, load: () => import('../bd/mol-ready.js')},
	{path: ['mol', 'stale'], summary: 'Molecules whose every step is closed but whose root is still open', maxArgs: 0, flags: {
		all: ignored('boolean', 'a molecule with no steps is never listed as stale here'),
		blocking: ignored('boolean', 'every stale molecule is listed'),
		unassigned: ignored('boolean', 'every stale molecule is listed'),
		json,
	}, load: () => import('../bd/mol-stale.js')},
	{path: ['mol', 'wisp', 'list'], summary: 'Wisps (ephemeral molecules); old ones were not updated for a day', maxArgs: 0, flags: {all: {type: 'boolean', description: 'Include closed ones'}, type: ignored('string', 'wisps here are molecules; every one is listed', {value: '<type>'}), json}, load: () => import('../bd/mol-wisp-list.js')},
	{
		path: ['mol', 'wisp', 'gc'],
		summary: 'Delete idle or closed wisps (lists them without -f)',
		maxArgs: 0,
		flags: {age: {type: 'string', description: 'Idle for at least this long (default 1h)', value: '<30m|1h|2d>'}, closed: {type: 'boolean', description: 'Closed wisps, whatever their age'}, all: {type: 'boolean', description: 'Idle ones and closed ones'}, dryRun: {type: 'boolean', description: 'Only list them, even with -f'}, excludeType: ignored('string', 'wisps here are molecules; none is excluded by type', {isMultiple: true, value: '<type>'}), force: {type: 'boolean', shortFlag: 'f', description: 'Really delete'}, json},
		load: () => import('../bd/mol-wisp-gc.js'),
	},
	{
		path: ['mol', 'squash'],
		summary: 'Replace a finished molecule\'s steps with one closed digest bead',
		args: '<id>',
		minArgs: 1,
		maxArgs: 1,
		flags: {summary: {type: 'string', description: 'Digest text', value: '<text>'}, keepChildren: {type: 'boolean', description: 'Keep the steps; add the digest beside them'}, dryRun: {type: 'boolean', description: 'Say what would happen, change nothing'}, json},
		load: () => import('../bd/mol-squash.js'),
	},
	{path: ['mol', 'burn'], summary: 'Delete molecules and their steps without a trace', args: '<id...>', minArgs: 1, flags: {force: {type: 'boolean', shortFlag: 'f', description: 'Burn even with steps in progress'}, dryRun: {type: 'boolean', description: 'Say what would be deleted, delete nothing'}, json}, load: () => import('../bd/mol-burn.js')},
];
