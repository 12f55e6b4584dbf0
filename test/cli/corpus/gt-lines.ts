// `gt` lines from Gas Town's role texts (internal/templates/roles/<role>.md.tmpl), its docs
// (docs/…) and its command help (internal/cmd/<name>.go), as agents and people type them.
// The town runs a daemon with slow sim agents, so a polecat stays on its work while the
// lines look at it; `gt done` is typed by the corpus for it. See corpus.ts.
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import type {MailMessage} from '../../../source/core/mail/mail.js';
import {eventually} from '../../helpers/wait.js';
import type {Context, CorpusLine} from './corpus.js';

const role = (name: string) => `gastown roles/${name}.md.tmpl`;
const doc = (name: string) => `gastown docs/${name}`;
const help = (name: string) => `gastown internal/cmd/${name}.go`;

type Convoy = {id: string; title: string; status: string; tracked: Array<{id: string}>; close_reason?: string};
// `state` is the original's shape: the state and who reported it (the session, a patrol, gt).
type Agent = {address: string; state: {state: string; source: string}; bead?: string | {id: string}; hook?: string | {id: string}};

const inbox = async (c: Context, address: string) => JSON.parse(await c.gt(['mail', 'inbox', address, '--all', '--json'])) as MailMessage[];
const convoy = async (c: Context, id: string) => JSON.parse(await c.gt(['convoy', 'show', id, '--json'])) as Convoy;
const agents = async (c: Context) => JSON.parse(await c.gt(['agents', '--all', '--json'])) as Agent[];
/** An agent's state as `gt agents --json` reports it ('' when it is not listed). */
const stateOf = async (c: Context, address: string) => (await agents(c)).find(agent => agent.address === address)?.state.state ?? '';
const polecatName = (c: Context) => c.agents.polecat.split('/').at(-1)!;

