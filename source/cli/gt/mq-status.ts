import {requireTownRoot} from '../../core/base/paths.js';
import {findMergeRequest, mergeRequestJson} from '../../core/refinery/queue.js';
import {withLiveOutput} from '../../core/refinery/gates.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeBlock, safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const {request} = await findMergeRequest(townRoot, context.args[0]!);
	const json = withLiveOutput(townRoot, mergeRequestJson(request));
	if (flagBool(context, 'json')) {
		context.out.json(json);
		return;
	}
	const rows: Array<[string, string | number | undefined]> = [
		['Merge request', `${json.id}: ${safeText(json.title)}`], ['State', json.state], ['Rig', json.rig], ['Bead', json.source_bead],
		['Branch', json.branch], ['Commit', json.commit?.slice(0, 8)], ['Worker', json.worker], ['Priority', `P${json.priority}`],
		['Created', json.created_at], ['Attempts', json.attempts], ['Merged as', json.merged_commit?.slice(0, 8)],
		['Superseded by', json.superseded_by], ['Resolution', json.resolution], ['Conflicts', json.conflicts?.join(', ')], ['Last error', json.last_error],
	];
	for (const [label, value] of rows) if (value !== undefined && value !== '') context.out.line(`${`${label}:`.padEnd(15)}${value}`);
	if (json.live_output) context.out.line(['', 'Running now (output so far):', safeBlock(json.live_output.trimEnd())].join('\n'));
	else if (json.gate_output) context.out.line(['', 'Gate output (tail):', json.gate_output.trimEnd()].join('\n'));
}
