import {dependencyTree, type DependencyNode} from '../../core/beads/queries.js';
import {openLedgerForId} from '../../core/beads/resolve.js';
import {flagBool, type CommandContext} from '../spec.js';
import {glyph} from './format.js';

function render(node: DependencyNode, prefix: string, last: boolean, root: boolean, lines: string[]): void {
	const label = node.missing ? `${node.id} (in another ledger)` : `${glyph(node.status)} ${node.id}  ${node.title}  [${node.status}]`;
	const edge = root ? '' : ` (${node.type})`;
	lines.push(root ? label : `${prefix}${last ? '└─ ' : '├─ '}${label}${edge}${node.repeated ? ' …' : ''}`);
	const childPrefix = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
	node.children.forEach((child, index) => render(child, childPrefix, index === node.children.length - 1, false, lines));
}

export async function run(context: CommandContext) {
	const id = context.args[0]!;
	const tree = dependencyTree(await openLedgerForId(context.env, id).read(), id, flagBool(context, 'reverse'));
	if (flagBool(context, 'json')) {
		context.out.json(tree);
		return;
	}
	const lines: string[] = [];
	render(tree, '', true, true, lines);
	context.out.line(lines.join('\n'));
}
