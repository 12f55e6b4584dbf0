// Flags the original gt defines on commands both tools have, beyond what our own specs give
// (bench/gt-flag-parity.js counts them from its Go source). Agents type them from its help and
// role texts, so every one is accepted: most mean nothing here (tmux, Dolt, GitHub, a witness
// agent, merge strategies we do not have) and say so in one line on stderr; the few that do
// mean something are applied by the command (marked "applied" below); a few whose absence would
// do what the user asked not to (a dry run, a review-only job, another target branch) are refused
// before anything runs. A command's own spec wins where both name a flag.
import {ignoredFlag, refusedFlag} from '../ignored-flag.js';
import type {CommandSpec, FlagSpec} from '../spec.js';

type Kind = FlagSpec['type'];

/** An original flag with no meaning here: parsed, then noted with `why`. */
const noted = (type: Kind, why: string, extra: Partial<FlagSpec> = {}): FlagSpec =>
	ignoredFlag({type, description: `The original's; ignored here: ${why}`, ...(type === 'boolean' ? {} : {value: '<value>'}), ...extra}, why);

/** An original flag whose effect we lack and whose absence would do harm (a dry run that acts): refused before anything runs. */
const refused = (type: Kind, why: string, extra: Partial<FlagSpec> = {}): FlagSpec =>
	refusedFlag({type, description: `The original's; refused here: ${why}`, ...(type === 'boolean' ? {} : {value: '<value>'}), ...extra}, why);

const why = {
	tmux: 'sessions here are the daemon\'s ptys, not tmux',
	dryRun: 'there is no dry run of it here: run it without --dry-run to do it',
	merge: 'work always goes through the rig\'s merge queue here (gt sling a bead and keep the branch unmerged by not running gt done)',
	branch: 'polecats branch from, and merge into, the rig\'s default branch here',
	witness: 'the witness is a patrol of the daemon here, nothing to register with',
	quiet: 'this command prints only what it did',
	dolt: 'there is no Dolt server: the ledger is JSONL in git',
	github: 'gt install makes no GitHub repository; push the town yourself (gt sync)',
	force: 'this command has nothing it would refuse that a force could override',
	identity: 'give the address as the argument (or GT_AGENT)',
} as const;

