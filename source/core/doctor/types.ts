// gt doctor's results: one check, one line. `fail` makes the run exit 1; `warn` is worth
// knowing (the daemon is down, an optional runtime is missing) but nothing is broken.
export type CheckStatus = 'ok' | 'warn' | 'fail';

export type CheckResult = {
	/** Stable id for scripts: `git`, `rig.calc.refinery`, `ledger.hq`. */
	readonly id: string;
	/** What was checked, for the human line. */
	readonly name: string;
	readonly status: CheckStatus;
	readonly message: string;
	/** What to do about a failure or a warning. */
	readonly fix?: string;
};

export const ok = (id: string, name: string, message: string): CheckResult => ({id, name, status: 'ok', message});
export const warn = (id: string, name: string, message: string, fix?: string): CheckResult => ({id, name, status: 'warn', message, ...(fix ? {fix} : {})});
export const fail = (id: string, name: string, message: string, fix: string): CheckResult => ({id, name, status: 'fail', message, fix});

/** An error's one line (a GtError keeps its hint apart: the fix says what to do). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
