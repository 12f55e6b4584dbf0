// bd dep tree <id>: what a bead waits on (--direction down, the default), what waits
// on it (up, or the older --reverse), or both; at most --max-depth levels, only the
// way to beads of --status, every path with --show-all-paths.
import {dependencyTree, treeWithStatus, type DependencyNode} from '../../core/beads/queries.js';
import {openLedgerForId} from '../../core/beads/resolve.js';
import type {LedgerState} from '../../core/beads/ledger-state.js';
import {resolveStatus} from '../../core/beads/operations.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, flagNumber, flagString, type CommandContext} from '../spec.js';
import {absentTarget, glyph} from './format.js';
import {safeText} from '../../core/base/terminal-text.js';

function render(node: DependencyNode, prefix: string, last: boolean, root: boolean, lines: string[], ledgerPrefix: string): void {
	const label = node.missing ? `${node.id} ${absentTarget(node.id, ledgerPrefix)}` : `${glyph(node.status)} ${node.id}  ${safeText(node.title)}  [${node.status}]`;
	const edge = root ? '' : ` (${node.type})`;
	lines.push(root ? label : `${prefix}${last ? '└─ ' : '├─ '}${label}${edge}${node.repeated ? ' …' : ''}`);
	const childPrefix = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
	node.children.forEach((child, index) => render(child, childPrefix, index === node.children.length - 1, false, lines, ledgerPrefix));
}

/**
 * The original's --json: one flat array in walk order, each bead's whole record with
 * `depth`, `parent_id` ("" for the root), `edge_from_parent` (not on the root) and
 * `truncated` (cut off by --max-depth with more beyond). A bead already shown is not
 * repeated (unless --show-all-paths); a missing one is listed with `missing: true`.
 */
function flatTree(state: LedgerState, root: DependencyNode, options: {maxDepth: number; showAllPaths: boolean; reverse: boolean}): Array<Record<string, unknown>> {
	const rows: Array<Record<string, unknown>> = [];
	const walk = (node: DependencyNode, depth: number, parent: string) => {
		if (node.repeated && !options.showAllPaths) return;
		const edge = depth === 0 ? {} : {edge_from_parent: node.type};
		const bead = state.get(node.id);
		const more = bead !== undefined && (options.reverse ? state.dependentsOf(node.id).length > 0 : (bead.dependencies ?? []).length > 0);
		rows.push({...(bead ?? {id: node.id, missing: true}), depth, parent_id: parent, ...edge, truncated: depth >= options.maxDepth && more});
		for (const child of node.children) walk(child, depth + 1, node.id);
	};
	walk(root, 0, '');
	return rows;
}

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const direction = flagString(context, 'direction') ?? (flagBool(context, 'reverse') ? 'up' : 'down');
	const maxDepth = flagNumber(context, 'maxDepth') ?? 50;
	if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) throw usageError(`--max-depth must be a whole number, 1 or more (got ${String(context.flags.maxDepth)})`, 'e.g. --max-depth 3');
	const ledger = openLedgerForId(context.env, id);
	const state = await ledger.read();
	const wanted = flagString(context, 'status');
	const status = wanted === undefined ? undefined : resolveStatus(ledger, wanted);
	const tree = (reverse: boolean) => {
		const full = dependencyTree(state, id, {reverse, maxDepth, showAllPaths: flagBool(context, 'showAllPaths')});
		return status === undefined ? full : treeWithStatus(full, status);
	};
	const trees: Record<string, DependencyNode> = direction === 'both' ? {down: tree(false), up: tree(true)} : {[direction]: tree(direction === 'up')};
	if (flagBool(context, 'json')) {
		const flat = (way: string) => flatTree(state, trees[way]!, {maxDepth, showAllPaths: flagBool(context, 'showAllPaths'), reverse: way === 'up'});
		// Both ways, as the original merges them: what waits on it (without the root again), then the down tree.
		context.out.json(direction === 'both' ? [...flat('up').filter(row => row.depth !== 0), ...flat('down')] : flat(direction));
		return;
	}
	const lines: string[] = [];
	for (const [way, root] of Object.entries(trees)) {
		if (direction === 'both') lines.push(way === 'down' ? 'Waits on:' : 'Waited on by:');
		render(root!, '', true, true, lines, ledger.prefix);
		if (root!.children.length === 0) lines.push(`  (${way === 'up' ? 'nothing depends on it' : 'it depends on nothing'})`);
	}
	context.out.line(lines.join('\n'));
}
