// Named colour tokens. Components never name a colour; NO_COLOR gets the plain variant
// (emphasis by bold/inverse only).

export type Theme = {
	readonly name: 'color' | 'plain';
	readonly border: string | undefined;
	readonly borderFocused: string | undefined;
	readonly title: string | undefined;
	readonly muted: string | undefined;
	readonly working: string | undefined;
	readonly waiting: string | undefined;
	readonly idle: string | undefined;
	readonly exited: string | undefined;
	readonly danger: string | undefined;
	readonly ok: string | undefined;
	readonly accent: string | undefined;
	readonly selectedInverse: boolean;
	readonly dim: boolean;
};

export const colorTheme: Theme = {
	name: 'color',
	border: 'gray',
	borderFocused: 'cyan',
	title: 'white',
	muted: 'gray',
	working: 'green',
	waiting: 'yellow',
	idle: 'blue',
	exited: 'red',
	danger: 'red',
	ok: 'green',
	accent: 'magenta',
	selectedInverse: true,
	dim: true,
};

export const plainTheme: Theme = {
	name: 'plain',
	border: undefined,
	borderFocused: undefined,
	title: undefined,
	muted: undefined,
	working: undefined,
	waiting: undefined,
	idle: undefined,
	exited: undefined,
	danger: undefined,
	ok: undefined,
	accent: undefined,
	selectedInverse: true,
	dim: false,
};

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
	return env.NO_COLOR ? plainTheme : colorTheme;
}
