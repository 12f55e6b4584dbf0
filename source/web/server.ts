// `gt dashboard`'s HTTP server (Hono on node:http). Routes: the page and its bundled
// assets, /api/overview (the town as JSON), /api/events (the same, live, as server-sent
// events), /api/sessions/:id/stream (one terminal, live), and POST /api/actions/:name.
// Every request passes the guard first (security.ts says what it checks and why).
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {Hono, type Context} from 'hono';
import {getCookie, setCookie} from 'hono/cookie';
import {streamSSE, type SSEStreamingApi} from 'hono/streaming';
import type {Environment} from '../core/base/environment.js';
import {isGtError} from '../core/base/errors.js';
import type {TownServices} from '../core/overview/services.js';
import {safeText} from '../core/base/terminal-text.js';
import {actions} from './actions.js';
import type {LiveTown} from './live.js';
import {cookieName, csrfHeader, type Guard} from './security.js';

export type DashboardOptions = {
	readonly services: TownServices;
	readonly live: LiveTown;
	readonly env: Environment;
	readonly guard: Guard;
	/** dist/web: app.js and app.css, built by scripts/build.js. */
	readonly assetsDir: string;
};

const assetTypes: Record<string, string> = {'.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json'};

const securityHeaders = {
	'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'cache-control': 'no-store',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`);

function page(town: string, csrf: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="gt-csrf" content="${escapeHtml(csrf)}">
<title>${escapeHtml(town)} · Gas Town</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<div id="app"><p class="boot">Loading ${escapeHtml(town)}…</p></div>
<script type="module" src="/assets/app.js"></script>
</body>
</html>
`;
}

const refuse = (c: Context, status: 401 | 403 | 404, message: string) => c.json({error: message}, status);

export type Dashboard = {
	readonly app: Hono;
	/** Ends every open stream (and its daemon subscription), for a clean stop. */
	closeStreams(): void;
};

export function dashboardApp(options: DashboardOptions): Dashboard {
	const {services, live, env, guard} = options;
	const app = new Hono();
	const streams = new Set<() => void>();

	app.use('*', async (c, next) => {
		for (const [name, value] of Object.entries(securityHeaders)) c.header(name, value);
		if (!guard.hostAllowed(c.req.header('host'))) return refuse(c, 403, 'foreign Host header: open the dashboard by the address gt dashboard printed');
		if (!guard.originAllowed(c.req.header('origin'))) return refuse(c, 403, 'cross-origin request refused');
		// The first visit carries the token in the URL: trade it for a cookie, then drop it from the address bar.
		const offered = c.req.query('token');
		if (offered !== undefined && c.req.method === 'GET') {
			if (!guard.tokenMatches(offered)) return refuse(c, 403, 'wrong token: use the URL gt dashboard printed');
			setCookie(c, cookieName, guard.token, {httpOnly: true, sameSite: 'Strict', path: '/'});
			return c.redirect(c.req.path, 303);
		}
		const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
		const presented = getCookie(c, cookieName) ?? bearer;
		if (presented === undefined) return refuse(c, 401, 'no token: open the URL gt dashboard printed (it carries ?token=…)');
		if (!guard.tokenMatches(presented)) return refuse(c, 403, 'wrong token: open the URL gt dashboard printed');
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !guard.csrfMatches(c.req.header(csrfHeader))) return refuse(c, 403, 'missing or wrong CSRF token: reload the page');
		await next();
	});

	app.get('/', c => c.html(page(path.basename(services.townRoot), guard.csrf)));

	app.get('/assets/:name', c => {
		const name = c.req.param('name');
		const type = assetTypes[path.extname(name)];
		if (!type || name.includes('/') || name.startsWith('.')) return refuse(c, 404, 'no such asset');
		try {
			const body = readFileSync(path.join(options.assetsDir, name));
			return c.body(body, 200, {'content-type': type});
		} catch {
			return refuse(c, 404, `no asset ${name}: run npm run build`);
		}
	});

	app.get('/api/overview', async c => c.json(await live.current()));

	/** Runs a stream until the page goes, the source ends, or the server stops; then lets go of everything. */
	const untilDone = async (stream: SSEStreamingApi, start: (finish: () => void) => () => void) => {
		let finish!: () => void;
		const done = new Promise<void>(resolve => {
			finish = resolve;
		});
		stream.onAbort(finish);
		streams.add(finish);
		const release = start(finish);
		await done;
		streams.delete(finish);
		release();
	};

	app.get('/api/events', c => streamSSE(c, stream => untilDone(stream, () => {
		let sent = 0;
		const unsubscribe = live.subscribe((_overview, json) => {
			void stream.writeSSE({event: 'overview', data: json, id: String(++sent)});
		});
		// Comments keep proxies and the browser from timing the stream out.
		const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), 15_000);
		return () => {
			clearInterval(keepAlive);
			unsubscribe();
		};
	})));

	// One terminal: its screen now, then its raw output, exactly as the pty wrote it.
	app.get('/api/sessions/:id/stream', c => {
		const id = c.req.param('id');
		return streamSSE(c, stream => untilDone(stream, finish => {
			const watcher = services.watchTerminal(id, {
				snapshot: screen => void stream.writeSSE({event: 'snapshot', data: JSON.stringify(screen)}),
				output: data => void stream.writeSSE({event: 'output', data: JSON.stringify(data)}),
				end: () => void stream.writeSSE({event: 'end', data: '{}'}).finally(finish),
			});
			return () => watcher.close();
		}));
	});

	app.post('/api/actions/:name', async c => {
		const action = actions[c.req.param('name')];
		if (!action) return refuse(c, 404, `no action ${c.req.param('name')}`);
		let body: Record<string, unknown>;
		try {
			const parsed: unknown = await c.req.json();
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
			body = parsed as Record<string, unknown>;
		} catch {
			return c.json({error: 'the body must be a JSON object'}, 400);
		}
		try {
			const message = await action(body, {services, env});
			live.changed(0);
			return c.json({ok: true, message: safeText(message)});
		} catch (error) {
			const status = isGtError(error) ? ({usage: 400, notFound: 404, conflict: 409, failure: 500, ok: 200} as const)[error.kind] : 500;
			const message = isGtError(error) ? error.describe() : (error as Error).message;
			return c.json({error: safeText(message)}, status);
		}
	});

	app.notFound(c => refuse(c, 404, 'not found'));
	return {
		app,
		closeStreams: () => {
			for (const finish of [...streams]) finish();
		},
	};
}
