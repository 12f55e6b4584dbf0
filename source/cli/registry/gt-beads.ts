// gt's bead commands (show, cat, close, ready) and its small identity ones (whoami, version),
// kept apart from gt.ts. gt show and gt close are the original's pass-throughs to bd show and
// bd close, so they take bd's own flags for those commands (and bd's root flags), read from
// the bd table rather than restated.
import type {CommandSpec, FlagSpec} from '../spec.js';
import {globalFlags} from './bd-flags.js';
import {closeFlags as bdCloseFlags, showFlags as bdShowFlags} from './bd-show-close.js';
import {json} from './common-flags.js';
import {moleculeCommands} from './bd-molecules.js';

/** gt mol progress, burn and squash: the original's, the same as bd's (one spec, one module). */
const sharedMoleculeCommands = moleculeCommands.filter(spec => ['mol progress', 'mol burn', 'mol squash'].includes(spec.path.join(' ')));

const showFlags: Readonly<Record<string, FlagSpec>> = {...globalFlags, ...bdShowFlags};
const closeFlags: Readonly<Record<string, FlagSpec>> = {...globalFlags, ...bdCloseFlags};

export const beadCommands: CommandSpec[] = [
	{
		path: ['show'],
		aliases: [['bead', 'show'], ['bead', 'read']],
		summary: 'Show beads as bd show does, from anywhere in the town (each id routed to its rig or the HQ by prefix)',
		args: '<bead-id...>',
		flags: showFlags,
		examples: ['gt show ca-a1b', 'gt show hq-x7k --json', 'gt show ca-a1b --children'],
		load: () => import('../gt/show.js'),
	},
	{
		path: ['cat'],
		summary: 'Print one bead as gt show does, once the argument looks like a bead id (prefix-hash, e.g. ca-a1b)',
		args: '<bead-id>',
		minArgs: 1,
		maxArgs: 1,
		flags: {json},
		load: () => import('../gt/cat.js'),
	},
	{
		path: ['close'],
		summary: 'Close beads as bd close does, from anywhere in the town; --cascade closes their open descendants first',
		args: '[bead-id...]',
		flags: {
			...closeFlags,
			reason: {...closeFlags.reason!, aliases: ['comment'], description: `${closeFlags.reason!.description}; --comment is the same`},
			cascade: {type: 'boolean', description: 'First close every open descendant, deepest first (forced, reason "Parent <id> closed (cascade)")'},
		},
		examples: ['gt close ca-a1b', 'gt close ca-a1b ca-c3d --reason "Done"', 'gt close ca-a1b --cascade'],
		load: () => import('../gt/close.js'),
	},
	{
		path: ['ready'],
		summary: 'Ready work across the town: the HQ and every rig, by source, most urgent first',
		maxArgs: 0,
		flags: {rig: {type: 'string', description: 'Only this rig (the HQ is left out)', value: '<rig>'}, json},
		examples: ['gt ready', 'gt ready --rig calc', 'gt ready --json'],
		load: () => import('../gt/ready.js'),
	},
	{path: ['whoami'], summary: 'The identity mail commands use here (GT_AGENT, the agent directory you are in, or the human), and how it was found', maxArgs: 0, load: () => import('../gt/whoami.js')},
	{
		path: ['version'],
		summary: 'Print the version of gt',
		maxArgs: 0,
		flags: {
			verbose: {type: 'boolean', shortFlag: 'v', description: 'Also the time and the Node.js version'},
			short: {type: 'boolean', description: 'Only the version number, as gt --version'},
		},
		load: () => import('../gt/version.js'),
	},
	...sharedMoleculeCommands,
];
