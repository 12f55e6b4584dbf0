// gt peek <agent> [-n lines]: the last lines of an agent's terminal (scrollback and
// screen). With the daemon down, the agent's transcript file is replayed instead.
import {existsSync, openSync, readSync, closeSync, statSync} from 'node:fs';
import {sessionsIfRunning} from '../../core/sessions/over-daemon.js';
import {daemonPaths, readSessionRecords, transcriptFile} from '../../core/daemon/daemon-paths.js';
import {findAgent} from '../../core/sessions/agent-lookup.js';
import {notFound, usageError} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagNumber, type CommandContext} from '../spec.js';

/** Enough raw output to fill a long peek; older output is in the file for anyone who wants it. */
const replayBytes = 512 * 1024;

function readTail(file: string): string {
	const size = statSync(file).size;
	const start = Math.max(0, size - replayBytes);
	const buffer = Buffer.alloc(size - start);
	const descriptor = openSync(file, 'r');
	try {
		readSync(descriptor, buffer, 0, buffer.length, start);
	} finally {
		closeSync(descriptor);
	}
	return buffer.toString('utf8');
}

async function replay(file: string, lines: number, cols = 120, rows = 40): Promise<string[]> {
	const {Screen} = await import('../../core/daemon/screen.js');
	const screen = new Screen({cols, rows, scrollback: Math.max(lines, 2000)});
	try {
		await screen.write(readTail(file));
		return screen.transcript(lines);
	} finally {
		screen.dispose();
	}
}

export async function run(context: CommandContext): Promise<number> {
	// `gt peek <agent> 50`, as the original takes it, or -n 50.
	const given = context.args[1];
	const lines = given !== undefined ? Number(given) : (flagNumber(context, 'lines') ?? 30);
	if (given !== undefined && (!Number.isInteger(lines) || lines < 1)) throw usageError(`the line count must be a whole number above 0 (got "${given}")`, 'e.g. gt peek <agent> 50');
	if (!Number.isInteger(lines) || lines < 1) throw usageError(`-n must be a whole number above 0 (got ${lines})`);
	const townRoot = requireTownRoot(context.env);
	const ref = context.args[0]!;
	const daemon = await sessionsIfRunning(townRoot);
	if (daemon) {
		try {
			const agent = findAgent(await daemon.sessions(), ref);
			for (const line of await daemon.transcript(agent.id, lines)) context.out.line(line);
			return 0;
		} finally {
			daemon.close();
		}
	}
	const paths = daemonPaths(townRoot);
	const agent = findAgent(readSessionRecords(paths.sessions).map(record => record.spec), ref);
	const file = transcriptFile(paths, agent.id);
	if (!existsSync(file)) throw notFound(`${agent.address} has no transcript yet`, 'it has not run since it was recorded');
	context.out.note(`(the daemon is not running: the end of ${agent.address}'s transcript file)`);
	for (const line of await replay(file, lines, agent.cols, agent.rows)) context.out.line(line);
	return 0;
}
