// Who hears that a merge landed. A polecat's work reaches people through its convoy's
// landing; work from a crew workspace (a human's, or a crew agent's) has no convoy in
// between, so the human is mailed directly: the request's `notify` list (set by
// `gt mq submit`), else the human for any crew worker. A refused address never fails a merge.
import type {Actor} from '../beads/operations.js';
import {overseer, sendMail, type DeliveryOptions} from '../mail/mail.js';
import type {MergeRequest} from './queue.js';

export function landingRecipients(request: MergeRequest): string[] {
	const listed = request.meta.notify;
	if (Array.isArray(listed)) return listed.filter((to): to is string => typeof to === 'string' && to !== '');
	return request.meta.worker?.includes('/crew/') ? [overseer] : [];
}

export async function mailLanded(townRoot: string, rig: string, request: MergeRequest, merged: string, defaultBranch: string, who: Actor, delivery: DeliveryOptions): Promise<string[]> {
	const {branch, source_bead: source} = request.meta;
	const body = [
		`Merge request ${request.id} landed: ${branch} is on ${defaultBranch} at ${merged.slice(0, 8)}.`,
		...(source ? [`${source} is closed.`] : []),
		'',
		`Before the next change on ${branch}, bring it up to date: \`git rebase ${defaultBranch}\` (the queue may have rebased your commits).`,
	].join('\n');
	const mailed: string[] = [];
	for (const to of landingRecipients(request)) {
		try {
			await sendMail(townRoot, {from: `${rig}/refinery`, to, subject: `Merged: ${request.title.replace(/^Merge /, '')}`, body}, who, delivery);
			mailed.push(to);
		} catch {
			// The request and the activity log say it landed either way.
		}
	}
	return mailed;
}
