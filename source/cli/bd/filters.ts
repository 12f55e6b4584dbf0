// Turns list-style flags into a BeadFilter, checking statuses, types and priority against the ledger.
import type {Ledger} from '../../core/beads/ledger.js';
import {parsePriority, resolveStatus, resolveType} from '../../core/beads/operations.js';
import type {BeadFilter} from '../../core/beads/queries.js';
import {flagBool, flagList, flagString, type CommandContext} from '../spec.js';

export function filterFromFlags(context: CommandContext, ledger: Ledger): BeadFilter {
	const priority = flagString(context, 'priority');
	return {
		statuses: flagList(context, 'status').map(status => resolveStatus(ledger, status)),
		types: flagList(context, 'type').map(type => resolveType(ledger, type)),
		labels: flagList(context, 'label'),
		assignee: flagString(context, 'assignee'),
		unassigned: flagBool(context, 'unassigned'),
		priority: priority === undefined ? undefined : parsePriority(priority),
		includeClosed: flagBool(context, 'all'),
		includeEphemeral: flagBool(context, 'ephemeral'),
	};
}
