// gt ready [--rig <rig>] [--json]: bd ready over the whole town, as the original aggregates it:
// the HQ ledger ("town") and every rig's, town first and then rigs by name, each most urgent
// first, with counts by source and priority. Identity beads (agent, role and rig types, or the
// gt:agent, gt:role and gt:rig labels) are no work; wisps stay out as in bd ready. A ledger
// that cannot be read is reported with the rest; only when none can is it an error.
import {failure} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {safeText} from '../../core/base/terminal-text.js';
import type {Ledger} from '../../core/beads/ledger.js';
import {hqLedger, rigLedger} from '../../core/beads/resolve.js';
import {readyHiddenTypes as hiddenTypes, type Bead} from '../../core/beads/types.js';
import {requireRig, rigNames} from '../../core/town/rig-config.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

/** Identity beads labelled as such: no work, whatever their type. */
const identityLabels = new Set(['gt:agent', 'gt:role', 'gt:rig']);
const priorities = [0, 1, 2, 3, 4] as const;

type ReadySource = {name: string; issues: Bead[]; error?: string};

async function readySource(name: string, ledger: Ledger, now: Date): Promise<ReadySource> {
	try {
		const view = await ledger.view();
		const issues = view.ready({hiddenTypes}, now).records(0).filter(bead => !bead.labels?.some(label => identityLabels.has(label)));
		return {name, issues};
	} catch (error) {
		return {name, issues: [], error: error instanceof Error ? error.message : String(error)};
	}
}

const title = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

function printReady(context: CommandContext, sources: readonly ReadySource[], total: number, counts: Record<string, number>): void {
	const out = context.out;
	if (total === 0) {
		out.line('No ready work across town.');
		return;
	}
	out.line('📋 Ready work across town:');
	out.line();
	for (const source of sources) {
		if (source.error !== undefined) out.line(`${source.name}/ (error: ${safeText(source.error)})`);
		else if (source.issues.length === 0) out.line(`${source.name}/ (none)`);
		else {
			out.line(`${source.name}/ (${source.issues.length} items)`);
			for (const bead of source.issues) out.line(`  [P${bead.priority}] ${safeText(bead.id)} ${title(safeText(bead.title))}`);
			out.line();
		}
	}
	const parts = priorities.filter(priority => counts[`p${priority}_count`]! > 0).map(priority => `${counts[`p${priority}_count`]} P${priority}`);
	out.line(`Total: ${total} items ready${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`);
}

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const only = flagString(context, 'rig');
	const rigs = only === undefined ? rigNames(townRoot) : [requireRig(townRoot, only)];
	const ledgers = [...(only === undefined ? [{name: 'town', ledger: hqLedger(townRoot)}] : []), ...rigs.map(rig => ({name: rig, ledger: rigLedger(townRoot, rig)}))];
	const now = context.env.now();
	const sources = await Promise.all(ledgers.map(({name, ledger}) => readySource(name, ledger, now)));
	const all = sources.flatMap(source => source.issues);
	const counts = Object.fromEntries(priorities.map(priority => [`p${priority}_count`, all.filter(bead => bead.priority === priority).length]));
	const summary = {total: all.length, by_source: Object.fromEntries(sources.map(source => [source.name, source.issues.length])), ...counts};
	if (flagBool(context, 'json')) context.out.json({sources, summary, town_root: townRoot});
	else printReady(context, sources, all.length, counts);
	const failed = sources.filter(source => source.error !== undefined).map(source => source.name);
	if (failed.length > 0 && failed.length === sources.length) throw failure(`no ledger could be read: ${failed.join(', ')}`, 'see `gt doctor`');
	if (failed.length > 0) context.out.note(`gt: warning: some ledgers could not be read: ${failed.join(', ')} (results may be incomplete)`);
	return 0;
}
