// The composition root's inputs: everything a command may read from the outside
// world besides files. Entries build it from the process; tests build it directly.

export type Environment = {
	readonly cwd: string;
	readonly home: string;
	readonly vars: Readonly<Record<string, string | undefined>>;
	readonly now: () => Date;
};

export function environmentFromProcess(): Environment {
	return {
		cwd: process.cwd(),
		home: process.env.HOME ?? process.env.USERPROFILE ?? '/',
		vars: process.env,
		now: () => new Date(),
	};
}
