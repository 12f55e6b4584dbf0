import {mergeRequestJson} from '../../core/refinery/queue.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {rejectMergeRequest} from '../../core/refinery/actions.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {actorOf} from './convoy-format.js';
import {mergeRequestId} from './mq-args.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const request = await rejectMergeRequest(townRoot, mergeRequestId(townRoot, context), flagString(context, 'reason'), actorOf(context));
	if (flagBool(context, 'json')) context.out.json(mergeRequestJson(request));
	else context.out.line(`Rejected ${request.id}; ${request.meta.source_bead} is open again (${request.meta.last_error}).`);
}
