// `bd` lines from the Beads CLI reference (website/docs/cli-reference/<page>.md), the Beads
// guides and Gas Town's role texts (internal/templates/roles/<role>.md.tmpl), as agents type
// them. Each checks what the original does with it. See corpus.ts for how they run.
import {expect} from 'vitest';
import type {CorpusLine} from './corpus.js';

const ref = (page: string) => `beads cli-reference/${page}.md`;
const role = (name: string) => `gastown roles/${name}.md.tmpl`;
const guide = 'beads website/docs guides';

export const bdLines: CorpusLine[] = [
	// --- create ---------------------------------------------------------------------------------
	{line: 'bd create "Fix login bug" -t bug -p 1', from: guide, save: 'login', check: async c => {
		expect(await c.bead(c.ids.login!)).toMatchObject({title: 'Fix login bug', issue_type: 'bug', priority: 1, status: 'open'});
	}},
	{line: 'bd create --title="Found bug" --type=bug --priority=2', from: role('polecat'), as: 'polecat', save: 'found', check: async c => {
		expect(await c.bead(c.ids.found!)).toMatchObject({title: 'Found bug', issue_type: 'bug', priority: 2});
	}},
	{line: 'bd create --title="Need feature" --type=task', from: role('polecat'), as: 'polecat', save: 'need', check: async c => {
		expect(await c.bead(c.ids.need!)).toMatchObject({title: 'Need feature', issue_type: 'task'});
	}},
	{line: 'bd new -t task "Add gt mail hook alias" -l desire-path', from: role('crew'), as: 'crew', save: 'alias', check: async c => {
		const bead = await c.bead(c.ids.alias!);
		expect(bead).toMatchObject({title: 'Add gt mail hook alias', issue_type: 'task'});
		expect(bead.labels).toEqual(['desire-path']);
	}},
	{line: 'bd new --type=bug "description of the problem"', from: role('crew'), as: 'crew', save: 'problem', check: async c => {
		expect(await c.bead(c.ids.problem!)).toMatchObject({title: 'description of the problem', issue_type: 'bug'});
	}},
	{line: 'bd create "Auth System" -t epic -p 1', from: guide, save: 'epic', check: async c => {
		expect(await c.bead(c.ids.epic!)).toMatchObject({title: 'Auth System', issue_type: 'epic', priority: 1});
	}},
	{line: 'bd create "Design login UI" -p 1 --parent {epic}', from: guide, save: 'design', check: async c => {
		expect(c.ids.design).toBe(`${c.ids.epic}.1`);
		expect(await c.bead(c.ids.design!)).toMatchObject({title: 'Design login UI', priority: 1});
	}},
	{line: 'bd create "Backend validation" --parent {epic}', from: guide, save: 'backend', check: async c => {
		expect(c.ids.backend).toBe(`${c.ids.epic}.2`);
	}},
	{line: 'bd create "Found bug during work" --deps discovered-from:{login} --json', from: guide, save: 'discovered', check: async c => {
		const created = c.json<{id: string; title: string}>();
		expect(created).toMatchObject({id: c.ids.discovered, title: 'Found bug during work'});
		const bead = await c.bead(c.ids.discovered!);
		expect(JSON.stringify(bead.dependencies)).toContain(c.ids.login!);
		expect(JSON.stringify(bead.dependencies)).toContain('discovered-from');
	}},
	{line: 'bd create "Update dependencies" -t chore -l "maintenance,security"', from: guide, save: 'deps', check: async c => {
		const bead = await c.bead(c.ids.deps!);
		expect(bead.issue_type).toBe('chore');
		expect([...(bead.labels ?? [])].sort()).toEqual(['maintenance', 'security']);
	}},
	{line: 'bd create "Fix auth bug" -t bug -p 1 --json', from: guide, save: 'auth', check: c => {
		expect(c.json()).toMatchObject({id: c.ids.auth, title: 'Fix auth bug', issue_type: 'bug', priority: 1, status: 'open'});
	}},
	{line: 'bd create "Found bug in auth" --description="Details: the token expires early"', from: guide, save: 'details', check: async c => {
		expect(await c.bead(c.ids.details!)).toMatchObject({title: 'Found bug in auth', description: 'Details: the token expires early'});
	}},
	{line: 'bd create "Task" --silent', from: ref('create'), save: 'task', check: c => {
		expect(c.result.stdout.trim()).toBe(c.ids.task);
	}},
	{line: 'bd create "Add password reset" --design "Token by mail" --acceptance "A reset link works once" --notes "asked by support"', from: ref('create'), save: 'reset', check: async c => {
		expect(await c.bead(c.ids.reset!)).toMatchObject({design: 'Token by mail', acceptance_criteria: 'A reset link works once', notes: 'asked by support'});
	}},
	{line: 'bd create "Sync with the tracker" --external-ref gh-9', from: ref('create'), save: 'external', check: async c => {
		expect(await c.bead(c.ids.external!)).toMatchObject({external_ref: 'gh-9'});
	}},
	{line: 'bd create "Ship the release notes" --due 2027-01-15 -e 60', from: ref('create'), save: 'due', check: async c => {
		const bead = await c.bead(c.ids.due!);
		expect(bead.estimated_minutes).toBe(60);
		expect(String(bead.due_at)).toMatch(/^2027-01-15/);
	}},
	{line: 'echo "Read from stdin" | bd create "Piped description" --stdin', from: ref('create'), save: 'piped', check: async c => {
		expect((await c.bead(c.ids.piped!)).description?.trim()).toBe('Read from stdin');
	}},
	{line: 'printf "Body from a file\\n" > body.txt && bd create "From a file" --body-file body.txt', from: ref('create'), save: 'fromFile', check: async c => {
		expect((await c.bead(c.ids.fromFile!)).description?.trim()).toBe('Body from a file');
	}},
	{line: 'bd create "Only a preview" --dry-run', from: ref('create'), check: async c => {
		expect((await c.beads()).some(bead => bead.title === 'Only a preview')).toBe(false);
	}},
	{line: 'bd create "Partitioned" --id ca-part1', from: ref('create'), check: async c => {
		expect(await c.bead('ca-part1')).toMatchObject({title: 'Partitioned'});
	}},
	{line: 'bd create "Scratch note" --ephemeral', from: ref('create'), save: 'scratch', check: async c => {
		expect((await c.bead(c.ids.scratch!)).ephemeral).toBe(true);
	}},
	{line: 'bd create "Later" --defer 2099-01-01', from: ref('create'), save: 'later', check: async c => {
		const ready = JSON.parse(await c.bd(['ready', '--json', '-n', '0'])) as Array<{id: string}>;
		expect(ready.map(bead => bead.id)).not.toContain(c.ids.later);
	}},
	{line: 'bd create "Two labels" --labels backend,security', from: ref('create'), save: 'twoLabels', check: async c => {
		expect([...((await c.bead(c.ids.twoLabels!)).labels ?? [])].sort()).toEqual(['backend', 'security']);
	}},
	{line: 'bd create "Set up database" -p 1 -t task', from: guide, save: 'database', check: async c => {
		expect(await c.bead(c.ids.database!)).toMatchObject({priority: 1, issue_type: 'task'});
	}},
	{line: 'bd create "Create API" -p 2 -t feature', from: guide, save: 'api', check: async c => {
		expect(await c.bead(c.ids.api!)).toMatchObject({priority: 2, issue_type: 'feature'});
	}},
	{line: 'bd create "Priority zero" -p P0', from: ref('create'), save: 'p0', check: async c => {
		expect((await c.bead(c.ids.p0!)).priority).toBe(0);
	}},
	{line: 'bd create "-leading dash title" --type task', from: ref('create'), exit: 2, check: async c => {
		expect(c.result.stderr.trim().split('\n')).toHaveLength(1);
		expect((await c.beads()).some(bead => bead.title.includes('leading dash'))).toBe(false);
	}},
	{line: 'bd create --title "-leading dash title" --type task', from: ref('create'), save: 'dash', check: async c => {
		expect((await c.bead(c.ids.dash!)).title).toBe('-leading dash title');
	}},

	// --- show -----------------------------------------------------------------------------------
	{line: 'bd show {login}', from: role('polecat'), check: c => {
		expect(c.result.stdout).toContain('Fix login bug');
		expect(c.result.stdout).toContain(c.ids.login);
	}},
	{line: 'bd show {login} --json', from: guide, check: c => {
		const shown = c.json<Array<{id: string}>>();
		expect(Array.isArray(shown)).toBe(true);
		expect(shown[0]).toMatchObject({id: c.ids.login, title: 'Fix login bug'});
	}},
	{line: 'bd show {epic} --json', from: ref('show'), check: c => {
		const [epic] = c.json<Array<{dependents: Array<{id: string; dependency_type: string}>}>>();
		expect(epic!.dependents).toEqual(expect.arrayContaining([expect.objectContaining({id: c.ids.design, dependency_type: 'parent-child'})]));
	}},
	{line: 'bd show {discovered} --json', from: ref('show'), check: c => {
		const [bead] = c.json<Array<{dependencies: Array<{id: string; title: string; dependency_type: string}>}>>();
		expect(bead!.dependencies).toEqual([expect.objectContaining({id: c.ids.login, title: 'Fix login bug', dependency_type: 'discovered-from'})]);
	}},
	{line: 'bd show {login} {auth}', from: ref('show'), check: c => {
		expect(c.result.stdout).toContain('Fix login bug');
		expect(c.result.stdout).toContain('Fix auth bug');
	}},
	{line: 'bd view {login}', from: ref('show'), check: c => {
		expect(c.result.stdout).toContain('Fix login bug');
	}},
	{line: 'bd show --id={login}', from: ref('show'), check: c => {
		expect(c.result.stdout).toContain('Fix login bug');
	}},
	{line: 'bd show ca-nosuch', from: ref('show'), exit: 3, check: c => {
		expect(c.result.stderr).toContain('ca-nosuch');
	}},

	// --- update ---------------------------------------------------------------------------------
	{line: 'bd update {login} --status=in_progress', from: role('crew'), as: 'crew', check: async c => {
		expect((await c.bead(c.ids.login!)).status).toBe('in_progress');
	}},
	{line: 'bd update {found} --claim', from: role('polecat'), as: 'polecat', check: async c => {
		expect(await c.bead(c.ids.found!)).toMatchObject({status: 'in_progress', assignee: 'calc/polecats/corpus'});
	}},
	{line: 'bd update {found} --notes "Findings: the cache is stale"', from: role('polecat'), as: 'polecat', check: async c => {
		expect((await c.bead(c.ids.found!)).notes).toBe('Findings: the cache is stale');
	}},
	{line: 'bd update {found} --design "Use a TTL on the cache"', from: role('polecat'), as: 'polecat', check: async c => {
		expect((await c.bead(c.ids.found!)).design).toBe('Use a TTL on the cache');
	}},
	{line: 'bd update {found} --add-label needs-review', from: role('polecat'), as: 'polecat', check: async c => {
		expect((await c.bead(c.ids.found!)).labels).toContain('needs-review');
	}},
	{line: 'bd update {found} --remove-label needs-review', from: ref('update'), check: async c => {
		expect((await c.bead(c.ids.found!)).labels ?? []).not.toContain('needs-review');
	}},
	{line: 'bd update {need} --priority 0', from: guide, check: async c => {
		expect((await c.bead(c.ids.need!)).priority).toBe(0);
	}},
	{line: 'bd update {need} --claim --priority 1 --add-label "in-review"', from: guide, as: 'crew', check: async c => {
		const bead = await c.bead(c.ids.need!);
		expect(bead).toMatchObject({status: 'in_progress', priority: 1, assignee: 'calc/crew/max'});
		expect(bead.labels).toContain('in-review');
	}},
	{line: 'bd update {need} --title "Need a better feature"', from: ref('update'), check: async c => {
		expect((await c.bead(c.ids.need!)).title).toBe('Need a better feature');
	}},
	{line: 'bd update {need} --description="a: b"', from: ref('update'), check: async c => {
		const bead = await c.bead(c.ids.need!);
		expect(bead.description).toBe('a: b');
		expect(bead.title).toBe('Need a better feature');
	}},
	{line: 'bd update {need} --append-notes "second thought"', from: ref('update'), check: async c => {
		expect((await c.bead(c.ids.need!)).notes).toContain('second thought');
	}},
	{line: 'bd update {need} --estimate 30 --due 2027-02-01 --external-ref jira-ABC', from: ref('update'), check: async c => {
		const bead = await c.bead(c.ids.need!);
		expect(bead).toMatchObject({estimated_minutes: 30, external_ref: 'jira-ABC'});
		expect(String(bead.due_at)).toMatch(/^2027-02-01/);
	}},
	{line: 'bd update {need} --acceptance "The feature ships behind a flag"', from: ref('update'), check: async c => {
		expect((await c.bead(c.ids.need!)).acceptance_criteria).toBe('The feature ships behind a flag');
	}},
	{line: 'bd update {task} --parent {epic}', from: ref('update'), check: async c => {
		const [epic] = JSON.parse(await c.bd(['show', c.ids.epic!, '--json'])) as Array<{dependents: Array<{id: string; dependency_type: string}>}>;
		expect(epic!.dependents).toEqual(expect.arrayContaining([expect.objectContaining({id: c.ids.task, dependency_type: 'parent-child'})]));
	}},
	{line: 'bd update {need} -a calc/crew/max -s open', from: ref('update'), check: async c => {
		expect(await c.bead(c.ids.need!)).toMatchObject({status: 'open', assignee: 'calc/crew/max'});
	}},
	{line: 'bd update {api} --set-labels api,v2', from: ref('update'), check: async c => {
		expect([...((await c.bead(c.ids.api!)).labels ?? [])].sort()).toEqual(['api', 'v2']);
	}},
	{line: 'bd update {api} --type bug', from: ref('update'), check: async c => {
		expect((await c.bead(c.ids.api!)).issue_type).toBe('bug');
	}},
	{line: 'echo "New description from stdin" | bd update {api} --stdin', from: ref('update'), check: async c => {
		expect((await c.bead(c.ids.api!)).description?.trim()).toBe('New description from stdin');
	}},
	{line: 'bd update {api} {database} --priority 3', from: ref('update'), check: async c => {
		expect((await c.bead(c.ids.api!)).priority).toBe(3);
		expect((await c.bead(c.ids.database!)).priority).toBe(3);
	}},
	{line: 'bd update {api} --status=bogus', from: ref('update'), exit: 2, check: async c => {
		expect(c.result.stderr.trim().split('\n')).toHaveLength(1);
		expect((await c.bead(c.ids.api!)).status).toBe('open');
	}},

	// --- comments -------------------------------------------------------------------------------
	{line: 'bd comments add {login} "Completed API, needs frontend integration"', from: ref('comments'), check: async c => {
		expect(JSON.stringify((await c.bead(c.ids.login!)).comments)).toContain('Completed API, needs frontend integration');
	}},
	{line: 'bd comment {login} Working on this now', from: ref('comment'), check: async c => {
		expect(JSON.stringify((await c.bead(c.ids.login!)).comments)).toContain('Working on this now');
	}},
	{line: 'bd comments {login}', from: ref('comments'), check: c => {
		expect(c.result.stdout).toContain('Completed API, needs frontend integration');
		expect(c.result.stdout).toContain('Working on this now');
	}},
	{line: 'bd comments {login} --json', from: ref('comments'), check: c => {
		const comments = c.json<Array<{text: string}>>();
		expect(comments.map(comment => comment.text)).toEqual(['Completed API, needs frontend integration', 'Working on this now']);
	}},
	{line: 'printf "Notes from a file\\n" > notes.txt && bd comments add {login} -f notes.txt', from: ref('comments'), check: async c => {
		expect(JSON.stringify((await c.bead(c.ids.login!)).comments)).toContain('Notes from a file');
	}},

	// --- labels ---------------------------------------------------------------------------------
	{line: 'bd label add {login} urgent', from: ref('label'), check: async c => {
		expect((await c.bead(c.ids.login!)).labels).toContain('urgent');
	}},
	{line: 'bd label add {login} {auth} backend', from: ref('label'), check: async c => {
		expect((await c.bead(c.ids.login!)).labels).toContain('backend');
		expect((await c.bead(c.ids.auth!)).labels).toContain('backend');
	}},
	{line: 'bd label list {login}', from: ref('label'), check: c => {
		expect(c.result.stdout).toContain('urgent');
		expect(c.result.stdout).toContain('backend');
	}},
	{line: 'bd label remove {login} urgent', from: ref('label'), check: async c => {
		expect((await c.bead(c.ids.login!)).labels).not.toContain('urgent');
	}},
	{line: 'bd label list-all', from: ref('label'), check: c => {
		for (const label of ['backend', 'security', 'desire-path']) expect(c.result.stdout).toContain(label);
	}},

	// --- dependencies ---------------------------------------------------------------------------
	{line: 'bd dep add {auth} {database}', from: ref('dep'), check: async c => {
		const blocked = JSON.parse(await c.bd(['blocked', '--json'])) as Array<{id: string}>;
		expect(blocked.map(bead => bead.id)).toContain(c.ids.auth);
	}},
	{line: 'bd blocked', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.stdout).toContain(c.ids.auth);
		expect(c.result.stdout).toContain('Fix auth bug');
	}},
	{line: 'bd blocked --json', from: guide, check: c => {
		const blocked = c.json<Array<{id: string; blocked_by: string[]; blocked_by_count: number}>>();
		expect(blocked.find(bead => bead.id === c.ids.auth)).toMatchObject({blocked_by: [c.ids.database], blocked_by_count: 1});
	}},
	{line: 'bd ready --json', from: guide, check: c => {
		const ready = c.json<Array<{id: string; dependency_count: number; dependent_count: number; comment_count: number}>>();
		expect(ready.map(bead => bead.id)).not.toContain(c.ids.auth);
		expect(ready.find(bead => bead.id === c.ids.database)).toMatchObject({dependency_count: 0, dependent_count: 1, comment_count: 0});
		expect(ready.find(bead => bead.id === c.ids.design)).toMatchObject({parent: c.ids.epic});
	}},
	{line: 'bd dep remove {auth} {database}', from: ref('dep'), check: async c => {
		const blocked = JSON.parse(await c.bd(['blocked', '--json'])) as Array<{id: string}>;
		expect(blocked.map(bead => bead.id)).not.toContain(c.ids.auth);
	}},
	{line: 'bd dep add {auth} --blocked-by {database}', from: ref('dep'), check: async c => {
		const blocked = JSON.parse(await c.bd(['blocked', '--json'])) as Array<{id: string; blocked_by: string[]}>;
		expect(blocked.find(bead => bead.id === c.ids.auth)?.blocked_by).toEqual([c.ids.database]);
	}},
	{line: 'bd dep rm {auth} {database}', from: ref('dep'), check: async c => {
		const blocked = JSON.parse(await c.bd(['blocked', '--json'])) as Array<{id: string}>;
		expect(blocked.map(bead => bead.id)).not.toContain(c.ids.auth);
	}},
	{line: 'bd dep {database} --blocks {auth}', from: ref('dep'), check: async c => {
		const blocked = JSON.parse(await c.bd(['blocked', '--json'])) as Array<{id: string; blocked_by: string[]}>;
		expect(blocked.find(bead => bead.id === c.ids.auth)?.blocked_by).toEqual([c.ids.database]);
	}},
	{line: 'bd dep add {api} {database} --json', from: ref('dep'), check: c => {
		expect(c.json()).toMatchObject({status: 'added', issue_id: c.ids.api, depends_on_id: c.ids.database, type: 'blocks'});
	}},
	{line: 'bd dep add {api} {login} -t related', from: ref('dep'), check: async c => {
		const [api] = JSON.parse(await c.bd(['show', c.ids.api!, '--json'])) as Array<{dependencies: Array<{id: string; dependency_type: string}>}>;
		expect(api!.dependencies).toEqual(expect.arrayContaining([expect.objectContaining({id: c.ids.login, dependency_type: 'related'})]));
		const blocked = JSON.parse(await c.bd(['blocked', '--json'])) as Array<{id: string; blocked_by: string[]}>;
		expect(blocked.find(bead => bead.id === c.ids.api)?.blocked_by).toEqual([c.ids.database]);
	}},
	{line: 'bd dep relate {details} {auth}', from: ref('dep'), check: async c => {
		const [details] = JSON.parse(await c.bd(['show', c.ids.details!, '--json'])) as Array<{dependencies: Array<{id: string; dependency_type: string}>}>;
		expect(details!.dependencies).toEqual(expect.arrayContaining([expect.objectContaining({id: c.ids.auth, dependency_type: 'relates-to'})]));
	}},
	{line: 'bd dep list {api}', from: ref('dep'), check: c => {
		expect(c.result.stdout).toContain(c.ids.database);
	}},
	{line: 'bd dep list {database} --direction=up', from: ref('dep'), check: c => {
		expect(c.result.stdout).toContain(c.ids.api);
		expect(c.result.stdout).toContain(c.ids.auth);
	}},
	{line: 'bd dep tree {epic}', from: guide, check: c => {
		// As the original walks it now: down is what the epic waits on; its children wait on it.
		expect(c.result.stdout).toContain('Auth System');
		expect(c.result.stdout).not.toContain('Design login UI');
	}},
	{line: 'bd dep tree {epic} --direction=up', from: ref('dep'), check: c => {
		expect(c.result.stdout).toContain('Design login UI');
		expect(c.result.stdout).toContain('Backend validation');
	}},
	{line: 'bd dep cycles', from: guide, check: c => {
		expect(c.result.stdout.toLowerCase()).toMatch(/no (dependency )?cycles/);
	}},
	{line: 'bd dep add {database} {auth}', from: ref('dep'), exit: 4, check: async c => {
		expect(c.result.stderr).toMatch(/cycle/);
		const [database] = JSON.parse(await c.bd(['show', c.ids.database!, '--json'])) as Array<{dependencies?: unknown[]}>;
		expect(database!.dependencies ?? []).toEqual([]);
	}},

	// --- list -----------------------------------------------------------------------------------
	{line: 'bd list --status=open', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.stdout).toContain(c.ids.database);
		expect(c.result.stdout).not.toContain('Fix login bug');
	}},
	{line: 'bd list --status=in_progress', from: role('mayor'), as: 'mayor', check: c => {
		expect(c.result.stdout).toContain('Fix login bug');
		expect(c.result.stdout).not.toContain('Set up database');
	}},
	{line: 'bd list --json', from: guide, check: c => {
		const listed = c.json<Array<{id: string; title: string; status: string; priority: number; issue_type: string}>>();
		expect(listed.find(bead => bead.id === c.ids.login)).toMatchObject({title: 'Fix login bug', status: 'in_progress', priority: 1, issue_type: 'bug'});
	}},
	{line: 'bd list --status open --priority 1 --type bug --json', from: guide, check: c => {
		const listed = c.json<Array<{status: string; priority: number; issue_type: string; id: string}>>();
		expect(listed.length).toBeGreaterThan(0);
		for (const bead of listed) expect(bead).toMatchObject({status: 'open', priority: 1, issue_type: 'bug'});
		expect(listed.map(bead => bead.id)).toContain(c.ids.auth);
	}},
	{line: 'bd list --type feature,task --json', from: guide, check: c => {
		const types = new Set(c.json<Array<{issue_type: string}>>().map(bead => bead.issue_type));
		expect([...types].every(type => type === 'feature' || type === 'task')).toBe(true);
		expect(types.has('task')).toBe(true);
	}},
	{line: 'bd list --label-any urgent,security --json', from: guide, check: c => {
		const ids = c.json<Array<{id: string}>>().map(bead => bead.id);
		expect(ids).toEqual(expect.arrayContaining([c.ids.deps, c.ids.twoLabels]));
		expect(ids).not.toContain(c.ids.login);
	}},
	{line: 'bd list --label-all backend,security --json', from: guide, check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id)).toEqual([c.ids.twoLabels]);
	}},
	{line: 'bd list --label backend --json', from: ref('list'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id).sort()).toEqual([c.ids.auth, c.ids.login, c.ids.twoLabels].sort());
	}},
	{line: 'bd list --all --json -n 0', from: guide, check: async c => {
		const all = c.json<Array<{id: string}>>();
		expect(all.length).toBeGreaterThanOrEqual(25);
	}},
	{line: 'bd list --priority 1 --json', from: guide, check: c => {
		const listed = c.json<Array<{priority: number}>>();
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.every(bead => bead.priority === 1)).toBe(true);
	}},
	{line: 'bd list --sort priority --json', from: ref('list'), check: c => {
		const priorities = c.json<Array<{priority: number}>>().map(bead => bead.priority);
		expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
	}},
	{line: 'bd list --sort priority --reverse --json', from: ref('list'), check: c => {
		const priorities = c.json<Array<{priority: number}>>().map(bead => bead.priority);
		expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
	}},
	{line: 'bd list --title-contains login --json', from: ref('list'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id)).toEqual(expect.arrayContaining([c.ids.login, c.ids.design]));
		expect(c.json<Array<{title: string}>>().every(bead => /login/i.test(bead.title))).toBe(true);
	}},
	{line: 'bd list --desc-contains token --json', from: ref('list'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id)).toEqual([c.ids.details]);
	}},
	{line: 'bd list --assignee calc/crew/max --json', from: ref('list'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id)).toContain(c.ids.need);
		expect(c.json<Array<{assignee: string}>>().every(bead => bead.assignee === 'calc/crew/max')).toBe(true);
	}},
	{line: 'bd list --parent {epic} --json', from: ref('list'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id).sort()).toEqual([c.ids.design, c.ids.backend, c.ids.task].sort());
	}},
	{line: 'bd list --id {login},{auth} --json', from: ref('list'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id).sort()).toEqual([c.ids.login, c.ids.auth].sort());
	}},
	{line: 'bd list --no-assignee --type epic --json', from: ref('list'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id)).toEqual([c.ids.epic]);
	}},
	{line: 'bd list --exclude-type bug,epic --json', from: ref('list'), check: c => {
		expect(c.json<Array<{issue_type: string}>>().some(bead => bead.issue_type === 'bug' || bead.issue_type === 'epic')).toBe(false);
	}},
	{line: 'bd list -n 2 --json', from: ref('list'), check: c => {
		expect(c.json<unknown[]>()).toHaveLength(2);
	}},
	{line: 'bd list --ready --json', from: ref('list'), check: c => {
		const ids = c.json<Array<{id: string}>>().map(bead => bead.id);
		expect(ids).toContain(c.ids.database);
		expect(ids).not.toContain(c.ids.auth);
	}},
	{line: 'bd list --tree', from: ref('list'), check: c => {
		const lines = c.result.stdout.split('\n');
		const epicLine = lines.findIndex(line => line.includes('Auth System'));
		expect(epicLine).toBeGreaterThanOrEqual(0);
		expect(lines.findIndex(line => line.includes('Design login UI'))).toBeGreaterThan(epicLine);
	}},
	{line: 'bd list --overdue --json', from: ref('list'), check: c => {
		expect(c.json<unknown[]>()).toEqual([]);
	}},

	// --- ready ----------------------------------------------------------------------------------
	{line: 'bd ready', from: role('polecat'), as: 'polecat', check: c => {
		expect(c.result.stdout).toContain('Set up database');
		expect(c.result.stdout).not.toContain('Fix auth bug');
	}},
	{line: 'bd ready -n 1 --json', from: ref('ready'), check: c => {
		expect(c.json<unknown[]>()).toHaveLength(1);
	}},
	{line: 'bd ready --priority 0 --json', from: ref('ready'), check: c => {
		const ready = c.json<Array<{priority: number; id: string}>>();
		expect(ready.map(bead => bead.id)).toContain(c.ids.p0);
		expect(ready.every(bead => bead.priority === 0)).toBe(true);
	}},
	{line: 'bd ready --parent {epic} --json', from: ref('ready'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id).sort()).toEqual([c.ids.design, c.ids.backend, c.ids.task].sort());
	}},
	{line: 'bd ready --label security --json', from: ref('ready'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id).sort()).toEqual([c.ids.deps, c.ids.twoLabels].sort());
	}},
	{line: 'bd ready --unassigned --type epic --json', from: ref('ready'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id)).toEqual([c.ids.epic]);
	}},
	{line: 'bd ready --include-ephemeral --json -n 0', from: ref('ready'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id)).toContain(c.ids.scratch);
	}},
	{line: 'bd ready --claim --priority 0 --json', from: ref('ready'), as: 'polecat', check: async c => {
		expect(await c.bead(c.ids.p0!)).toMatchObject({status: 'in_progress', assignee: 'calc/polecats/corpus'});
	}},

	// --- show / close with no id: the current work ------------------------------------------------
	{line: 'bd show --current', from: ref('show'), as: 'polecat', check: c => {
		// The current bead is the one most recently claimed: bd ready --claim just took p0.
		expect(c.result.stdout).toContain(c.ids.p0);
	}},
	{line: 'bd close {p0}', from: role('polecat'), as: 'polecat', check: async c => {
		expect((await c.bead(c.ids.p0!)).status).toBe('closed');
	}},
	{line: 'bd close {found} --reason="no-changes: already fixed upstream"', from: role('polecat'), as: 'polecat', check: async c => {
		expect(await c.bead(c.ids.found!)).toMatchObject({status: 'closed', close_reason: 'no-changes: already fixed upstream'});
	}},
	{line: 'bd close {alias} --reason "Fixed in commit abc123" --json', from: guide, as: 'crew', check: c => {
		const closed = c.json<unknown>();
		expect(JSON.stringify(closed)).toContain('"status":"closed"');
		expect(JSON.stringify(closed)).toContain(c.ids.alias!);
	}},
	{line: 'bd close {problem} {piped}', from: ref('close'), check: async c => {
		expect((await c.bead(c.ids.problem!)).status).toBe('closed');
		expect((await c.bead(c.ids.piped!)).status).toBe('closed');
	}},
	{line: 'bd done {fromFile} -r "Done"', from: ref('close'), check: async c => {
		expect(await c.bead(c.ids.fromFile!)).toMatchObject({status: 'closed', close_reason: 'Done'});
	}},
	{line: 'bd update {dash} --claim && bd close', from: ref('close'), as: 'crew', check: async c => {
		expect((await c.bead(c.ids.dash!)).status).toBe('closed');
	}},
	{line: 'bd reopen {alias} --reason "Not done after all"', from: ref('reopen'), check: async c => {
		expect((await c.bead(c.ids.alias!)).status).toBe('open');
	}},
	{line: 'bd close ca-nosuch --reason="no-changes: none"', from: role('polecat'), exit: 3, check: c => {
		expect(c.result.stderr).toContain('ca-nosuch');
		expect(c.result.stderr).not.toContain('--reason');
	}},

	// --- search, status ---------------------------------------------------------------------------
	{line: 'bd search "login"', from: ref('search'), check: c => {
		expect(c.result.stdout).toContain('Fix login bug');
	}},
	{line: 'bd search "auth" --status open --json', from: ref('search'), check: c => {
		const found = c.json<Array<{id: string; status: string}>>();
		expect(found.map(bead => bead.id)).toContain(c.ids.auth);
		expect(found.every(bead => bead.status === 'open')).toBe(true);
	}},
	{line: 'bd search "bug" --sort priority --json', from: ref('search'), check: c => {
		const priorities = c.json<Array<{priority: number}>>().map(bead => bead.priority);
		expect(priorities.length).toBeGreaterThan(1);
		expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
	}},
	{line: 'bd search --query "password" --json', from: ref('search'), check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id)).toEqual([c.ids.reset]);
	}},
	{line: 'bd status', from: ref('status'), check: c => {
		expect(c.result.stdout).toMatch(/open/i);
		expect(c.result.stdout).toMatch(/closed/i);
	}},
	{line: 'bd stats --json', from: ref('status'), check: async c => {
		const {summary} = c.json<{summary: {total_issues: number; open_issues: number; closed_issues: number; in_progress_issues: number; blocked_issues: number; ready_issues: number}}>();
		const beads = (await c.beads()).filter(bead => !bead.ephemeral);
		expect(summary.total_issues).toBe(beads.length);
		expect(summary.closed_issues).toBe(beads.filter(bead => bead.status === 'closed').length);
		expect(summary.in_progress_issues).toBe(beads.filter(bead => bead.status === 'in_progress').length);
		expect(summary.blocked_issues).toBeGreaterThanOrEqual(2);
	}},

	// --- delete -----------------------------------------------------------------------------------
	{line: 'bd delete {later}', from: ref('delete'), check: async c => {
		expect(c.result.stdout).toContain(c.ids.later);
		expect((await c.bead(c.ids.later!)).title).toBe('Later');
	}},
	{line: 'bd delete {later} --dry-run', from: ref('delete'), check: async c => {
		expect((await c.bead(c.ids.later!)).title).toBe('Later');
	}},
	{line: 'bd delete {later} --force', from: ref('delete'), check: async c => {
		expect((await c.beads()).some(bead => bead.id === c.ids.later)).toBe(false);
	}},

	// --- global flags -----------------------------------------------------------------------------
	{line: 'bd -C calc ready --json -n 0', from: ref('ready'), cwd: 'town', check: c => {
		expect(c.json<Array<{id: string}>>().map(bead => bead.id)).toContain(c.ids.database);
	}},
	{line: 'bd --directory calc show {login} --json', from: ref('show'), cwd: 'town', check: c => {
		expect(c.json<Array<{id: string}>>()[0]!.id).toBe(c.ids.login);
	}},
	{line: 'bd create "Quiet one" -q', from: ref('create'), check: async c => {
		expect(c.result.stdout).toBe('');
		expect((await c.beads()).some(bead => bead.title === 'Quiet one')).toBe(true);
	}},
	{line: 'bd --actor calc/crew/max update {database} --claim', from: ref('update'), check: async c => {
		expect(await c.bead(c.ids.database!)).toMatchObject({status: 'in_progress', assignee: 'calc/crew/max'});
	}},

	// --- export / import, formulas ----------------------------------------------------------------
	{line: 'bd export -o backup.jsonl && wc -l < backup.jsonl', from: ref('export'), check: async c => {
		const durable = (await c.beads()).filter(bead => !bead.ephemeral);
		expect(Number(c.result.stdout.trim())).toBe(durable.length);
	}},
	{line: 'bd import -i backup.jsonl --json', from: ref('import'), check: c => {
		const counts = c.json<{created: number; updated: number; unchanged: number; skipped: number}>();
		expect(counts.created).toBe(0);
		expect(counts.created + counts.updated + counts.unchanged + counts.skipped).toBeGreaterThanOrEqual(25);
	}},
	{line: 'bd formula list', from: role('crew'), as: 'crew', check: c => {
		expect(c.result.stdout).toContain('polecat-work');
	}},
	{line: 'bd formula show polecat-work', from: role('crew'), as: 'crew', check: c => {
		expect(c.result.stdout).toMatch(/steps?/i);
	}},
	{line: 'bd cook red-green-refactor', from: ref('cook'), check: c => {
		const cooked = c.json<{formula: string; steps: unknown[]}>();
		expect(cooked.formula).toBe('red-green-refactor');
		expect(cooked.steps.length).toBeGreaterThan(1);
	}},
	{line: 'bd mol pour red-green-refactor --var behaviour="a subtract function"', from: ref('mol'), save: 'molecule', check: async c => {
		const molecule = await c.bead(c.ids.molecule!);
		expect(molecule.status).toBe('open');
		const children = JSON.parse(await c.bd(['list', '--parent', c.ids.molecule!, '--json', '-n', '0'])) as unknown[];
		expect(children.length).toBeGreaterThan(1);
	}},
	{line: 'bd mol show {molecule}', from: ref('mol'), check: c => {
		expect(c.result.stdout).toContain(c.ids.molecule);
	}},
	{line: 'bd mol burn {molecule} --force', from: ref('mol'), check: async c => {
		expect((await c.beads()).some(bead => bead.id === c.ids.molecule)).toBe(false);
	}},
	// --- the smaller commands (q, assign, defer, priority, note, children, count, …) --------------
	{line: 'bd q "Fix login bug"', from: ref('q'), save: 'quick', check: async c => {
		expect(c.result.stdout.trim()).toBe(c.ids.quick);
		expect(await c.bead(c.ids.quick!)).toMatchObject({title: 'Fix login bug', status: 'open'});
	}},
	{line: 'bd q "Second quick one"', from: ref('q'), save: 'quick2', check: c => {
		expect(c.result.stdout.trim()).toBe(c.ids.quick2);
	}},
	{line: 'bd assign {quick} alice', from: ref('assign'), check: async c => {
		expect((await c.bead(c.ids.quick!)).assignee).toBe('alice');
	}},
	{line: 'bd assign {quick} ""', from: ref('assign'), check: async c => {
		expect((await c.bead(c.ids.quick!)).assignee ?? '').toBe('');
	}},
	{line: 'bd priority {quick} 0', from: ref('priority'), check: async c => {
		expect((await c.bead(c.ids.quick!)).priority).toBe(0);
	}},
	{line: 'bd note {quick} "Fixed the flaky test"', from: ref('note'), check: async c => {
		expect((await c.bead(c.ids.quick!)).notes).toContain('Fixed the flaky test');
	}},
	{line: 'bd tag {quick} needs-review', from: ref('tag'), check: async c => {
		expect((await c.bead(c.ids.quick!)).labels).toContain('needs-review');
	}},
	{line: 'bd defer {quick2}', from: ref('defer'), check: async c => {
		expect((await c.bead(c.ids.quick2!)).status).toBe('deferred');
	}},
	{line: 'bd undefer {quick2}', from: ref('undefer'), check: async c => {
		expect((await c.bead(c.ids.quick2!)).status).toBe('open');
	}},
	{line: 'bd link {quick} {quick2} --type related', from: ref('link'), check: async c => {
		// bd show --json lists dependencies as the original does: the beads, each with its dependency_type.
		expect((await c.bead(c.ids.quick!)).dependencies).toEqual(expect.arrayContaining([expect.objectContaining({id: c.ids.quick2, dependency_type: 'related'})]));
	}},
	{line: 'bd children {epic} --json', from: ref('children'), check: c => {
		const children = c.json<Array<{id: string}>>().map(child => child.id);
		expect(children).toEqual(expect.arrayContaining([c.ids.design, c.ids.backend]));
	}},
	{line: 'bd count --by-status --json', from: ref('count'), check: c => {
		const counted = c.json<{total: number; groups: Array<{group: string; count: number}>}>();
		expect(counted.total).toBe(counted.groups.reduce((sum, group) => sum + group.count, 0));
		expect(counted.groups.map(group => group.group)).toContain('open');
	}},
	{line: 'bd count --status open', from: ref('count'), check: c => {
		expect(Number(c.result.stdout.trim())).toBeGreaterThan(0);
	}},
	{line: 'bd where --json', from: ref('where'), check: c => {
		expect(c.json<{path: string; prefix: string}>()).toMatchObject({prefix: 'ca', path: expect.stringMatching(/\.beads$/)});
	}},
	{line: 'bd types --json', from: ref('types'), check: c => {
		expect(c.json<{core_types: Array<{name: string}>}>().core_types.map(type => type.name)).toEqual(expect.arrayContaining(['bug', 'feature', 'task', 'epic', 'chore']));
	}},
	{line: 'bd statuses --json', from: ref('statuses'), check: c => {
		expect(c.json<{built_in_statuses: Array<{name: string}>}>().built_in_statuses.map(status => status.name)).toEqual(expect.arrayContaining(['open', 'in_progress', 'blocked', 'deferred', 'closed']));
	}},
	{line: 'bd duplicate {quick2} --of {quick}', from: ref('duplicate'), check: async c => {
		const bead = await c.bead(c.ids.quick2!);
		expect(bead.status).toBe('closed');
		expect(bead.dependencies).toEqual(expect.arrayContaining([expect.objectContaining({id: c.ids.quick, dependency_type: 'duplicates'})]));
	}},
	{line: 'bd ping --json', from: ref('ping'), check: c => {
		expect(c.json<{status: string}>().status).toBe('ok');
	}},
	{line: 'bd info --json', from: ref('info'), check: c => {
		expect(c.json<{issue_count: number; config: {issue_prefix: string}}>()).toMatchObject({config: {issue_prefix: 'ca'}});
	}},
];