export const gtLines: CorpusLine[] = [
	// --- rigs and runtimes ------------------------------------------------------------------------
	{line: 'gt rig list', from: role('mayor'), check: c => {
		expect(c.result.stdout).toContain('calc');
	}},
	{line: 'gt rig list --json', from: help('rig'), check: c => {
		expect(c.json<Array<{name: string; prefix: string}>>()).toEqual([expect.objectContaining({name: 'calc', prefix: 'ca'})]);
	}},
	{line: 'git init -q -b main ../tools && git -C ../tools commit -q --allow-empty -m init && gt rig add tools ../tools', from: doc('INSTALLING.md'), check: async c => {
		expect((JSON.parse(await c.gt(['rig', 'list', '--json'])) as Array<{name: string}>).map(rig => rig.name).sort()).toEqual(['calc', 'tools']);
	}},
	{line: 'gt config agent set claude-haiku "claude --model haiku --dangerously-skip-permissions"', from: doc('agent-provider-integration.md'), check: async c => {
		expect(await c.gt(['config', 'agent', 'get', 'claude-haiku'])).toContain('--model haiku');
	}},
	{line: 'gt config agent list', from: help('config'), check: c => {
		expect(c.result.stdout).toContain('claude-haiku');
		expect(c.result.stdout).toContain('sim');
	}},
	{line: 'gt config agent get claude-haiku', from: help('config'), check: c => {
		expect(c.result.stdout).toContain('haiku');
	}},
	{line: 'gt config agent remove claude-haiku', from: help('config'), check: async c => {
		expect(await c.gt(['config', 'agent', 'list'])).not.toContain('claude-haiku');
	}},
	{line: 'gt config default-agent', from: help('config'), check: c => {
		expect(c.result.stdout).toContain('sim');
	}},

	// --- convoys --------------------------------------------------------------------------------
	{line: 'gt convoy create "Auth overhaul" {a} {b}', from: doc('concepts/convoy.md'), save: 'convoy', check: async c => {
		expect((await convoy(c, c.ids.convoy!)).tracked.map(bead => bead.id).sort()).toEqual([c.ids.a, c.ids.b].sort());
	}},
	{line: 'gt convoy create "Fix bugs" {d}', from: doc('concepts/convoy.md'), save: 'bugs', check: async c => {
		expect((await convoy(c, c.ids.bugs!)).tracked.map(bead => bead.id)).toEqual([c.ids.d]);
	}},
	{line: 'gt convoy add {convoy} {c}', from: doc('concepts/convoy.md'), check: async c => {
		expect((await convoy(c, c.ids.convoy!)).tracked.map(bead => bead.id)).toContain(c.ids.c);
		expect((await convoy(c, c.ids.bugs!)).tracked.map(bead => bead.id)).toEqual([c.ids.d]);
	}},
	{line: 'gt convoy list', from: doc('concepts/convoy.md'), check: c => {
		expect(c.result.stdout).toContain('Auth overhaul');
		expect(c.result.stdout).toContain('Fix bugs');
	}},
	{line: 'gt convoy list --json', from: help('convoy'), check: c => {
		expect(c.json<Convoy[]>().map(each => each.id).sort()).toEqual([c.ids.convoy, c.ids.bugs].sort());
	}},
	{line: 'gt convoy status {convoy}', from: doc('concepts/convoy.md'), check: c => {
		expect(c.result.stdout).toContain('Auth overhaul');
		expect(c.result.stdout).toMatch(/0\/3/);
	}},
	{line: 'gt convoy status', from: doc('concepts/convoy.md'), check: c => {
		expect(c.result.stdout).toContain('Auth overhaul');
	}},
	{line: 'gt convoy close {bugs} --reason="work done differently" --force', from: help('convoy'), check: async c => {
		expect((await convoy(c, c.ids.bugs!)).status).toBe('closed');
	}},
	{line: 'gt convoy list --status=closed --json', from: doc('concepts/convoy.md'), check: c => {
		expect(c.json<Convoy[]>().map(each => each.id)).toEqual([c.ids.bugs]);
	}},
	{line: 'gt convoy list --all --json', from: doc('concepts/convoy.md'), check: c => {
		expect(c.json<Convoy[]>().map(each => each.id).sort()).toEqual([c.ids.convoy, c.ids.bugs].sort());
	}},
	{line: 'gt conv li', from: help('convoy'), check: c => {
		// cobra's unique-prefix matching: conv → convoy, li → list.
		expect(c.result.stdout).toContain('Auth overhaul');
	}},
	{line: 'gt convoy list --tree', from: help('convoy'), check: c => {
		const lines = c.result.stdout.split('\n');
		const head = lines.findIndex(line => line.includes('Auth overhaul'));
		expect(head).toBeGreaterThanOrEqual(0);
		expect(lines.slice(head + 1).join('\n')).toContain(c.ids.a);
	}},
	{line: 'gt convoy create "Owned by the human" {c} --owner overseer', from: help('convoy'), save: 'owned', check: async c => {
		expect((await convoy(c, c.ids.owned!)) as Convoy & {owner?: string}).toMatchObject({owner: 'overseer'});
	}},
	{line: 'gt convoy create "Sprint work" {e} --notify overseer', from: doc('concepts/convoy.md'), save: 'sprint', check: async c => {
		expect((await convoy(c, c.ids.sprint!)).tracked.map(bead => bead.id)).toEqual([c.ids.e]);
	}},

	// --- crew (before the mail lines, which mail calc/crew/max) ---------------------------------------
	{line: 'gt crew add max --rig calc', from: help('crew'), check: async c => {
		expect(existsSync(path.join(c.town.rigDir, 'crew', 'max'))).toBe(true);
	}},
	{line: 'gt crew list', from: help('crew'), check: c => {
		expect(c.result.stdout).toContain('max');
	}},

	// --- escalation and mail (no daemon yet: the human hears) -------------------------------------
	{line: 'gt escalate "Brief description" -s HIGH -m "Details about what you tried"', from: role('polecat'), as: 'polecat', check: async c => {
		const mail = (await inbox(c, 'overseer')).find(message => message.subject.includes('Brief description'));
		expect(mail).toMatchObject({from: c.agents.polecat, priority: 1});
		expect(mail!.body).toContain('Details about what you tried');
		c.ids.escalation = mail!.id;
	}},
	{line: 'gt escalate -s CRITICAL "Disk almost full"', from: doc('design/escalation.md'), as: 'crew', check: async c => {
		const mail = (await inbox(c, 'overseer')).find(message => message.subject.includes('Disk almost full'));
		expect(mail!.subject).toContain('CRITICAL');
		expect(mail!.priority).toBe(0);
		c.ids.critical = mail!.id;
	}},
	{line: 'gt escalate list', from: doc('design/escalation.md'), check: c => {
		expect(c.result.stdout).toContain('Brief description');
		expect(c.result.stdout).toContain('Disk almost full');
	}},
	{line: 'gt escalate ack {escalation}', from: doc('design/escalation.md'), check: async c => {
		const listed = JSON.parse(await c.gt(['escalate', 'list', '--json'])) as MailMessage[];
		expect(listed.map(message => message.id)).not.toContain(c.ids.escalation);
	}},
	{line: 'gt escalate close {critical} --reason="Fixed in commit abc123"', from: doc('design/escalation.md'), check: async c => {
		expect(JSON.parse(await c.gt(['escalate', 'list', '--json']))).toEqual([]);
		expect((await inbox(c, c.agents.crew)).map(message => message.body).join('\n')).toContain('Fixed in commit abc123');
	}},
	{line: 'gt mail send mayor/ -s "Subject" -m "Message"', from: doc('design/mail-protocol.md'), as: 'crew', check: async c => {
		const mail = (await inbox(c, 'mayor/')).find(message => message.subject === 'Subject');
		expect(mail).toMatchObject({from: c.agents.crew, body: 'Message'});
		c.ids.mail = mail!.id;
	}},
	{line: 'gt mail inbox --identity mayor/ --json', from: help('mail'), check: c => {
		const messages = c.json<MailMessage[]>();
		expect(messages.length).toBeGreaterThan(0);
		expect(messages.every(message => message.to === 'mayor/')).toBe(true);
	}},
	{line: 'gt mail inbox -u', from: help('mail'), as: 'polecat', check: c => {
		expect(c.result.stdout).toMatch(/^Inbox of calc\/polecats\/\w+: \d+ messages?, \d+ unread/);
	}},
	{line: 'gt mail inbox', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.stdout).toContain('Subject');
	}},
	{line: 'gt mail read {mail}', from: role('mayor'), as: 'mayor', check: async c => {
		expect(c.result.stdout).toContain('Message');
		expect((await inbox(c, 'mayor/')).find(message => message.id === c.ids.mail)?.read).toBe(true);
	}},
	{line: 'gt mail send mayor/ -s "🤝 HANDOFF: auth refactor" -m "The token code is half moved"', from: role('crew'), as: 'crew', check: async c => {
		expect((await inbox(c, 'mayor/')).map(message => message.subject)).toContain('🤝 HANDOFF: auth refactor');
	}},
	{line: 'gt mail send --human -s "Need a decision" -m "Postgres or SQLite?"', from: doc('design/mail-protocol.md'), as: 'polecat', check: async c => {
		expect((await inbox(c, 'overseer')).find(message => message.subject === 'Need a decision')).toMatchObject({from: c.agents.polecat, body: 'Postgres or SQLite?'});
	}},
	{line: 'gt mail send calc/crew/max -s "Check your mail" -m "See the design notes" --cc mayor/', from: help('mail_send'), as: 'polecat', check: async c => {
		expect((await inbox(c, c.agents.crew)).map(message => message.subject)).toContain('Check your mail');
		expect((await inbox(c, 'mayor/')).map(message => message.subject)).toContain('Check your mail');
	}},
	{line: 'gt mail send --self -s "Note to self" -m "Remember the cache"', from: help('mail_send'), as: 'crew', check: async c => {
		expect((await inbox(c, c.agents.crew)).map(message => message.subject)).toContain('Note to self');
	}},
	{line: 'gt mail send mayor/ -s "Build is red" -m "main fails" --urgent', from: help('mail_send'), as: 'crew', check: async c => {
		expect((await inbox(c, 'mayor/')).find(message => message.subject === 'Build is red')?.priority).toBe(0);
	}},
	{line: 'gt mail send nowhere/nobody -s "Lost" -m "x"', from: help('mail_send'), exit: 3, check: async c => {
		expect(c.result.stderr.trim().split('\n')).toHaveLength(1);
		expect((await inbox(c, 'overseer')).map(message => message.subject)).not.toContain('Lost');
	}},

	// --- the daemon and a polecat at work -----------------------------------------------------------
	{line: 'gt up', from: doc('INSTALLING.md'), check: async c => {
		expect((await agents(c)).map(agent => agent.address)).toContain('mayor/');
	}},
	{line: 'gt status', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.stdout).toContain('calc');
		expect(c.result.stdout.toLowerCase()).toContain('daemon');
	}},
	// The witness is a patrol inside the daemon here: HELP mail to it is passed on while it runs.
	{line: 'gt mail send calc/witness -s "HELP: gh pr create failed" -m "Branch: polecat/corpus"', from: role('polecat'), as: 'polecat', check: async c => {
		await eventually(async () => {
			const escalated = (await inbox(c, 'overseer')).find(message => message.subject.includes('gh pr create failed'));
			expect(escalated?.body).toContain('Branch: polecat/corpus');
		}, {what: 'the witness to turn the HELP mail into an escalation', timeout: 20_000, interval: 200});
	}},
	{line: 'gt sling {a} calc', from: role('mayor'), as: 'mayor', check: async c => {
		const bead = await c.bead(c.ids.a!);
		expect(bead.status).toBe('hooked');
		expect(bead.assignee).toMatch(/^calc\/polecats\/\w+$/);
		c.agents.polecat = bead.assignee!;
		await eventually(async () => expect(await stateOf(c, c.agents.polecat)).toMatch(/^(working|idle|starting)$/), {what: 'the polecat to start', timeout: 20_000});
	}},
	{line: 'gt agents', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.stdout).toContain(c.agents.polecat);
	}},
	{line: 'gt agents --json', from: help('agents'), check: c => {
		expect(c.json<Agent[]>().map(agent => agent.address)).toEqual(expect.arrayContaining(['mayor/', c.agents.polecat]));
	}},
	{line: 'gt polecat list calc', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.stdout).toContain(polecatName(c));
	}},
	{line: 'gt polecat list calc --json', from: help('polecat'), check: c => {
		expect(JSON.stringify(c.json())).toContain(polecatName(c));
	}},
	{line: 'gt hook', from: role('polecat'), as: 'polecat', cwd: 'worktree', check: c => {
		expect(c.result.stdout).toContain(c.ids.a);
	}},
	{line: 'gt hook show', from: help('hook'), as: 'polecat', cwd: 'worktree', check: c => {
		expect(c.result.stdout).toContain(c.ids.a);
	}},
	{line: 'gt session list', from: help('session'), as: 'mayor', check: c => {
		expect(c.result.stdout).toContain(polecatName(c));
	}},
	{line: 'gt session capture calc/{polecatName} 20', from: help('session'), as: 'mayor', check: c => {
		const lines = c.result.stdout.trimEnd().split('\n');
		expect(lines.length).toBeGreaterThan(0);
		expect(lines.length).toBeLessThanOrEqual(20);
	}},
	{line: 'gt hook --json', from: help('hook'), as: 'polecat', cwd: 'worktree', check: c => {
		expect(c.json()).toMatchObject({address: c.agents.polecat, bead: {id: c.ids.a}});
	}},
	{line: 'gt prime', from: role('polecat'), as: 'polecat', cwd: 'worktree', check: c => {
		expect(c.result.stdout).toContain(c.ids.a);
		expect(c.result.stdout).toContain('gt done');
		expect(c.result.stdout).toContain('gt escalate');
	}},
	{line: 'gt prime --hook', from: help('prime'), as: 'polecat', cwd: 'worktree', check: c => {
		expect(c.result.stdout).toContain(c.ids.a);
	}},
	{line: 'gt mol status', from: doc('concepts/molecules.md'), as: 'polecat', cwd: 'worktree', check: c => {
		expect(c.result.stdout).toContain(c.ids.a);
	}},
	{line: 'gt peek calc/{polecatName} 50', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.stdout.trim().length).toBeGreaterThan(0);
		expect(c.result.stdout.split('\n').length).toBeLessThanOrEqual(51);
	}},
	{line: 'gt nudge calc/polecats/{polecatName} "Work available on hook"', from: role('mayor'), as: 'mayor', check: async c => {
		// A working agent gets it at its next idle moment (the original types at once and the
		// agent's own input queue holds it); an idle one at once.
		expect(c.result.stdout).toMatch(/^(Typed into|Queued for) calc\/polecats\//);
		if (c.result.stdout.startsWith('Typed')) await eventually(async () => expect(await c.gt(['peek', c.agents.polecat, '200'])).toContain('Work available on hook'), {what: 'the nudge on the polecat\'s screen', timeout: 15_000});
	}},
	{line: 'gt nudge calc/polecats/{polecatName} -m "Check your hook"', from: help('nudge'), as: 'mayor', check: async c => {
		expect(c.result.stdout).toMatch(/^(Typed into|Queued for) calc\/polecats\//);
		if (c.result.stdout.startsWith('Typed')) await eventually(async () => expect(await c.gt(['peek', c.agents.polecat, '200'])).toContain('Check your hook'), {what: 'the nudge on the polecat\'s screen', timeout: 15_000});
	}},
	{line: 'gt nudge calc/polecats/{polecatName} --stdin', stdin: 'Read from stdin: no shell quoting\n', from: help('nudge'), as: 'mayor', check: async c => {
		expect(c.result.stdout).toMatch(/^(Typed into|Queued for) calc\/polecats\//);
		if (c.result.stdout.startsWith('Typed')) await eventually(async () => expect(await c.gt(['peek', c.agents.polecat, '200'])).toContain('Read from stdin: no shell quoting'), {what: 'the stdin nudge on the polecat\'s screen', timeout: 15_000});
	}},
	{line: 'gt unsling {a} --dry-run', from: help('unsling'), as: 'mayor', exit: 2, check: async c => {
		// A dry run this gt does not have is refused, never run for real.
		expect(c.result.code).toBe(2);
		expect(c.result.stderr).toContain('--dry-run is not supported here, so nothing was done');
		expect((await c.bead(c.ids.a!)).status).not.toBe('open');
	}},
	{line: 'gt session status calc/{polecatName}', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.stdout).toContain(polecatName(c));
		expect(c.result.stdout).toMatch(/working|idle|running/i);
	}},
	{line: 'gt nudge mayor "Status update needed"', from: role('crew'), as: 'crew', check: async c => {
		await eventually(async () => expect(await c.gt(['peek', 'mayor', '200'])).toContain('Status update needed'), {what: 'the nudge on the Mayor\'s screen', timeout: 15_000});
	}},
	{line: 'gt mayor status', from: help('mayor'), check: c => {
		expect(c.result.stdout.toLowerCase()).toMatch(/running|working|idle/);
	}},
	{line: 'gt handoff -s "Working on auth bug" -m "Next: the token refresh"', from: role('polecat'), as: 'polecat', cwd: 'worktree', check: async c => {
		const note = (await inbox(c, c.agents.polecat)).find(message => message.subject.includes('Working on auth bug'));
		expect(note?.body).toContain('Next: the token refresh');
		expect((await c.bead(c.ids.a!)).status).toBe('hooked');
	}},
	{line: 'echo "export const sub = (a, b) => a - b;" > src/sub.js && git add -A && git commit -q -m "Add sub" && gt done', from: role('polecat'), as: 'polecat', cwd: 'worktree', check: async c => {
		await eventually(async () => expect((await c.bead(c.ids.a!)).status).toBe('closed'), {what: 'the refinery to merge the polecat\'s work', timeout: 30_000, interval: 200});
		const merged = JSON.parse(await c.gt(['mq', 'list', 'calc', '--all', '--json'])) as Array<{id: string; source_issue?: string; status: string}>;
		c.ids.mr = merged.find(request => JSON.stringify(request).includes(c.ids.a!))!.id;
	}},
	{line: 'gt mq list calc', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.code).toBe(0);
	}},
	{line: 'gt mq status {mr}', from: help('mq'), check: c => {
		expect(c.result.stdout).toContain(c.ids.a);
		expect(c.result.stdout.toLowerCase()).toMatch(/merged|closed/);
	}},
	{line: 'gt convoy status {convoy}', from: doc('concepts/convoy.md'), check: c => {
		expect(c.result.stdout).toMatch(/1\/3/);
	}},
	{line: 'gt agents -a', from: help('agents'), check: c => {
		expect(c.result.stdout).toContain('mayor');
	}},
	{line: 'gt sling {b} calc', from: role('mayor'), as: 'mayor', check: async c => {
		const bead = await c.bead(c.ids.b!);
		expect(bead.status).toBe('hooked');
		c.agents.polecat = bead.assignee!;
	}},
	{line: 'gt session stop calc/{polecatName}', from: role('mayor'), as: 'mayor', check: async c => {
		await eventually(async () => expect(await stateOf(c, c.agents.polecat)).toMatch(/^(stopped|exited)$/), {what: 'the polecat to stop', timeout: 15_000});
		expect((await c.bead(c.ids.b!)).status).toBe('hooked');
	}},
	{line: 'gt polecat remove calc/{polecatName} --force', from: role('mayor'), as: 'mayor', check: async c => {
		expect(existsSync(path.join(c.town.rigDir, 'polecats', polecatName(c)))).toBe(false);
		expect((await c.bead(c.ids.b!)).status).toBe('open');
	}},
	{line: 'gt sling {c}', from: help('sling'), as: 'crew', cwd: 'worktree', check: async c => {
		expect(await c.bead(c.ids.c!)).toMatchObject({status: 'hooked', assignee: c.agents.crew});
	}},
	{line: 'gt done --status ESCALATED', from: role('crew'), as: 'crew', cwd: 'worktree', check: async c => {
		await eventually(async () => expect((await inbox(c, 'mayor/')).some(message => /escalat/i.test(message.subject))).toBe(true), {what: 'the Mayor to hear of the escalated done', timeout: 10_000});
		expect((await inbox(c, 'overseer')).some(message => /escalat/i.test(message.subject) && message.from === c.agents.crew)).toBe(true);
	}},
	{line: 'gt hook attach {f}', from: help('hook'), as: 'crew', cwd: 'worktree', check: async c => {
		expect(await c.bead(c.ids.f!)).toMatchObject({status: 'hooked', assignee: c.agents.crew});
		const hook = JSON.parse(await c.gt(['hook', '--json'], 'crew')) as {bead?: {id: string}};
		expect(hook.bead?.id).toBe(c.ids.f);
	}},
	{line: 'gt formula list', from: help('formula'), check: c => {
		expect(c.result.stdout).toContain('polecat-work');
	}},
	{line: 'gt formula show polecat-work', from: help('formula'), check: c => {
		expect(c.result.stdout).toContain('polecat-work');
	}},
	{line: 'gt sling polecat-work --on {e} calc', from: help('sling'), as: 'mayor', check: async c => {
		const bead = await c.bead(c.ids.e!);
		expect(bead.status).toBe('hooked');
		expect(bead.assignee).toMatch(/^calc\/polecats\//);
		const molecules = (await c.beads()).filter(each => each.issue_type === 'molecule' || each.issue_type === 'epic');
		expect(molecules.length).toBeGreaterThan(0);
	}},
	{line: 'gt down', from: doc('INSTALLING.md'), check: async c => {
		await eventually(async () => expect(await c.gt(['status'])).toMatch(/not running|stopped/i), {what: 'the daemon to stop', timeout: 15_000});
	}},
	{line: 'mkdir -p ../fresh && cd ../fresh && gt install --git && test -f mayor/town.json -o -f town.toml -o -d .beads', from: help('install'), cwd: 'town', check: c => {
		expect(c.result.code).toBe(0);
		expect(existsSync(path.join(c.town.work, 'fresh', '.git'))).toBe(true);
	}},
	{line: 'gt install ../second --git', from: doc('INSTALLING.md'), check: c => {
		expect(existsSync(path.join(c.town.work, 'second', '.git'))).toBe(true);
		expect(readFileSync(path.join(c.town.work, 'second', '.git', 'HEAD'), 'utf8')).toContain('ref:');
	}},
	// --- beads from anywhere in the town (gt show, cat, ready, close) and who am I --------------------
	{line: 'gt show {a} --json', from: help('bead'), check: c => {
		expect(c.json<Array<{id: string; title: string}>>()[0]).toMatchObject({id: c.ids.a});
	}},
	{line: 'gt cat {b}', from: help('cat'), check: async c => {
		expect(c.result.stdout).toContain((await c.bead(c.ids.b!)).title);
	}},
	{line: 'gt ready --json', from: help('ready'), check: c => {
		const ready = c.json<{sources: Array<{name: string; issues: unknown[]}>; summary: {total: number}}>();
		expect(ready.sources.map(source => source.name)).toEqual(['town', 'calc', 'tools']);
		expect(ready.summary.total).toBe(ready.sources.reduce((sum, source) => sum + source.issues.length, 0));
	}},
	{line: 'gt whoami', from: help('whoami'), as: 'polecat', check: c => {
		expect(c.result.stdout).toContain(c.agents.polecat);
	}},
	{line: 'gt version', from: doc('proxy-server.md'), check: c => {
		expect(c.result.stdout).toMatch(/^gt version \d+\.\d+\.\d+/);
	}},
	{line: 'gt close {d}', from: doc('CLEANUP.md'), as: 'mayor', check: async c => {
		expect((await c.bead(c.ids.d!)).status).toBe('closed');
	}},
	{line: 'gt completion bash > gt.bash && bash -n gt.bash', from: help('completion'), check: c => {
		expect(c.result.code).toBe(0);
	}},
];
