import {mergeRequestJson} from '../../core/refinery/queue.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {retryMergeRequest} from '../../core/refinery/actions.js';
import {flagBool, type CommandContext} from '../spec.js';
import {actorOf} from './convoy-format.js';
import {mergeRequestId} from './mq-args.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const request = await retryMergeRequest(townRoot, mergeRequestId(townRoot, context), actorOf(context));
	if (flagBool(context, 'json')) context.out.json(mergeRequestJson(request));
	else context.out.line(`Queued ${request.id} again (${request.meta.branch}); the refinery takes it on its next pass.`);
}
