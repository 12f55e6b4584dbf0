// `gt dashboard` as a real process (the built binary) for the web tests, and the
// browser that drives it: Debian's chromium through puppeteer-core, no download.
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {binaries} from './cli.js';
import {waitUntil} from './wait.js';

export type RunningDashboard = {
	/** The first line it printed: http://127.0.0.1:<port>/?token=… */
	readonly url: string;
	readonly base: string;
	readonly port: number;
	readonly token: string;
	readonly child: ChildProcess;
	stderr(): string;
	stop(): Promise<void>;
};

export async function startDashboard(town: string, env: Record<string, string>, args: readonly string[] = []): Promise<RunningDashboard> {
	const child = spawn(process.execPath, [binaries.gt, 'dashboard', '--port', '0', ...args], {cwd: town, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const url = await waitUntil(() => {
		if (child.exitCode !== null) throw new Error(`gt dashboard exited ${child.exitCode}: ${stderr}`);
		return stdout.includes('\n') ? stdout.split('\n')[0] : undefined;
	}, {what: 'gt dashboard to print its URL'});
	const parsed = new URL(url);
	return {
		url,
		base: parsed.origin,
		port: Number(parsed.port),
		token: parsed.searchParams.get('token') ?? '',
		child,
		stderr: () => stderr,
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise(resolve => child.once('exit', resolve));
			child.kill('SIGTERM');
			// Bounded: a dashboard that does not stop is a failure to report, not a test run that hangs.
			const late = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(late);
			if (child.signalCode === 'SIGKILL') throw new Error(`gt dashboard did not exit within 5 s of SIGTERM: ${stderr}`);
		},
	};
}

/** Debian's chromium, or CHROMIUM_PATH; undefined when neither is installed. */
export function findChromium(): string | undefined {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
	return candidates.find(candidate => candidate !== undefined && candidate !== '' && existsSync(candidate));
}
