// `gt dashboard`'s composition root: the town's services over the daemon, the live
// overview, the guard and the HTTP server, wired once. Runs until SIGINT or SIGTERM.
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {serve} from '@hono/node-server';
import type {Environment} from '../core/base/environment.js';
import {errnoCode, failure, usageError} from '../core/base/errors.js';
import {townServices} from '../core/overview/town-services.js';
import {packageRoot} from '../core/base/package-files.js';
import {LiveTown} from '../web/live.js';
import {isLoopback, makeGuard, newToken} from '../web/security.js';
import {dashboardApp} from '../web/server.js';

export type RunDashboardOptions = {
	readonly townRoot: string;
	readonly env: Environment;
	readonly port: number;
	readonly bind: string;
	readonly open: boolean;
	/** Prints one line to stdout. */
	readonly line: (text: string) => void;
	readonly note: (text: string) => void;
};

/** The page's bundle: dist/web of this package. */
export function assetsDir(): string {
	const root = packageRoot();
	if (!root) throw failure('cannot find the dashboard\'s page', 'reinstall the package, or run npm run build in a checkout');
	return path.join(root, 'dist', 'web');
}

function openBrowser(url: string, note: (text: string) => void): void {
	const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
	const child = spawn(command, [url], {stdio: 'ignore', detached: true});
	child.on('error', () => note(`gt: could not start ${command}; open the URL above yourself`));
	child.unref();
}

export async function runDashboard(options: RunDashboardOptions): Promise<number> {
	const assets = assetsDir();
	if (!existsSync(path.join(assets, 'app.js'))) throw failure(`the dashboard's page is not built (${assets})`, 'run npm run build');
	const token = options.env.vars.GT_DASHBOARD_TOKEN || newToken();
	let port = options.port;
	const guard = makeGuard(token, () => port);
	const services = townServices(options.townRoot, options.env);
	const live = new LiveTown(services, options.env);
	const dashboard = dashboardApp({services, live, env: options.env, guard, assetsDir: assets});
	const server = serve({fetch: dashboard.app.fetch, port: options.port, hostname: options.bind});
	await new Promise<void>((resolve, reject) => {
		server.once('listening', () => resolve());
		server.once('error', (error: Error) => {
			const code = errnoCode(error);
			if (code === 'EADDRINUSE') reject(usageError(`port ${options.port} is in use`, 'pick another with --port <n>, or --port 0 for any free one'));
			else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') reject(usageError(`cannot listen on ${options.bind}`, 'give --bind an address of this machine, e.g. 127.0.0.1'));
			else if (code === 'EACCES') reject(usageError(`port ${options.port} needs privileges`, 'pick a port above 1023 with --port <n>'));
			else reject(error);
		});
	});
	port = (server.address() as AddressInfo).port;
	const shown = options.bind === '0.0.0.0' || options.bind === '::' ? '127.0.0.1' : options.bind.includes(':') ? `[${options.bind}]` : options.bind;
	const url = `http://${shown}:${port}/?token=${token}`;
	// First line: the URL, so scripts and tests can read it.
	options.line(url);
	if (!isLoopback(options.bind)) options.note(`gt: warning: listening on ${options.bind}: anyone who can reach this machine and has the URL can type into your agents`);
	options.note(`gt: dashboard for ${options.townRoot}; Ctrl-C stops it`);
	if (options.open) openBrowser(url, options.note);
	await new Promise<void>(resolve => {
		const stop = () => resolve();
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	dashboard.closeStreams();
	live.close();
	services.close();
	server.close();
	// SSE streams hold connections open; do not wait for the browser to let go.
	(server as unknown as {closeAllConnections?: () => void}).closeAllConnections?.();
	// Everything above lets go of its sockets; should a daemon call still be in flight, Ctrl-C must still end it.
	setTimeout(() => process.exit(0), 2000).unref();
	return 0;
}