export const originalFlags: Readonly<Record<string, Readonly<Record<string, FlagSpec>>>> = {
	'config agent set': {provider: noted('string', 'the runtime is worked out from the command (or set runtime = "…" in town.toml)')},
	'convoy create': {
		molecule: noted('string', 'a convoy tracks beads; pour the molecule and track its root instead'),
		owner: {type: 'string', description: 'Who gets the landing mail (default: you) — applied', value: '<address>'},
		owned: noted('boolean', why.witness),
		merge: refused('string', why.merge),
		baseBranch: refused('string', why.branch),
		fromEpic: noted('string', 'name the epic\'s children (bd children <epic>) as the convoy\'s beads'),
	},
	// Keyed by our command's path: the original's `convoy check` is our `convoy refresh`, its `polecat nuke` our `polecat remove`.
	'convoy refresh': {dryRun: refused('boolean', why.dryRun)},
	// convoy close is also the original's convoy land.
	'convoy close': {notify: noted('string', 'closing mails the convoy\'s owner and its --notify list from create', {isMultiple: true}), keepWorktrees: noted('boolean', 'closing a convoy never removes worktrees'), dryRun: refused('boolean', why.dryRun)},
	'crew add': {branch: noted('string', 'a crew workspace is always on crew/<name>')},
	'crew list': {all: noted('boolean', 'gt crew list shows every rig\'s crew unless --rig is given')},
	'crew remove': {purge: noted('boolean', 'the crew branch is kept; delete it with git branch -D crew/<name>')},
	doctor: {
		fix: noted('boolean', 'gt doctor only reports; gt hooks repair fixes hooks and worktrees'),
		verbose: noted('boolean', 'every check is always printed', {shortFlag: 'v'}),
		rig: noted('string', 'every rig is checked'),
		restartSessions: noted('boolean', 'gt up restarts sessions'),
		noStart: noted('boolean', 'gt doctor never starts anything'),
		slow: noted('string', 'checks have no timing threshold here'),
	},
	done: {
		issue: noted('string', 'the bead is the one on your hook'),
		priority: noted('number', 'the merge request takes the bead\'s priority', {shortFlag: 'p', value: '<p>'}),
		cleanupStatus: noted('string', 'gt done commits leftovers and checks the worktree itself'),
		resume: noted('boolean', 'a restarted agent resumes from its hook and checkpoints by itself'),
		preVerified: noted('boolean', 'the refinery always runs the gates after its rebase'),
		target: refused('string', 'the merge target is always the rig\'s default branch here'),
	},
	down: {
		quiet: noted('boolean', why.quiet, {shortFlag: 'q'}),
		force: noted('boolean', 'agents get a clean stop, then are killed if they do not exit', {shortFlag: 'f'}),
		polecats: noted('boolean', 'gt down always stops every agent, polecats included', {shortFlag: 'p'}),
		all: noted('boolean', 'gt down always stops every agent and the daemon', {shortFlag: 'a'}),
		nuke: noted('boolean', why.tmux),
		dryRun: refused('boolean', why.dryRun),
	},
	estop: {reason: {type: 'string', shortFlag: 'r', description: 'Why (as -m) — applied', value: '<text>'}},
	'formula run': {
		pr: noted('string', 'there is no pull-request mode; the merge queue merges'),
		files: noted('string', 'pass file lists as --var values'),
		set: noted('string', 'use --var key=value', {isMultiple: true}),
	},
	hook: {
		subject: noted('string', 'no handoff mail on gt hook; gt handoff -s/-m writes one', {shortFlag: 's'}),
		message: noted('string', 'no handoff mail on gt hook; gt handoff -s/-m writes one', {shortFlag: 'm'}),
		dryRun: refused('boolean', why.dryRun, {shortFlag: 'n'}),
		force: noted('boolean', 'a full hook is refused; gt unsling <bead> empties it first', {shortFlag: 'f'}),
		clear: noted('boolean', 'gt unsling <bead> clears a hook'),
	},
	'hook attach': {force: noted('boolean', 'a full hook is refused; gt unsling <bead> empties it first', {shortFlag: 'f'})},
	install: {
		force: noted('boolean', 'gt install refuses an existing town; gt doctor checks one', {shortFlag: 'f'}),
		publicName: noted('string', 'a town has one name'),
		noBeads: noted('boolean', 'the HQ ledger is part of every town here'),
		github: noted('string', why.github),
		public: noted('boolean', why.github),
		shell: noted('boolean', 'no shell integration is installed; gt finds the town from the directory or GT_ROOT'),
		wrappers: noted('boolean', 'no wrapper scripts: runtimes are configured in town.toml (gt config agent set)'),
		supervisor: noted('boolean', 'no launchd/systemd unit: the daemon starts on demand'),
		doltPort: noted('number', why.dolt),
	},
	'mail send': {from: noted('string', 'the sender is your own address (GT_AGENT, or where you are)')},
	'mail inbox': {
		identity: {type: 'string', aliases: ['address'], description: 'Whose inbox (as the argument) — applied', value: '<address>'},
	},
	'mail archive': {stale: noted('boolean', 'archive by id'), dryRun: refused('boolean', why.dryRun, {shortFlag: 'n'})},
	'mail reply': {subject: noted('string', 'a reply\'s subject is "Re: " and the original\'s', {shortFlag: 's'})},
	'mayor status': {running: noted('boolean', 'gt mayor status always says whether it runs')},
	'mol squash': {jitter: noted('string', why.dolt), noDigest: noted('boolean', 'the digest bead is what squash leaves; bd mol burn leaves none')},
	agents: {rig: noted('string', 'gt agents (and gt session list) lists every rig\'s agents')},
	'mol step done': {dryRun: refused('boolean', why.dryRun, {shortFlag: 'n'})},
	'mq submit': {epic: noted('string', 'a submit queues one branch'), skipDeps: noted('boolean', 'dependencies are not checked on submit'), resubmit: noted('boolean', 'a failed request for the branch is replaced by a new submit anyway')},
	'mq retry': {now: noted('boolean', 'a retried request is queued; the refinery takes it in order')},
	'mq list': {
		ready: noted('boolean', 'gt mq list shows the queue in the order the refinery takes it'),
		status: noted('string', 'use --all and read the state column'),
		worker: noted('string', 'the worker column says whose each is'),
		epic: noted('string', 'merge requests are not grouped by epic here'),
		verify: noted('boolean', 'nothing to verify: requests are beads in the rig ledger'),
	},
	'mq reject': {notify: noted('boolean', 'the worker and the Mayor are mailed anyway'), stdin: noted('boolean', 'give the reason with -r')},
	nudge: {
		force: noted('boolean', 'there is no do-not-disturb here', {shortFlag: 'f'}),
		stdin: {type: 'boolean', description: 'Read the message from standard input — applied'},
		ifFresh: noted('boolean', why.tmux),
		mode: noted('string', 'a nudge is typed when the agent is idle, queued until then otherwise'),
		priority: noted('string', 'nudges are typed in order'),
	},
	'polecat remove': {dryRun: refused('boolean', why.dryRun)},
	prime: {dryRun: noted('boolean', 'gt prime only prints'), state: noted('boolean', 'gt prime always shows the hook and mail'), explain: noted('boolean', 'gt prime prints its whole context')},
	'rig add': {
		pushUrl: noted('string', 'set the push URL in the rig\'s bare clone: git -C <rig>/.repo.git remote set-url --push origin <url>'),
		upstreamUrl: noted('string', 'add it to the rig\'s bare clone with git remote add'),
		force: noted('boolean', 'an existing rig is refused; --adopt registers a rig directory already here'),
		filter: noted('string', 'the bare clone is full (or borrows objects with --local-repo)'),
		sparseCheckout: noted('string', 'worktrees are full checkouts'),
	},
	sling: {
		force: noted('boolean', 'unread mail never blocks a sling here'),
		account: noted('string', 'runtimes are chosen with --agent (accounts live in the runtime\'s own config)'),
		owned: noted('boolean', why.witness),
		hookRawBead: noted('boolean', 'a bead is hooked as it is; a formula only with gt sling <formula> --on <bead>'),
		noMerge: refused('boolean', why.merge),
		merge: refused('string', why.merge),
		maxConcurrent: noted('number', 'every bead gets its polecat at once'),
		baseBranch: refused('string', why.branch),
		ralph: noted('boolean', 'each session keeps its conversation; gt handoff starts a fresh one'),
		formula: noted('string', 'sling the formula itself: gt sling <formula> --on <bead>'),
		reviewOnly: refused('boolean', 'there is no review-only mode: the agent would commit and gt done would merge; sling a bead that asks for a review instead'),
	},
	status: {
		fast: noted('boolean', 'gt status is always quick'),
		watch: noted('boolean', 'gt ui is the live view', {shortFlag: 'w'}),
		interval: noted('string', 'gt ui is the live view', {shortFlag: 'n'}),
		verbose: noted('boolean', 'gt status shows everything it knows', {shortFlag: 'v'}),
	},
	unsling: {dryRun: refused('boolean', why.dryRun, {shortFlag: 'n'}), force: noted('boolean', 'gt unsling always takes the bead off', {shortFlag: 'f'})},
	up: {
		quiet: noted('boolean', why.quiet, {shortFlag: 'q'}),
		restore: noted('boolean', 'gt up always brings back every agent with hooked work'),
		json: noted('boolean', 'gt up prints what it started; gt agents --json lists them'),
	},
};

/** A spec with the original's extra flags added (its own flags win). */
export function withOriginalFlags(spec: CommandSpec): CommandSpec {
	const extra = originalFlags[spec.path.join(' ')];
	return extra ? {...spec, flags: {...extra, ...spec.flags}} : spec;
}
