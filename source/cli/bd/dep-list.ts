import {openLedgerForId} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {absentTarget} from './format.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const ledger = openLedgerForId(context.env, id);
	const state = await ledger.read();
	const bead = state.require(id);
	const dependencies = bead.dependencies ?? [];
	const dependents = state.dependentsOf(id);
	if (flagBool(context, 'json')) {
		context.out.json({id, dependencies, dependents});
		return;
	}
	const describe = (other: string) => {
		const target = state.get(other);
		return target ? `${safeText(target.title)}  [${target.status}]` : absentTarget(other, ledger.prefix);
	};
	context.out.line(`${id} depends on:${dependencies.length === 0 ? ' nothing' : ''}`);
	for (const dependency of dependencies) context.out.line(`  → ${dependency.depends_on_id}  ${describe(dependency.depends_on_id)}  (${dependency.type})`);
	context.out.line(`Depending on ${id}:${dependents.length === 0 ? ' nothing' : ''}`);
	for (const dependency of dependents) context.out.line(`  ← ${dependency.issue_id}  ${describe(dependency.issue_id)}  (${dependency.type})`);
}
