import {dependencyTree, type DependencyNode} from '../../core/beads/queries.js';
import {openLedgerForId} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {absentTarget, glyph} from './format.js';
import {safeText} from '../../core/base/terminal-text.js';

function render(node: DependencyNode, prefix: string, last: boolean, root: boolean, lines: string[], ledgerPrefix: string): void {
	const label = node.missing ? `${node.id} ${absentTarget(node.id, ledgerPrefix)}` : `${glyph(node.status)} ${node.id}  ${safeText(node.title)}  [${node.status}]`;
	const edge = root ? '' : ` (${node.type})`;
	lines.push(root ? label : `${prefix}${last ? '└─ ' : '├─ '}${label}${edge}${node.repeated ? ' …' : ''}`);
	const childPrefix = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
	node.children.forEach((child, index) => render(child, childPrefix, index === node.children.length - 1, false, lines, ledgerPrefix));
}

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const ledger = openLedgerForId(context.env, id);
	const tree = dependencyTree(await ledger.read(), id, flagBool(context, 'reverse'));
	if (flagBool(context, 'json')) {
		context.out.json(tree);
		return;
	}
	const lines: string[] = [];
	render(tree, '', true, true, lines, ledger.prefix);
	context.out.line(lines.join('\n'));
}
