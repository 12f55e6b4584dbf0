// The bad-input rule in one place: a refused command exits non-zero, says why on stderr,
// and leaves what it would have changed exactly as it was.
import {expect} from 'vitest';
import type {CliResult} from './cli.js';

export async function expectRefused(run: () => Promise<CliResult>, snapshot: () => string, message: RegExp): Promise<CliResult> {
	const before = snapshot();
	const result = await run();
	expect(result.code).not.toBe(0);
	expect(result.stderr).toMatch(message);
	expect(snapshot()).toBe(before);
	return result;
}
