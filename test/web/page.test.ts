// The dashboard in a real browser: a town with sim agents, `gt dashboard` as the built
// binary, Debian's chromium driven by puppeteer-core. What the page shows is checked
// against the CLI's --json, actions made in the page are checked on the ledger and the
// agents, and the guard is checked with requests a browser would never be allowed to make.
import http from 'node:http';
import path from 'node:path';
import puppeteer, {type Browser, type Page} from 'puppeteer-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {binaries, runOk} from '../helpers/cli.js';
import {findChromium, startDashboard, type RunningDashboard} from '../helpers/dashboard.js';
import {makeTown, type TestTown} from '../helpers/town.js';
import {eventually, waitUntil} from '../helpers/wait.js';

const chromium = findChromium();
if (!chromium) console.warn('test/web/page.test.ts: skipped, no chromium (apt-get install chromium, or set CHROMIUM_PATH)');

type Ids = {convoy: string; readyBead: string; crewBead: string};

describe.skipIf(!chromium)('gt dashboard in a real browser', () => {
	let town: TestTown;
	let dashboard: RunningDashboard;
	let browser: Browser;
	let page: Page;
	let ids: Ids;
	const errors: string[] = [];
	const gt = (args: string[], cwd = town.town, extra: Record<string, string> = {}) => runOk('gt', args, {cwd, env: {...town.vars, ...extra}});
	const bd = (args: string[]) => runOk('bd', args, {cwd: town.rigDir, env: town.vars});
	const json = async <T>(args: string[]) => JSON.parse(await gt([...args, '--json'])) as T;
	// Code run in the page is given as text: the test program has Node's types, not the DOM's.
	const inPage = <T>(expression: string) => page.evaluate(expression) as Promise<T>;
	const textOf = (selector: string) => inPage<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);
	const texts = (selector: string, attribute: string) => page.$$eval(selector, (nodes, name) => nodes.map(node => node.getAttribute(name) ?? ''), attribute);

	beforeAll(async () => {
		town = await makeTown();
		const tracked = JSON.parse(await bd(['create', 'Tracked work', '--json'])) as {id: string};
		const ready = JSON.parse(await bd(['create', 'Sling me from the page', '-p', '1', '--json'])) as {id: string};
		const hooked = JSON.parse(await bd(['create', 'On the crew hook', '--json'])) as {id: string};
		const convoy = JSON.parse(await gt(['convoy', 'create', 'Before the page', tracked.id, '--json'])) as {id: string};
		await gt(['crew', 'add', 'me']);
		await gt(['hook', 'attach', hooked.id], town.town, {GT_AGENT: `${town.rig}/crew/me`});
		ids = {convoy: convoy.id, readyBead: ready.id, crewBead: hooked.id};
		await gt(['up']);
		dashboard = await startDashboard(town.town, town.vars);
		browser = await puppeteer.launch({executablePath: chromium, args: ['--no-sandbox', '--headless=new']});
		page = await browser.newPage();
		await page.setViewport({width: 1400, height: 1000});
		page.on('console', message => {
			if (message.type() === 'error') errors.push(message.text());
		});
		page.on('pageerror', error => errors.push(String(error)));
		await page.goto(dashboard.url);
		await page.waitForSelector('[data-daemon="up"]', {timeout: 20_000});
	});

	afterAll(async () => {
		await browser?.close();
		try {
			await dashboard?.stop();
		} finally {
			if (town) await runOk('gt', ['down'], {cwd: town.town, env: town.vars}).catch(() => undefined);
		}
	});

	it('trades the token for a cookie and takes it out of the address bar', () => {
		expect(new URL(page.url()).search).toBe('');
		expect(new URL(page.url()).pathname).toBe('/');
	});

	it('shows the agents, convoys and hooks the CLI reports', async () => {
		await eventually(async () => {
			const agents = await json<Array<{address: string; state: {state: string}}>>(['agents']);
			expect((await texts('[data-agent]', 'data-agent')).sort()).toEqual(agents.map(agent => agent.address).sort());
		}, {what: 'the page\'s agents to match gt agents --json'});
		const convoys = await json<Array<{id: string}>>(['convoy', 'list']);
		expect(convoys.map(convoy => convoy.id)).toContain(ids.convoy);
		await eventually(async () => expect((await texts('[data-convoy]', 'data-convoy')).sort()).toEqual(convoys.map(convoy => convoy.id).sort()), {what: 'the page\'s convoys'});
		const hooks = (await json<Array<{address: string; bead: {id: string} | null}>>(['hooks', 'list'])).filter(hook => hook.bead);
		expect(hooks.map(hook => hook.address)).toContain(`${town.rig}/crew/me`);
		expect((await texts('[data-hook]', 'data-hook')).sort()).toEqual(hooks.map(hook => hook.address).sort());
		expect(await textOf(`[data-hook="${town.rig}/crew/me"]`)).toContain(ids.crewBead);
	});

	it('shows a convoy created from the CLI without a reload', async () => {
		const marker = await inPage<number>('window.marker = Math.random()');
		const created = JSON.parse(await gt(['convoy', 'create', 'Made in a shell', ids.crewBead, '--json'])) as {id: string};
		const started = Date.now();
		await page.waitForSelector(`[data-convoy="${created.id}"]`, {timeout: 5000});
		// The 1 s target is measured under load by bench/dashboard.bench.js; here: it arrives, live.
		console.info(`convoy reached the page ${Date.now() - started} ms after gt convoy create returned`);
		expect(await inPage<number>('window.marker')).toBe(marker);
	});

	it('slings a ready bead from the page, and the ledger and the agents show it', async () => {
		await page.click(`[data-bead="${ids.readyBead}"] button[data-action="sling"]`);
		await page.waitForFunction("/Slung/.test(document.querySelector('[data-notice]')?.textContent ?? '')", {timeout: 30_000});
		const [bead] = JSON.parse(await bd(['show', ids.readyBead, '--json'])) as Array<{status: string; assignee?: string}>;
		expect(bead!.status).not.toBe('open');
		expect(bead!.assignee).toMatch(new RegExp(`^${town.rig}/polecats/`));
		await eventually(async () => {
			const agents = await json<Array<{address: string}>>(['agents']);
			expect(agents.map(agent => agent.address)).toContain(bead!.assignee);
		}, {what: 'the slung polecat in gt agents'});
	});

	it('opens the Mayor\'s terminal live and nudges it from the page', async () => {
		await page.click('[data-agent="mayor/"] button.link');
		await page.waitForSelector('#terminal .xterm-rows');
		await waitUntil(async () => (await textOf('#terminal .xterm-rows')).includes('simulated agent'), {what: 'the Mayor\'s screen in the page\'s terminal'});
		await page.type('#terminal form[data-form="nudge"] input', 'hello from the browser');
		await page.click('#terminal form[data-form="nudge"] button[type="submit"]');
		await eventually(async () => expect(await gt(['peek', 'mayor', '-n', '80'])).toContain('hello from the browser'), {what: 'the nudge on the Mayor\'s screen'});
		// The same text reaches the page's terminal through the raw output stream.
		await waitUntil(async () => (await textOf('#terminal .xterm-rows')).includes('hello from the browser'), {what: 'the nudge echoed in the page\'s terminal'});
	});

	it('types into a terminal only after typing is turned on, and Ctrl+] turns it off', async () => {
		await page.click('#terminal .terminal');
		await page.keyboard.type('ignored-keys');
		await page.click('[data-toggle="typing"]');
		await page.waitForSelector('#terminal .terminal.typing');
		await page.keyboard.type('typed-in-page');
		await eventually(async () => expect(await gt(['peek', 'mayor', '-n', '6'])).toContain('typed-in-page'), {what: 'keys typed in the page on the Mayor\'s input line'});
		await page.keyboard.down('Control');
		await page.keyboard.press(']');
		await page.keyboard.up('Control');
		await page.waitForSelector('#terminal .terminal:not(.typing)');
		await page.keyboard.type('after-stop');
		await new Promise(resolve => setTimeout(resolve, 500));
		const screen = await gt(['peek', 'mayor', '-n', '80']);
		expect(screen).not.toContain('ignored-keys');
		expect(screen).not.toContain('after-stop');
	});

	it('lists an agent waiting on a permission prompt under "needs you" and answers it from there', async () => {
		// A sim runtime that asks before every turn, so its prompt (and the waiting state) stays until answered.
		await gt(['config', 'set', 'agents.asker.command', process.execPath]);
		await gt(['config', 'set', 'agents.asker.args', JSON.stringify([binaries.gt, 'sim-agent'])]);
		await gt(['config', 'set', 'agents.asker.runtime', 'sim']);
		await gt(['config', 'set', 'agents.asker.env.GT_SIM_ASK', '1']);
		const {id} = JSON.parse(await bd(['create', 'Needs a yes', '--json'])) as {id: string};
		await gt(['sling', id, town.rig, '--agent', 'asker']);
		const asker = await waitUntil(async () => (await json<Array<{id: string; agent: string}>>(['agents'])).find(agent => agent.agent === 'asker'), {what: 'the asking polecat in gt agents'});
		const key = `waiting:${asker.id}`;
		await page.waitForSelector(`[data-key="${key}"]`, {timeout: 30_000});
		expect(await textOf(`[data-key="${key}"]`)).toMatch(/polecats\/\w+ is waiting for you/);
		// Typed and sent with Enter, as a keyboard user would (a click can land beside a row the live list just moved).
		await page.type(`[data-key="${key}"] form[data-form="answer"] input`, '1');
		await page.keyboard.press('Enter');
		await page.waitForFunction("/Answered/.test(document.querySelector('[data-notice]')?.textContent ?? '')", {timeout: 10_000});
		// Answered: the prompt goes, and the agent's state with it.
		await page.waitForFunction(`!document.querySelector('[data-key="${key}"]')`, {timeout: 15_000});
	});

	it('restarts an agent from the page after a confirmation', async () => {
		const before = (await json<Array<{id: string; restarts: number}>>(['agents'])).find(agent => agent.id === 'mayor')!;
		page.once('dialog', dialog => void dialog.accept());
		await page.click('[data-agent="mayor/"] button[data-action="restart"]');
		await page.waitForFunction("/Restarted/.test(document.querySelector('[data-notice]')?.textContent ?? '')", {timeout: 20_000});
		const after = (await json<Array<{id: string; restarts: number}>>(['agents'])).find(agent => agent.id === 'mayor')!;
		expect(after.restarts).toBe(before.restarts + 1);
	});

	it('had no console errors, and draws in light and dark', async () => {
		for (const scheme of ['light', 'dark'] as const) {
			await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
			const background = await inPage<string>('getComputedStyle(document.body).backgroundColor');
			expect(background).toBe(scheme === 'light' ? 'rgb(246, 245, 241)' : 'rgb(20, 20, 19)');
		}
		await page.screenshot({path: path.join(town.work, 'dashboard.png'), fullPage: true});
		expect(errors).toEqual([]);
	});

	it('refuses requests without the token, with a foreign Host or Origin, and actions without CSRF', async () => {
		const request = (pathName: string, options: {method?: string; headers?: Record<string, string>; body?: string} = {}) => new Promise<{status: number; body: string}>((resolve, reject) => {
			const outgoing = http.request({host: '127.0.0.1', port: dashboard.port, path: pathName, method: options.method ?? 'GET', headers: options.headers}, response => {
				let body = '';
				response.on('data', (chunk: Buffer) => (body += chunk.toString()));
				response.on('end', () => resolve({status: response.statusCode ?? 0, body}));
			});
			outgoing.on('error', reject);
			outgoing.end(options.body);
		});
		const bearer = {authorization: `Bearer ${dashboard.token}`};
		expect((await request('/api/overview')).status).toBe(401);
		expect((await request('/')).status).toBe(401);
		expect((await request('/assets/app.js')).status).toBe(401);
		expect((await request('/api/overview', {headers: {authorization: 'Bearer wrong'}})).status).toBe(403);
		expect((await request(`/?token=wrong`)).status).toBe(403);
		expect((await request('/api/overview', {headers: bearer})).status).toBe(200);
		expect((await request('/api/overview', {headers: {...bearer, host: `rebind.attacker.example:${dashboard.port}`}})).status).toBe(403);
		expect((await request('/api/overview', {headers: {...bearer, origin: 'http://attacker.example'}})).status).toBe(403);
		// The polecat slung earlier may land its merge meanwhile, so the check is on what a forged POST would make.
		const forgedBeads = async () => (JSON.parse(await bd(['list', '--all', '--json', '-n', '0'])) as Array<{title: string}>).filter(bead => bead.title === 'forged');
		expect(await forgedBeads()).toEqual([]);
		const create = {method: 'POST', headers: {...bearer, 'content-type': 'application/json'}, body: JSON.stringify({rig: town.rig, title: 'forged'})};
		const forged = await request('/api/actions/create-bead', create);
		expect(forged.status).toBe(403);
		expect(forged.body).toContain('CSRF');
		// From the page itself, a POST that leaves the token out is refused too.
		const status = await inPage<number>(`fetch('/api/actions/create-bead', {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({rig: ${JSON.stringify(town.rig)}, title: 'forged'})}).then(response => response.status)`);
		expect(status).toBe(403);
		expect(await forgedBeads()).toEqual([]);
	});
});
