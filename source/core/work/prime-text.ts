// The text of `gt prime`, one per role: what an agent needs to work alone — who and
// where it is, its hook, the steps of a molecule and how to close each, how to finish,
// how to ask for help and hand off. Every command line here is meant to be run as
// printed (<…> is the agent's to fill in); test/cli/gt/prime-commands.test.ts runs them.
// Command lines are indented two spaces, with their note after two or more spaces.
import type {PrimeContext, PrimeStep} from './prime.js';

const mark: Record<PrimeStep['state'], string> = {done: '✓', current: '▶', ready: '○', blocked: '·', pending: '○'};

/** A command with its note, the note aligned in one column. */
const command = (text: string, note = '') => (note ? `  ${text.padEnd(54)}  ${note}` : `  ${text}`);

const indent = (text: string, by: string) => text.split('\n').map(line => `${by}${line}`.trimEnd());

function hookSection(context: PrimeContext): string[] {
	const bead = context.bead;
	if (!bead) {
		if (context.role === 'mayor') return ['## Your hook', '', 'Nothing is on your hook: take the human\'s requests as they come.'];
		if (context.role === 'crew') return ['## Your hook', '', 'Nothing is on your hook: you work on what the human asks for here.', 'Check your mail; the human or the Mayor may have sent work.'];
		return ['## Your hook', '', 'Nothing is on your hook. Check your mail, then wait: work is slung to you.', command('gt mail inbox')];
	}
	const lines = ['## Your hook', '', `${bead.id}: ${bead.title}  [P${bead.priority} ${bead.issue_type}]`];
	if (bead.description?.trim()) lines.push('', ...bead.description.trim().split('\n'));
	if (bead.notes?.trim()) lines.push('', 'Notes:', ...indent(bead.notes.trim(), '  '));
	return lines;
}

function stepsSection(context: PrimeContext): string[] {
	if (context.steps.length === 0) return [];
	const done = context.steps.filter(step => step.state === 'done').length;
	const lines = ['', `## Steps (${done} of ${context.steps.length} done; ✓ done, ▶ now, ○ open, · waits on another step)`, ''];
	const root = context.bead?.id ?? '';
	for (const step of context.steps) {
		const depth = step.id.startsWith(`${root}.`) ? step.id.slice(root.length + 1).split('.').length - 1 : 0;
		const pad = '  '.repeat(depth + 1);
		lines.push(`${pad}${mark[step.state]} ${step.id}  ${step.title}${step.id === context.currentStep?.id ? '   ← now' : ''}`);
		if (step.description && step.state !== 'done') lines.push(...indent(step.description, `${pad}    `));
	}
	const current = context.currentStep;
	lines.push('');
	if (current) {
		lines.push(`Work on ${current.id} now. When it is done, close it; the answer names the next step:`);
		lines.push(command(`gt mol step done ${current.id}`, 'closes it and names the next step'), command(`bd close ${current.id}`, 'the same, as Beads says it'));
	} else if (done === context.steps.length) lines.push('Every step is closed: finish with `gt done`.');
	else lines.push('No step is ready: the rest wait on something else (`bd mol current` shows what).');
	return lines;
}

function finishSection(context: PrimeContext, id: string): string[] {
	const crew = context.role === 'crew';
	return [
		'',
		'## Working and finishing',
		'',
		command(`bd show ${id}`, 'the bead, its dependencies and comments'),
		command(`bd update ${id} --notes "<findings>"`, 'notes that survive a new session'),
		command(`bd create "<title>" -t bug --deps discovered-from:${id}`, 'work you found: file it, do not do it'),
		command('git add -A && git commit -m "<what changed>"', 'commit as you go, in this worktree'),
		command('gt done', crew ? 'hand your branch to the merge queue' : 'the last thing you run'),
		'',
		crew
			? '`gt done` queues your branch for the refinery, which merges it; nothing of yours is merged until you run it.'
			: '`gt done` commits anything left, queues the merge and frees you. It needs no approval and nobody will give one: run it the moment the work is committed, then stop.',
		'Nothing to commit (already done, cannot reproduce, not applicable)? Say why, then finish:',
		command(`bd close ${id} --reason "no-changes: <why>"`),
		command('gt done'),
	];
}

function helpSection(context: PrimeContext): string[] {
	return [
		'',
		'## Stuck, or need a person',
		'',
		command('gt escalate "<what>" -s HIGH -m "<details>"', 'reaches the human and the Mayor'),
		command('gt mail send mayor/ -s "HELP: <what>" -m "<details>"', 'ask the Mayor'),
		...(context.bead ? [command('gt done --status escalated -m "<why>"', 'hand the bead back unfinished')] : []),
		...handoffSection(context),
	];
}

function handoffSection(context: PrimeContext): string[] {
	// gt handoff restarts the session on its hook; with nothing hooked, mail to yourself is the note.
	const how = context.bead
		? command('gt handoff -s "<where you are>" -m "<what is next>"', 'a fresh session on the same hook reads it')
		: command(`gt mail send ${context.address} -s "HANDOFF: <where you are>" -m "<what is next>"`, 'your next session sees it');
	return ['', '## Context running out', '', how];
}

