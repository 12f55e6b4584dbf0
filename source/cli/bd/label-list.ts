import {openLedgerForId} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const labels = (await openLedgerForId(context.env, id).read()).require(id).labels ?? [];
	if (flagBool(context, 'json')) context.out.json(labels);
	else context.out.line(labels.length === 0 ? `${id} has no labels.` : labels.map(label => safeText(label)).join('\n'));
}
