// bd statuses: the statuses a bead can have, with the original's categories, icons
// and descriptions; --json as the original: built_in_statuses [{name, category, icon,
// description}] and custom_statuses [{name, category}]. A custom status here is left
// out of bd ready and shown by bd list: the original's "wip".
import {builtinStatuses} from '../../core/beads/types.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';
import {ledgerHere} from './types.js';

/** The original's built-in statuses, in its order. */
const builtIn: ReadonlyArray<{name: (typeof builtinStatuses)[number]; category: string; icon: string; description: string}> = [
	{name: 'open', category: 'active', icon: '○', description: 'Available to work (default)'},
	{name: 'in_progress', category: 'wip', icon: '◐', description: 'Actively being worked on'},
	{name: 'blocked', category: 'wip', icon: '●', description: 'Blocked by a dependency'},
	{name: 'deferred', category: 'frozen', icon: '❄', description: 'Deliberately put on ice for later'},
	{name: 'closed', category: 'done', icon: '✓', description: 'Completed'},
	{name: 'pinned', category: 'frozen', icon: '📌', description: 'Persistent, stays open indefinitely'},
	{name: 'hooked', category: 'wip', icon: '◇', description: 'Attached to an agent\'s hook'},
];

export async function run(context: CommandContext) {
	const custom = (ledgerHere(context)?.config.custom_statuses ?? []).filter(name => !(builtinStatuses as readonly string[]).includes(name)).map(name => ({name, category: 'wip'}));
	if (flagBool(context, 'json')) {
		context.out.json({built_in_statuses: builtIn, ...(custom.length > 0 ? {custom_statuses: custom} : {})});
		return;
	}
	context.out.line('Built-in statuses:');
	for (const status of builtIn) context.out.line(`  ${status.icon} ${status.name.padEnd(14)} [${status.category.padEnd(6)}]  ${status.description}`);
	if (custom.length > 0) {
		context.out.line('\nCustom statuses:');
		for (const status of custom) context.out.line(`  ◐ ${safeText(status.name).padEnd(14)} [${status.category.padEnd(6)}]`);
	} else {
		context.out.line('\nNo custom statuses configured.');
		context.out.line('Configure with: custom_statuses = ["in_review"] in .beads/config.toml');
	}
}
