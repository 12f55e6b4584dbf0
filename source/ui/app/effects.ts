// What the keys do to the town: each effect calls one service (core underneath),
// reports a notice, and asks for a refresh. Errors become one-line notices.
import {isGtError} from '../../core/base/errors.js';
import type {Action} from './reducer.js';
import {selectedConvoyRow} from '../data/rows.js';
import type {TownServices} from '../../core/overview/services.js';
import type {Popup, UiState} from './state.js';

export type EffectContext = {
	readonly services: TownServices;
	readonly state: () => UiState;
	readonly act: (action: Action) => void;
	readonly refresh: () => void;
};

export function errorText(error: unknown): string {
	if (isGtError(error)) return error.hint ? `${error.message} — ${error.hint}` : error.message;
	return error instanceof Error ? error.message : String(error);
}

/** Runs a service call: a notice for its outcome, then a refresh. */
export function perform(context: EffectContext, work: () => Promise<string | undefined>): void {
	work().then(text => {
		if (text) context.act({type: 'notice', notice: {text, tone: 'info'}});
	}, error => {
		context.act({type: 'notice', notice: {text: errorText(error), tone: 'error'}});
	}).finally(context.refresh);
}

/** The rig a new bead goes to: the selected bead's, else the first. */
export function rigForNewBead(state: UiState): string | undefined {
	const row = selectedConvoyRow(state);
	if (row?.kind === 'bead' && row.rig) return row.rig;
	return state.ledgers.rigs[0];
}

/** A line typed into a text popup was submitted. */
export function submitText(context: EffectContext, popup: Popup, text: string): void {
	const {services, act} = context;
	const trimmed = text.trim();
	if (popup.kind === 'filter') {
		act({type: 'pop'});
		return;
	}
	if (popup.kind === 'mayor-input') {
		if (!trimmed) return;
		perform(context, async () => ((await services.nudge('mayor', trimmed)) === 'typed' ? 'Typed to the Mayor.' : 'The Mayor is busy; your request is queued for its next idle moment.'));
		return;
	}
	if (popup.kind !== 'input') return;
	if (!trimmed) {
		act({type: 'pop'});
		return;
	}
	switch (popup.purpose) {
		case 'nudge':
			act({type: 'pop'});
			perform(context, async () => ((await services.nudge(popup.subject!, trimmed)) === 'typed' ? `Typed into ${popup.subject}.` : `Queued for ${popup.subject}.`));
			return;
		case 'answer':
			act({type: 'pop'});
			perform(context, async () => {
				await services.write(popup.subject!, `${trimmed}\r`);
				return `Answered ${popup.subject}.`;
			});
			return;
		case 'new-bead':
			act({type: 'pop'});
			perform(context, async () => `Created ${await services.createBead(popup.subject!, trimmed)} in ${popup.subject}.`);
			return;
		case 'new-convoy':
			act({type: 'pop'});
			perform(context, async () => `Created convoy ${await services.createConvoy(trimmed, popup.subject ? [popup.subject] : [])}.`);
			return;
		case 'reply':
			act({type: 'pop'});
			perform(context, async () => {
				await services.reply(popup.subject!, trimmed);
				return `Replied to ${popup.subject}.`;
			});
			return;
		case 'compose':
			if (!popup.draft?.to) {
				act({type: 'replace', popup: {...popup, draft: {to: trimmed}, label: 'Subject:'}});
				return;
			}
			if (!popup.draft.subject) {
				act({type: 'replace', popup: {...popup, draft: {...popup.draft, subject: trimmed}, label: 'Message:'}});
				return;
			}
			act({type: 'pop'});
			perform(context, async () => {
				await services.sendMail(popup.draft!.to!, popup.draft!.subject!, trimmed);
				return `Sent to ${popup.draft!.to}.`;
			});
	}
}
