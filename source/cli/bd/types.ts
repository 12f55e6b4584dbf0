// bd types: the types bd create --type takes. --json as the original: core_types
// [{name, description}] (its nine work types) and custom_types, the rest: Gas Town's
// own kinds (built in here; configured by gt in the original) and the ledger's custom_types.
import {Ledger} from '../../core/beads/ledger.js';
import {currentLedgerDir} from '../../core/beads/resolve.js';
import {builtinTypes, nonWorkTypes, typeAliases} from '../../core/beads/types.js';
import {safeText} from '../../core/base/terminal-text.js';
import {flagBool, type CommandContext} from '../spec.js';

/** The original's core work types, in its order, with its descriptions. */
const coreTypes: Readonly<Record<string, string>> = {
	task: 'General work item (default)',
	bug: 'Bug report or defect',
	feature: 'New feature or enhancement',
	chore: 'Maintenance or housekeeping',
	epic: 'Large body of work spanning multiple issues',
	decision: 'Architecture decision record (ADR)',
	spike: 'Timeboxed investigation to reduce uncertainty before committing to a story',
	story: 'User story describing a feature from the user\'s perspective',
	milestone: 'Marks completion of a set of related issues (contains no work itself)',
};

/** The ledger here, if there is one: its custom types and statuses. */
export function ledgerHere(context: CommandContext): Ledger | undefined {
	const dir = currentLedgerDir(context.env);
	return dir && Ledger.exists(dir) ? Ledger.open(dir) : undefined;
}

export async function run(context: CommandContext) {
	const gasTown = builtinTypes.filter(type => !(type in coreTypes));
	const configured = (ledgerHere(context)?.config.custom_types ?? []).filter(type => !(builtinTypes as readonly string[]).includes(type));
	if (flagBool(context, 'json')) {
		context.out.json({core_types: Object.entries(coreTypes).map(([name, description]) => ({name, description})), custom_types: [...gasTown, ...configured]});
		return;
	}
	context.out.line('Core work types (built-in):');
	for (const [name, description] of Object.entries(coreTypes)) context.out.line(`  ${name.padEnd(14)} ${description}`);
	context.out.line('\nGas Town types (built-in here):');
	context.out.line(`  ${gasTown.join(', ')}`);
	context.out.line(`  (bd ready leaves out ${gasTown.filter(type => nonWorkTypes.has(type)).join(', ')} unless -t names them)`);
	context.out.line(`\nAliases: ${Object.entries(typeAliases).map(([alias, type]) => `${alias} → ${type}`).join(', ')}`);
	if (configured.length > 0) {
		context.out.line('\nConfigured custom types:');
		for (const type of configured) context.out.line(`  ${safeText(type)}`);
	} else {
		context.out.line('\nNo custom types configured.');
		context.out.line('Configure with: custom_types = ["type1", "type2"] in .beads/config.toml');
	}
}
