import {formatDuration} from '../../core/convoys/landing.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {listMergeRequests, type MergeRequest} from '../../core/refinery/queue.js';
import {requireRig, rigNames} from '../../core/town/rig-config.js';
import {flagBool, type CommandContext} from '../spec.js';

const finished = new Set(['merged', 'rejected']);

export function mqJson(request: MergeRequest) {
	const {meta} = request;
	return {
		id: request.id, title: request.title, rig: meta.rig, state: request.state, priority: request.priority, created_at: request.createdAt,
		source_bead: meta.source_bead, branch: meta.branch, commit: meta.commit, worker: meta.worker, attempts: meta.attempts ?? 0,
		...(meta.last_error ? {last_error: meta.last_error} : {}), ...(meta.merged_commit ? {merged_commit: meta.merged_commit} : {}),
		...(meta.resolution ? {resolution: meta.resolution} : {}), ...(meta.superseded_by ? {superseded_by: meta.superseded_by} : {}),
		...(meta.conflicts ? {conflicts: meta.conflicts} : {}), ...(meta.gate_output ? {gate_output: meta.gate_output} : {}),
	};
}

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
		context.out.json(byRig.flatMap(({requests}) => requests.map((request, index) => ({position: index + 1, ...mqJson(request)}))));
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
