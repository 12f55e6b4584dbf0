// bd dep list <id...>: what beads depend on (--direction down, the default) or what
// depends on them (up), optionally of one --type. --json is the original's: the
// related beads with `dependency_type` for one id or for up; for several ids down,
// the flat list of dependency records. Several ids skip an unknown one with a warning,
// as the original's batch mode does; one unknown id is an error.
import {usageError} from '../../core/base/errors.js';
import {groupIdsByLedger} from '../../core/beads/resolve.js';
import type {LedgerState} from '../../core/beads/ledger-state.js';
import type {Dependency} from '../../core/beads/types.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {absentTarget} from './format.js';
import {safeText} from '../../core/base/terminal-text.js';

type Listed = {id: string; prefix: string; state: LedgerState; edges: Dependency[]};

export async function run(context: CommandContext) {
	const direction = flagString(context, 'direction') ?? 'down';
	const type = flagString(context, 'type');
	const batch = context.args.length > 1;
	const listed: Listed[] = [];
	for (const {ledger, ids} of groupIdsByLedger(context.env, context.args)) {
		const state = await ledger.read();
		for (const id of ids) {
			const bead = state.get(id);
			if (!bead) {
				if (!batch) state.require(id);
				context.out.note(`bd: no bead ${id} (skipped)`);
				continue;
			}
			const edges = direction === 'up' ? state.dependentsOf(id) : bead.dependencies ?? [];
			listed.push({id, prefix: ledger.prefix, state, edges: edges.filter(edge => type === undefined || edge.type === type)});
		}
	}
	if (batch && listed.length === 0) throw usageError('none of these ids is a bead here', 'bd list shows the beads');
	const otherOf = (edge: Dependency) => (direction === 'up' ? edge.issue_id : edge.depends_on_id);
	if (flagBool(context, 'json')) {
		if (batch && direction === 'down') context.out.json(listed.flatMap(entry => entry.edges));
		else context.out.json(listed.flatMap(entry => entry.edges.map(edge => {
			const other = entry.state.get(otherOf(edge));
			if (!other) return {id: otherOf(edge), dependency_type: edge.type, missing: true};
			const {dependencies: _edges, comments: _comments, ...issue} = other;
			return {...issue, dependency_type: edge.type};
		})));
		return;
	}
	for (const entry of listed) {
		context.out.line(direction === 'up' ? `Depending on ${entry.id}:${entry.edges.length === 0 ? ' nothing' : ''}` : `${entry.id} depends on:${entry.edges.length === 0 ? ' nothing' : ''}`);
		for (const edge of entry.edges) {
			const other = otherOf(edge);
			const target = entry.state.get(other);
			const described = target ? `${safeText(target.title)}  [${target.status}]` : absentTarget(other, entry.prefix);
			context.out.line(`  ${direction === 'up' ? '←' : '→'} ${other}  ${described}  (${edge.type})`);
		}
	}
}
