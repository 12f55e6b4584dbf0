// The dashboard's routes and actions over a real town (no daemon: the town is down),
// through Hono's in-memory request, so each case is one request and one answer.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {townServices, type DaemonTownServices} from '../../source/core/overview/town-services.js';
import type {TownOverview} from '../../source/core/overview/town-overview.js';
import {readRigConfig} from '../../source/core/town/rig-config.js';
import {readTownConfig} from '../../source/core/town/town-config.js';
import {Ledger} from '../../source/core/beads/ledger.js';
import {rigLayout} from '../../source/core/base/paths.js';
import {LiveTown} from '../../source/web/live.js';
import {makeGuard} from '../../source/web/security.js';
import {dashboardApp} from '../../source/web/server.js';
import {tempDir} from '../helpers/cli.js';
import {makeTown, type TestTown} from '../helpers/town.js';

describe('the dashboard server', () => {
	let town: TestTown;
	let services: DaemonTownServices;
	let live: LiveTown;
	let app: ReturnType<typeof dashboardApp>['app'];
	const guard = makeGuard('t0ken', () => 8080);
	const auth = {host: '127.0.0.1:8080', cookie: 'gt_dashboard=t0ken'};
	const post = (name: string, body: unknown, headers: Record<string, string> = {}) => app.request(`/api/actions/${name}`, {method: 'POST', headers: {...auth, 'x-gt-csrf': guard.csrf, 'content-type': 'application/json', ...headers}, body: typeof body === 'string' ? body : JSON.stringify(body)});
	const get = (route: string, headers: Record<string, string> = auth) => app.request(route, {headers});
	const beads = async () => (await Ledger.open(rigLayout(town.town, town.rig).beads).read()).all().map(bead => bead.id).sort();

	beforeAll(async () => {
		town = await makeTown();
		const assets = tempDir('assets');
		mkdirSync(assets, {recursive: true});
		writeFileSync(path.join(assets, 'app.js'), 'console.log(1)');
		services = townServices(town.town, town.env);
		live = new LiveTown(services, town.env);
		app = dashboardApp({services, live, env: town.env, guard, assetsDir: assets}).app;
	});
	afterAll(() => {
		live?.close();
		services?.close();
	});

	it('serves the page with the CSRF token and a strict CSP, and trades ?token for a cookie', async () => {
		const page = await get('/');
		expect(page.status).toBe(200);
		expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
		expect(page.headers.get('referrer-policy')).toBe('no-referrer');
		expect(await page.text()).toContain(`<meta name="gt-csrf" content="${guard.csrf}">`);
		const first = await get('/?token=t0ken', {host: '127.0.0.1:8080'});
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe('/');
		expect(first.headers.get('set-cookie')).toMatch(/^gt_dashboard=t0ken; Path=\/; HttpOnly; SameSite=Strict$/);
	});

	it('serves only the bundled assets', async () => {
		expect((await get('/assets/app.js')).status).toBe(200);
		expect((await get('/assets/app.js')).headers.get('content-type')).toContain('text/javascript');
		for (const name of ['..%2Fpackage.json', '.hidden.js', 'missing.js', 'app.exe']) expect((await get(`/assets/${name}`)).status, name).toBe(404);
	});

	it('reads the town as one overview, with the daemon down', async () => {
		const overview = await (await get('/api/overview')).json() as TownOverview;
		expect(overview).toMatchObject({town: {root: town.town, name: 'test'}, daemon: 'down', agents: [], needsYou: [], rigs: [{name: town.rig, prefix: 'ca', gates: []}]});
		expect(overview.config.defaultAgent).toBe('sim');
		expect(overview.config.agents.map(agent => agent.name)).toContain('claude');
	});

	it('runs actions through core and answers a sentence', async () => {
		const created = await post('create-bead', {rig: town.rig, title: 'From the web'});
		expect(created.status).toBe(200);
		const {message} = await created.json() as {message: string};
		const id = /^Created (\S+)$/.exec(message)?.[1];
		expect(await beads()).toContain(id);
		expect(await (await post('create-convoy', {title: 'Web convoy', beads: [id]})).json()).toMatchObject({ok: true, message: expect.stringMatching(/^Created convoy hq-cv-/)});
		expect((await post('rig-gates', {rig: town.rig, gates: ['npm test', '', ' npm run lint ']})).status).toBe(200);
		expect(readRigConfig(town.town, town.rig).merge_queue?.gates).toEqual(['npm test', 'npm run lint']);
		expect((await post('config-set', {key: 'roles.mayor', value: 'claude'})).status).toBe(200);
		expect(readTownConfig(town.town).roles).toEqual({mayor: 'claude'});
		expect((await post('send-mail', {to: 'mayor/', subject: 'hello', body: 'from the page'})).status).toBe(200);
	});

	it('refuses bad actions with one line and the right status, changing nothing', async () => {
		const before = await beads();
		const cases: Array<[string, unknown, number, RegExp]> = [
			['create-bead', {rig: town.rig}, 400, /"title" is missing/],
			['create-bead', {rig: town.rig, title: '   '}, 400, /"title" is empty/],
			['create-bead', {rig: 'nope', title: 'x'}, 404, /nope/],
			['create-bead', {rig: '../etc', title: 'x'}, 404, /no rig "\.\.\/etc"/],
			['create-bead', 'not json', 400, /JSON object/],
			['create-bead', [1, 2], 400, /JSON object/],
			['create-convoy', {title: 'x', beads: 'ca-1'}, 400, /list of strings/],
			['config-set', {key: 'nonsense.key', value: 'x'}, 400, /nonsense/],
			['rig-gates', {rig: town.rig, gates: ['a\nb']}, 400, /one command line/],
			['mq-retry', {id: 'ca-nope'}, 404, /ca-nope/],
			['explode', {}, 404, /no action explode/],
			['create-bead', {rig: town.rig, title: 'x'.repeat(70 * 1024)}, 400, /over 64 KiB/],
		];
		for (const [name, body, status, error] of cases) {
			const answer = await post(name, body);
			const text = (await answer.json() as {error: string}).error;
			expect(answer.status, `${name} ${JSON.stringify(body).slice(0, 60)}`).toBe(status);
			expect(text).toMatch(error);
			expect(text).not.toContain('\n');
		}
		expect(await beads()).toEqual(before);
	});

	it('guards every route: token, Host, Origin, CSRF', async () => {
		expect((await get('/api/overview', {host: '127.0.0.1:8080'})).status).toBe(401);
		expect((await get('/api/overview', {host: '127.0.0.1:8080', cookie: 'gt_dashboard=nope'})).status).toBe(403);
		expect((await get('/api/overview', {...auth, host: 'evil.example:8080'})).status).toBe(403);
		expect((await get('/api/overview', {...auth, origin: 'http://evil.example'})).status).toBe(403);
		expect((await get('/api/overview', {host: '127.0.0.1:8080', authorization: 'Bearer t0ken'})).status).toBe(200);
		const before = await beads();
		expect((await post('create-bead', {rig: town.rig, title: 'forged'}, {'x-gt-csrf': 'wrong'})).status).toBe(403);
		expect((await app.request('/api/actions/create-bead', {method: 'POST', headers: {...auth, 'content-type': 'application/json'}, body: '{"rig":"calc","title":"forged"}'})).status).toBe(403);
		expect((await get('/nowhere')).status).toBe(404);
		expect(await beads()).toEqual(before);
	});
});
