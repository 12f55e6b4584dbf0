// Condition waits. Tests wait on real processes, ptys and git on a 2-core machine, so a
// condition gets 10 s unless the test says otherwise; it is polled, never slept on.
// A timeout names what was awaited and the last thing seen, so the failure reads as
// "waited 10000 ms for the daemon's socket to stop answering" rather than a bare diff.

export type WaitOptions = {
	/** What is awaited, for the failure message: "the mayor's banner on its screen". */
	readonly what: string;
	/** Milliseconds; default 10 000. */
	readonly timeout?: number;
	/** Milliseconds between checks; default 50. */
	readonly interval?: number;
};

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function poll<T>(attempt: () => Promise<{done: true; value: T} | {done: false; last: string}>, options: WaitOptions): Promise<T> {
	const timeout = options.timeout ?? 10_000;
	const interval = options.interval ?? 50;
	const deadline = Date.now() + timeout;
	for (;;) {
		const result = await attempt();
		if (result.done) return result.value;
		if (Date.now() >= deadline) {
			const error = new Error(`waited ${timeout} ms for ${options.what}; last: ${result.last}`);
			Error.captureStackTrace?.(error, poll);
			throw error;
		}
		await new Promise(resolve => setTimeout(resolve, interval));
	}
}

/**
 * Waits until `condition` returns a truthy value and resolves with it. A throw counts as
 * "not yet" (a file not written yet, a socket not listening yet); the last one is reported.
 */
export function waitUntil<T>(condition: () => T | Promise<T>, options: WaitOptions): Promise<NonNullable<T>> {
	return poll(async () => {
		try {
			const value = await condition();
			return value ? {done: true, value: value as NonNullable<T>} : {done: false, last: `returned ${JSON.stringify(value) ?? String(value)}`};
		} catch (error) {
			return {done: false, last: `threw ${describeError(error)}`};
		}
	}, options);
}

/**
 * Retries `check` (typically a few `expect`s) until it returns without throwing, and
 * resolves with what it returned; on timeout the last assertion failure is reported.
 */
export function eventually<T>(check: () => T | Promise<T>, options: WaitOptions): Promise<T> {
	return poll(async () => {
		try {
			return {done: true, value: await check()};
		} catch (error) {
			return {done: false, last: describeError(error)};
		}
	}, options);
}
