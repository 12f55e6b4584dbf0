// Errors are values: a stable code, a one-line message and a hint saying what to do.
// Entries print them as `gt: <message> — <hint>` and exit with the code's number.

export const exitCodes = {
	ok: 0,
	failure: 1,
	usage: 2,
	notFound: 3,
	conflict: 4,
} as const;

export type ErrorKind = keyof typeof exitCodes;

export class GtError extends Error {
	readonly kind: ErrorKind;
	readonly hint: string | undefined;

	constructor(kind: ErrorKind, message: string, hint?: string) {
		super(message);
		this.name = 'GtError';
		this.kind = kind;
		this.hint = hint;
	}

	get exitCode(): number {
		return exitCodes[this.kind];
	}

	/** The one line a user sees. */
	describe(): string {
		return this.hint ? `${this.message} — ${this.hint}` : this.message;
	}
}

export const usageError = (message: string, hint?: string) => new GtError('usage', message, hint);
export const notFound = (message: string, hint?: string) => new GtError('notFound', message, hint);
export const conflict = (message: string, hint?: string) => new GtError('conflict', message, hint);
export const failure = (message: string, hint?: string) => new GtError('failure', message, hint);

export function isGtError(error: unknown): error is GtError {
	return error instanceof GtError;
}

/** The `code` of a Node system error (ENOENT, EEXIST…), if any. */
export function errnoCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error ? String((error as {code: unknown}).code) : undefined;
}
