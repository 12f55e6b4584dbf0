// bd supersede <id> --with <new>: the original's "replaced by a newer version" (design
// docs, specs): a supersedes edge from the old bead to the new one, the old one closed.
import type {CommandContext} from '../spec.js';
import {markReplaced} from './duplicate.js';

export async function run(context: CommandContext) {
	await markReplaced(context, {command: 'supersede', flag: 'with', value: '<new>', type: 'supersedes', relation: 'superseded by', keys: ['superseded', 'replacement']});
}
