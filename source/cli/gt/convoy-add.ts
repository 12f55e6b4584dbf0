import {addToConvoy, convoyPrefix, lookupBeads, statusOf} from '../../core/convoys/convoy.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf, progressBar} from './convoy-format.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	// The original's form names the convoy first: gt convoy add <convoy-id> <bead...>.
	const [first, ...rest] = context.args;
	const named = flagString(context, 'convoy') === undefined && first?.startsWith(`${convoyPrefix}-`) && rest.length > 0;
	const result = await addToConvoy(townRoot, named ? first : flagString(context, 'convoy'), named ? rest : context.args, actorOf(context));
	const status = statusOf(result.convoy, await lookupBeads(townRoot, result.convoy.dependencies?.filter(dependency => dependency.type === 'tracks').map(dependency => dependency.depends_on_id) ?? []));
	if (flagBool(context, 'json')) {
		context.out.json({convoy: status, added: result.added, already: result.already, reopened: result.reopened, defaulted: result.defaulted});
		return;
	}
	const which = `${result.convoy.id} (${safeText(result.convoy.title)})${result.defaulted ? ', the most recent open convoy' : ''}`;
	if (result.added.length > 0) context.out.line(`Added ${result.added.join(', ')} to ${which}`);
	if (result.already.length > 0) context.out.line(`${result.already.join(', ')} ${result.already.length === 1 ? 'was' : 'were'} already tracked by ${result.added.length > 0 ? result.convoy.id : which}`);
	if (result.reopened) context.out.line(`Reopened ${result.convoy.id}: it has open work again`);
	context.out.line(`  ${progressBar(status.done, status.total)}`);
}
