// gt hooks repair [--dry-run] [--json]: prunes stale worktree records, recreates
// missing worktrees for hooked work, releases finished hooks, starts agents for
// hooked work that has no session (when the daemon runs); prints each fix.
import {repairHooks} from '../../core/work/hook-repair.js';
import {withRunningSessions} from '../../core/sessions/over-daemon.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const townRoot = requireTownRoot(context.env);
	const dryRun = flagBool(context, 'dryRun');
	const {fixes, warnings} = await withRunningSessions(townRoot, sessions => repairHooks(townRoot, context.env, {dryRun, ...(sessions ? {control: sessions} : {})}));
	if (flagBool(context, 'json')) {
		context.out.json({dry_run: dryRun, fixes, warnings});
		return 0;
	}
	if (fixes.length === 0) context.out.line('Nothing to repair.');
	else {
		for (const fix of fixes) context.out.line(`${dryRun ? 'would fix' : 'fixed'}  ${fix.kind}  ${fix.agent}: ${fix.detail}`);
		if (dryRun) context.out.line(`\nDry run: nothing was changed. Run \`gt hooks repair\` to apply ${fixes.length === 1 ? 'this fix' : `these ${fixes.length} fixes`}.`);
	}
	for (const warning of warnings) context.out.note(`gt: left alone: ${warning.agent}: ${warning.detail}`);
	return 0;
}
