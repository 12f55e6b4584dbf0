// bd show's and bd close's flags, on their own: gt show and gt close (the original's
// pass-throughs) take the same ones, and gt's registry should not load all of bd's to get them.
import type {FlagSpec} from '../spec.js';
import {ignored, json, why} from './bd-flags.js';

export const reason: FlagSpec = {type: 'string', shortFlag: 'r', description: 'Reason, recorded on the bead', value: '<text>'};

export const showFlags: Readonly<Record<string, FlagSpec>> = {
	id: {type: 'string', description: 'A bead id (for ids that look like flags)', value: '<id>', isMultiple: true},
	current: {type: 'boolean', description: 'Your hooked or in-progress bead'},
	children: {type: 'boolean', description: 'Only the children of the bead'},
	refs: {type: 'boolean', description: 'The beads that refer to it (its dependents)'},
	short: {type: 'boolean', description: 'One line per bead'},
	long: {type: 'boolean', description: 'Every field (the default here)'},
	includeComments: ignored('boolean', 'comments are always in bd show --json here'),
	includeDependents: ignored('boolean', 'dependents are always in bd show --json here'),
	thread: {type: 'boolean', description: 'For a message: it and its replies, oldest first'},
	asOf: ignored('string', why.dolt, {value: '<commit>'}),
	localTime: ignored('boolean', 'times are printed as stored (UTC, ISO 8601)'),
	watch: ignored('boolean', why.watch, {shortFlag: 'w'}),
	json,
};

export const closeFlags: Readonly<Record<string, FlagSpec>> = {
	reason: {...reason, description: 'Reason, recorded on the bead (one for all, or one per id in order)', isMultiple: true},
	reasonFile: {type: 'string', description: 'Read the reason from a file (- for stdin)', value: '<file>'},
	force: {type: 'boolean', shortFlag: 'f', description: 'Close even with open blockers or children'},
	suggestNext: {type: 'boolean', description: 'Then list the beads this unblocked'},
	claimNext: {type: 'boolean', description: 'Then claim the most urgent ready bead'},
	continue: {type: 'boolean', description: 'In a molecule: then claim its next ready step'},
	noAuto: {type: 'boolean', description: 'With --continue: show the next step, do not claim it'},
	session: {type: 'string', description: 'Session closing it (closed_by_session; default CLAUDE_SESSION_ID)', value: '<id>'},
	json,
};
