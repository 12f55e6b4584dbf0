import {afterAll, describe, expect, it} from 'vitest';
import {spawnPty, type PtyProcess} from '../../../source/core/daemon/pty.js';
import {isRunningProcess} from '../../../source/core/daemon/daemon-paths.js';
import {eventually} from '../../helpers/wait.js';

const started: PtyProcess[] = [];
afterAll(() => {
	for (const pty of started) pty.kill('SIGKILL');
});

const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', LANG: 'C.UTF-8', TERM: 'xterm-256color'};

async function spawnNode(script: string, cols = 80, rows = 24) {
	const pty = await spawnPty(process.execPath, ['-e', script], {cwd: process.cwd(), env, cols, rows});
	started.push(pty);
	let output = '';
	pty.onData(data => {
		output += data;
	});
	let exit: {exitCode: number; signal?: number} | undefined;
	pty.onExit(value => {
		exit = value;
	});
	return {pty, output: () => output, exit: () => exit};
}

describe('spawnPty', () => {
	it('runs a program on a terminal: output, typed input, size, exit code', async () => {
		const script = `
			process.stdout.write('tty=' + process.stdout.isTTY + ' size=' + process.stdout.columns + 'x' + process.stdout.rows + ' é日😀\\n');
			process.stdout.on('resize', () => process.stdout.write('resized=' + process.stdout.columns + 'x' + process.stdout.rows + '\\n'));
			process.stdin.setEncoding('utf8');
			process.stdin.on('data', line => { if (line.includes('bye')) process.exit(7); process.stdout.write('got:' + line.trim() + '\\n'); });
		`;
		const {pty, output, exit} = await spawnNode(script, 100, 30);
		expect(pty.pid).toBeGreaterThan(0);
		await eventually(() => expect(output()).toContain('tty=true size=100x30 é日😀'), {what: 'output() to contain \'tty=true size=100x30 é日😀\''});
		pty.write('hello\r');
		await eventually(() => expect(output()).toContain('got:hello'), {what: 'output() to contain \'got:hello\''});
		pty.resize(90, 20);
		await eventually(() => expect(output()).toContain('resized=90x20'), {what: 'output() to contain \'resized=90x20\''});
		pty.write('bye\r');
		await eventually(() => expect(exit()).toMatchObject({exitCode: 7}), {what: 'exit() to match {exitCode: 7}'});
		// Writing to or resizing an exited pty is a no-op, not a crash.
		pty.write('late');
		pty.resize(10, 10);
	});

	it('kill signals the whole process group, children included', async () => {
		const script = `
			const {spawn} = require('node:child_process');
			const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
			process.stdout.write('child=' + child.pid + '\\n');
			setInterval(() => {}, 1000);
		`;
		const {pty, output, exit} = await spawnNode(script);
		await eventually(() => expect(output()).toMatch(/child=\d+/), {what: 'output() to match /child=\\d+/'});
		const child = Number(/child=(\d+)/.exec(output())![1]);
		expect(isRunningProcess(child)).toBe(true);
		pty.kill('SIGTERM');
		await eventually(() => expect(exit()).toBeDefined(), {what: 'exit() to be defined'});
		await eventually(() => expect(isRunningProcess(child)).toBe(false), {what: 'isRunningProcess(child) to be false', timeout: 10_000, interval: 50});
	});
});
