// bd sync: commit the ledger you are in, fetch, merge, push (the repository that
// holds it; in a town, its other ledgers are merged and locked too, see core/sync).
import path from 'node:path';
import {openCurrentLedger} from '../../core/beads/resolve.js';
import {failure} from '../../core/base/errors.js';
import {townLayout} from '../../core/base/paths.js';
import {repositoryOf} from '../../core/git/layout.js';
import {syncRepository} from '../../core/sync/sync.js';
import {townLedgers} from '../../core/sync/town-sync.js';
import {existsSync} from 'node:fs';
import {printSyncResult} from '../shared/sync-report.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const ledger = openCurrentLedger(context.env);
	const repo = repositoryOf(ledger.dir)?.top;
	if (!repo) throw failure(`${ledger.label} is not in a git repository, so it has nothing to sync`, 'put it in one (git init, commit .beads, git remote add origin <url>), then bd sync');
	const inTown = existsSync(townLayout(repo).config);
	const relative = path.relative(repo, ledger.dir) || '.';
	const json = flagBool(context, 'json');
	const result = await syncRepository({
		repo,
		ledgers: inTown ? townLedgers(repo) : [ledger.dir],
		...(inTown ? {locks: [`${townLayout(repo).routes}.lock`]} : {}),
		paths: [relative],
		message: `bd sync: ${ledger.prefix}`,
		vars: context.env.vars,
		...(json || !context.out.isTerminal ? {} : {onStep: (step: string) => context.out.note(`${step}…`)}),
	});
	if (json) context.out.json(result);
	else printSyncResult(context.out, result);
	return 0;
}
