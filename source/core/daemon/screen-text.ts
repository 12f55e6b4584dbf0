// Words for what a session's process and screen show: how a process ended, and whether
// a screen shows the runtime's input prompt.
import {constants} from 'node:os';

/** A signal's name ("SIGKILL") from its number as node-pty reports it. */
export function signalName(signal: number): string {
	return Object.entries(constants.signals).find(([, number]) => number === signal)?.[0] ?? `signal ${signal}`;
}

/** How a process ended, in words: "killed by SIGKILL" or "exit code 1". node-pty reports a kill as code 0 plus the signal. */
export function exitText(exit: {code?: number; signal?: number}): string {
	return exit.signal ? `killed by ${signalName(exit.signal)}` : `exit code ${exit.code}`;
}

/** A screen line starts with the runtime's prompt (inside a box too, with the NBSP some TUIs put after the mark). */
export function showsPrompt(lines: readonly string[], prefix: string): boolean {
	const wanted = prefix.trimEnd();
	return lines.some(raw => {
		const line = raw.replaceAll('\u00a0', ' ').replace(/^[\s│┃|]+/, '');
		return line.startsWith(prefix) || line === wanted;
	});
}
