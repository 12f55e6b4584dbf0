import {formatDuration} from '../../core/convoys/landing.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {listMergeRequests, mergeRequestJson, type MergeRequest} from '../../core/refinery/queue.js';
import {requireRig, rigNames} from '../../core/town/rig-config.js';
import {flagBool, type CommandContext} from '../spec.js';

const finished = new Set(['merged', 'rejected']);


export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const all = flagBool(context, 'all');
	const rigs = context.args[0] ? [requireRig(townRoot, context.args[0])] : rigNames(townRoot);
	const now = context.env.now().getTime();
	const byRig: Array<{rig: string; requests: MergeRequest[]}> = [];
	for (const rig of rigs) {
		const requests = (await listMergeRequests(townRoot, rig)).filter(request => all || !finished.has(request.state));
		byRig.push({rig, requests});
	}
	if (flagBool(context, 'json')) {
		context.out.json(byRig.flatMap(({requests}) => requests.map((request, index) => ({position: index + 1, ...mergeRequestJson(request)}))));
		return;
	}
	if (byRig.every(({requests}) => requests.length === 0)) {
		context.out.line(all ? 'No merge requests.' : 'The merge queue is empty. `gt mq list --all` includes merged and rejected ones.');
		return;
	}
	for (const {rig, requests} of byRig) {
		if (requests.length === 0) continue;
		context.out.line(`${rig}:`);
		const idWidth = Math.max(...requests.map(request => request.id.length));
		const branchWidth = Math.max(...requests.map(request => (request.meta.branch ?? '').length));
		requests.forEach((request, index) => {
			const age = formatDuration(now - Date.parse(request.createdAt));
			const extra = request.state === 'failed' && request.meta.last_error ? `  ${request.meta.last_error}` : '';
			context.out.line(`  ${String(index + 1).padStart(2)}. ${request.id.padEnd(idWidth)}  ${request.state.padEnd(8)}  P${request.priority}  ${(request.meta.branch ?? '').padEnd(branchWidth)}  ${age.padStart(6)}${extra}`);
		});
	}
}
