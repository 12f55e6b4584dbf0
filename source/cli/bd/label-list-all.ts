// bd label list-all: every label in this ledger with how many beads carry it (closed
// ones too, ephemeral ones not), sorted by name; --json as the original: [{label, count}].
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	// The read index has every bead's labels: no record is parsed.
	const view = await openCurrentLedger(context.env).view({records: false});
	const counts = new Map<string, number>();
	for (const bead of view.list({includeClosed: true}).beads(0)) for (const label of bead.labels ?? []) counts.set(label, (counts.get(label) ?? 0) + 1);
	const labels = [...counts.keys()].sort();
	if (flagBool(context, 'json')) {
		context.out.json(labels.map(label => ({label, count: counts.get(label)!})));
		return;
	}
	if (labels.length === 0) {
		context.out.line('No labels in this ledger.');
		return;
	}
	context.out.line(`All labels (${labels.length} unique):`);
	const width = Math.max(...labels.map(label => safeText(label).length));
	for (const label of labels) context.out.line(`  ${safeText(label).padEnd(width)}  (${counts.get(label)} ${counts.get(label) === 1 ? 'bead' : 'beads'})`);
}