function mailSection(context: PrimeContext): string[] {
	const {unread, latest} = context.mail;
	const lines = ['', `## Mail (${unread} unread)`, ''];
	for (const message of latest) lines.push(`  ${message.id}  ${message.from}  ${message.subject}`);
	if (latest.length > 0) lines.push('');
	lines.push(command('gt mail inbox', 'your messages'), command('gt mail read <id>', 'one message (marks it read)'), command('gt mail reply <id> -m "<answer>"'));
	return lines;
}

function workerText(context: PrimeContext, townRoot: string): string[] {
	const crew = context.role === 'crew';
	const lines = [
		`# Gas Town: ${context.role} ${context.address}`,
		'',
		crew
			? `You are crew ${context.address} in Gas Town "${context.town}" (${townRoot}): a long-lived workspace in rig ${context.rig}. You work for the human: do what they ask, and ask them when in doubt.`
			: `You are polecat ${context.address} in Gas Town "${context.town}" (${townRoot}): a worker with one bead and one branch, in rig ${context.rig}.`,
		`Your worktree: ${context.worktree}${context.branch ? `, branch ${context.branch}` : ''}. Work only here.`,
		'',
		...hookSection(context),
		...stepsSection(context),
	];
	if (context.bead) lines.push(...finishSection(context, context.bead.id));
	else if (crew) lines.push('', '## Working', '', command('bd ready', 'ready work in this rig'), command('bd create "<title>" -t task', 'record work for later'), command('gt hook <bead>', 'take a bead onto your hook; gt prime then says how to finish it'));
	lines.push(...helpSection(context), ...mailSection(context));
	return lines;
}

function mayorText(context: PrimeContext, townRoot: string): string[] {
	const rigs = context.rigs ?? [];
	const rigLines = rigs.length === 0 ? ['No rigs yet:', command('gt rig add <name> <url-or-path>')] : rigs.map(rig => `- ${rig.name} (prefix ${rig.prefix}, branch ${rig.branch}): ${rig.path} — ${rig.ready} ready`);
	return [
		'# Gas Town: the Mayor',
		'',
		`You are the Mayor of Gas Town "${context.town}" (${townRoot}), the coordinator. The human asks; you turn each`,
		'request into beads in the right rig (one per independent task, dependencies where order matters), sling',
		'them to polecats, watch them land, and report back. You do not write code: polecats do, the refinery merges.',
		'',
		...hookSection(context),
		'',
		'## The town',
		'',
		...rigLines,
		'',
		'## Planning (run bd inside a rig directory: cd <town>/<rig>)',
		'',
		command('bd ready', 'ready work in this rig'),
		command('bd create "<title>" -d "<details>" -p 2', 'a bead in this rig'),
		command('bd dep add <bead> <depends-on>', '<bead> needs <depends-on> first'),
		command('bd show <bead>'),
		'',
		'## Dispatch and convoys',
		'',
		command('gt sling <bead> <rig>', 'a polecat takes it (several beads: one each, one convoy)'),
		command('gt convoy create "<name>" <bead>', 'track beads together, in any rig'),
		command('gt convoy list', 'open convoys with progress'),
		command('gt convoy show <convoy>', 'one convoy: its beads, status, assignee'),
		'',
		'## Watching the agents',
		'',
		command('gt agents', 'every agent, its state and hook'),
		command('gt status', 'the town at a glance'),
		command('gt peek <agent> 50', 'the last lines of its terminal'),
		command('gt nudge <agent> -m "<text>"', 'type into it (queued while it works)'),
		command('gt mq list', 'the merge queue (gt mq retry|reject a failed one)'),
		command('gt mq status <mr>', 'one merge request: its gates, why it failed'),
		'',
		'## Escalations',
		'',
		command('gt escalate list', 'what is waiting on a person'),
		command('gt escalate ack <id> -r "<answer>"', 'answer it; the sender hears'),
		command('gt escalate "<what>" -s HIGH -m "<details>"', 'you need the human'),
		command('gt mail send <agent> -s "<subject>" -m "<text>"', 'mail an agent (or overseer, the human)'),
		...handoffSection(context),
		...mailSection(context),
	];
}

export function renderPrime(context: PrimeContext, townRoot: string, options: {short?: boolean} = {}): string {
	if (options.short) {
		const who = `You are ${context.role === 'mayor' ? 'the Mayor' : `${context.role} ${context.address}`} in Gas Town "${context.town}" (${townRoot}).`;
		const step = context.currentStep ? ` Current step: ${context.currentStep.id} "${context.currentStep.title}" (gt mol step done ${context.currentStep.id} when it is done).` : '';
		const work = context.bead ? `Your hook: ${context.bead.id} "${context.bead.title}" — do it, then \`gt done\`.${step}` : 'Nothing is on your hook.';
		return [who, work, 'Run `gt prime` for your full context.'].join('\n');
	}
	return (context.role === 'mayor' ? mayorText(context, townRoot) : workerText(context, townRoot)).join('\n');
}
