// What kind of value each argument and flag takes, for completion. Read from the
// placeholders the registry already shows in help (`<bead...>`, `[rig]`, `--parent <id>`),
// so help and completion cannot drift apart; the table below names the few commands whose
// placeholder alone is ambiguous (`<name>` is a rig in `gt rig remove`, a formula in
// `gt formula show`).
import type {CommandSpec, FlagSpec, Program} from '../spec.js';

export type ValueKind =
	| 'bead' | 'step' | 'agent' | 'address' | 'rig' | 'crew' | 'runtime' | 'formula' | 'convoy'
	| 'mail' | 'merge-request' | 'escalation' | 'label' | 'type' | 'status' | 'priority' | 'shell'
	| 'file' | 'dir';

/** What an argument slot completes to: live kinds, fixed words, or both. */
export type Slot = {readonly kinds: readonly ValueKind[]; readonly words?: readonly string[]};

const none: Slot = {kinds: []};

const placeholderKinds: Readonly<Record<string, readonly ValueKind[]>> = {
	bead: ['bead'], issue: ['bead'], 'depends-on': ['bead'], 'blocker-id': ['bead'], id1: ['bead'], id2: ['bead'],
	parent: ['bead'], 'step-id': ['step'], 'bead-or-formula': ['bead', 'formula'], 'bead | note': ['bead'],
	agent: ['agent'], 'agent|bead': ['agent', 'bead'], 'agent/bead|bead': ['bead'], target: ['agent', 'rig'],
	rig: ['rig'], 'rig>/<name': ['agent'], convoy: ['convoy'], formula: ['formula'], address: ['address'],
	label: ['label'], type: ['type'], status: ['status'], p: ['priority'], file: ['file'], path: ['dir'],
	dir: ['dir'], 'url-or-path': ['dir'], 'bash|zsh|fish|powershell': ['shell'],
};

/** Positional slots whose placeholder is not enough, by command (gt or bd, then its words). */
const commandSlots: Readonly<Record<string, ReadonlyArray<readonly ValueKind[]>>> = {
	'gt rig remove': [['rig']],
	'gt crew remove': [['crew']],
	'gt config agent get': [['runtime']],
	'gt config agent remove': [['runtime']],
	'gt config default-agent': [['runtime']],
	'gt formula show': [['formula']],
	'gt mail read': [['mail']],
	'gt mail reply': [['mail']],
	'gt mail archive': [['mail']],
	'gt mq status': [['merge-request']],
	'gt mq retry': [['merge-request', 'rig'], ['merge-request']],
	'gt mq reject': [['merge-request', 'rig'], ['merge-request']],
	'gt escalate ack': [['escalation']],
	'gt convoy close': [['convoy']],
	'gt hook restore': [['agent', 'bead']],
	'bd formula show': [['formula']],
	'bd cook': [['formula']],
	'bd mol pour': [['formula']],
	'bd mol wisp': [['formula']],
};

/** Flag values by placeholder; a flag's own `choices` come first. `<agent>` on a flag is a runtime. */
const flagPlaceholderKinds: Readonly<Record<string, readonly ValueKind[]>> = {
	...placeholderKinds, agent: ['runtime'], preset: ['runtime'], id: ['bead'], who: ['address'], actor: [],
};

// '<bead...>' → 'bead', '[agent|bead]' → 'agent|bead', '<rig>/<name>...' → 'rig>/<name'.
const bare = (placeholder: string) => placeholder.trim().replace(/\.\.\.$/, '').replace(/^[<[]/, '').replace(/[>\]]$/, '').replace(/\.\.\.$/, '');

/** Fixed words a placeholder spells out: `<working|idle|waiting|done>`. */
function wordsOf(name: string): string[] | undefined {
	return /^[a-z-]+(\|[a-z-]+)+$/.test(name) ? name.split('|') : undefined;
}

function slotOf(placeholder: string, table: Readonly<Record<string, readonly ValueKind[]>>, program: Program): Slot {
	const name = bare(placeholder);
	const kinds = table[name] ?? table[placeholder] ?? (name === 'id' && program === 'bd' ? ['bead' as const] : undefined);
	if (kinds) return {kinds};
	const words = wordsOf(name);
	return words ? {kinds: [], words} : none;
}

/** The placeholders of a usage string: '<rig>/<name>...' stays one, '[bead | note...]' too. */
function placeholders(args: string): string[] {
	return args.match(/<[^>]*>\/<[^>]*>(?:\.\.\.)?|<[^>]*>|\[[^\]]*\]/g) ?? [];
}

/** The slot for the positional argument at `index` (0-based, after the command words). */
export function positionalSlot(program: Program, spec: CommandSpec, index: number): Slot {
	const override = commandSlots[`${program} ${spec.path.join(' ')}`];
	if (override) {
		const kinds = override[Math.min(index, override.length - 1)];
		return kinds && (index < override.length || spec.maxArgs === undefined) ? {kinds} : none;
	}
	const slots = placeholders(spec.args ?? '');
	if (slots.length === 0) return none;
	const last = slots.at(-1)!;
	const placeholder = index < slots.length ? slots[index]! : last.includes('...') ? last : undefined;
	return placeholder ? slotOf(placeholder, placeholderKinds, program) : none;
}

/** The slot for a flag's value. */
export function flagSlot(program: Program, flag: FlagSpec): Slot {
	if (flag.choices) return {kinds: [], words: flag.choices};
	if (!flag.value) return none;
	return slotOf(flag.value, flagPlaceholderKinds, program);
}
