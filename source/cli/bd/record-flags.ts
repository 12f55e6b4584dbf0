// The original's fine filter and sort flags of bd list/search/ready, turned into the
// core's Refinement (core/beads/refine.ts), each value checked first so a typo in a
// date, priority, type or regular expression is one line and nothing is listed.
import {usageError} from '../../core/base/errors.js';
import type {Ledger} from '../../core/beads/ledger.js';
import {parsePriority, resolveType} from '../../core/beads/operations.js';
import {readyPolicies, type ReadyPolicy, type Refinement} from '../../core/beads/refine.js';
import {dateBound, type DateRange, type RecordFilter} from '../../core/beads/record-filter.js';
import {flagBool, flagList, flagString, type CommandContext} from '../spec.js';

const molTypes = ['swarm', 'patrol', 'work'];

function range(context: CommandContext, after: string, before: string, now: Date): DateRange | undefined {
	const kebab = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
	const bounds = {after: dateBound(kebab(after), flagString(context, after), now), before: dateBound(kebab(before), flagString(context, before), now)};
	return bounds.after === undefined && bounds.before === undefined ? undefined : bounds;
}

function regex(value: string | undefined): RegExp | undefined {
	if (value === undefined) return undefined;
	try {
		return new RegExp(value);
	} catch {
		throw usageError(`--label-regex is not a valid regular expression (got "${value}")`, 'e.g. --label-regex "^tech-(api|db)$"');
	}
}

function metadataFields(context: CommandContext): Array<[string, string]> {
	return (flagList(context, 'metadataField')).map(field => {
		const at = field.indexOf('=');
		if (at <= 0) throw usageError(`--metadata-field takes key=value (got "${field}")`, 'e.g. --metadata-field team=platform');
		return [field.slice(0, at), field.slice(at + 1)];
	});
}

function priorityBound(context: CommandContext, name: string): number | undefined {
	const value = flagString(context, name);
	return value === undefined ? undefined : parsePriority(value);
}

export function recordFilterFromFlags(context: CommandContext, ledger: Ledger): RecordFilter {
	const now = context.env.now();
	const molType = flagString(context, 'molType');
	if (molType !== undefined && !molTypes.includes(molType)) throw usageError(`--mol-type must be one of ${molTypes.join(', ')} (got "${molType}")`, 'e.g. --mol-type work');
	const parent = flagString(context, 'parent');
	const molecule = flagString(context, 'mol');
	if (parent !== undefined && molecule !== undefined) throw usageError('give --parent or --mol, not both', 'bd ready --mol <molecule> lists the steps of one molecule');
	return {
		ids: flagList(context, 'id'),
		titleContains: flagString(context, 'titleContains'),
		descContains: flagString(context, 'descContains'),
		notesContains: flagString(context, 'notesContains'),
		externalContains: flagString(context, 'externalContains'),
		emptyDescription: flagBool(context, 'emptyDescription'),
		noAssignee: flagBool(context, 'noAssignee'),
		noLabels: flagBool(context, 'noLabels'),
		labelAny: flagList(context, 'labelAny'),
		excludeLabels: flagList(context, 'excludeLabel'),
		excludeTypes: flagList(context, 'excludeType').map(type => resolveType(ledger, type)),
		labelPattern: flagString(context, 'labelPattern'),
		labelRegex: regex(flagString(context, 'labelRegex')),
		priorityMin: priorityBound(context, 'priorityMin'),
		priorityMax: priorityBound(context, 'priorityMax'),
		created: range(context, 'createdAfter', 'createdBefore', now),
		updated: range(context, 'updatedAfter', 'updatedBefore', now),
		closed: range(context, 'closedAfter', 'closedBefore', now),
		due: range(context, 'dueAfter', 'dueBefore', now),
		deferred: range(context, 'deferAfter', 'deferBefore', now),
		onlyDeferred: flagBool(context, 'deferred'),
		overdue: flagBool(context, 'overdue'),
		parent: parent ?? molecule,
		noParent: flagBool(context, 'noParent'),
		pinned: flagBool(context, 'pinned'),
		noPinned: flagBool(context, 'noPinned'),
		hasMetadataKey: flagString(context, 'hasMetadataKey'),
		metadataFields: metadataFields(context),
		specPrefix: flagString(context, 'spec'),
		molType,
		wispType: flagString(context, 'wispType'),
	};
}

/** bd list and bd search: `--sort <field>` and `--reverse`. */
export function listRefinement(context: CommandContext, ledger: Ledger): Refinement {
	return {filter: recordFilterFromFlags(context, ledger), sort: flagString(context, 'sort'), reverse: flagBool(context, 'reverse')};
}

/** bd ready: `--sort` is the original's policy (priority, oldest, hybrid). */
export function readyRefinement(context: CommandContext, ledger: Ledger): Refinement {
	const policy = flagString(context, 'sort') ?? 'priority';
	if (!(readyPolicies as readonly string[]).includes(policy)) throw usageError(`--sort must be one of ${readyPolicies.join(', ')} (got "${policy}")`, 'e.g. bd ready --sort oldest');
	return {filter: recordFilterFromFlags(context, ledger), policy: policy as ReadyPolicy};
}
