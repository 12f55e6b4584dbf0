import {describe, expect, it} from 'vitest';
import {parseFlagTokens} from '../../source/cli/flags.js';
import type {FlagSpec} from '../../source/cli/spec.js';

const specs: Record<string, FlagSpec> = {
	title: {type: 'string', description: 'Title'},
	type: {type: 'string', description: 'Type', shortFlag: 't', choices: ['bug', 'task']},
	priority: {type: 'number', description: 'Priority', shortFlag: 'p'},
	labels: {type: 'string', description: 'Labels', shortFlag: 'l', isMultiple: true, aliases: ['label']},
	json: {type: 'boolean', description: 'JSON'},
	quiet: {type: 'boolean', description: 'Quiet', shortFlag: 'q'},
	all: {type: 'boolean', description: 'All', shortFlag: 'a'},
	dryRun: {type: 'boolean', description: 'Dry run'},
};
const parse = (...tokens: string[]) => parseFlagTokens(tokens, specs, 'bd create');

describe('flag parsing as agents type it', () => {
	it.each<[string[], Record<string, unknown>, string[]]>([
		[['--title=Found bug', '--type=bug'], {title: 'Found bug', type: 'bug'}, []],
		[['t', '--title', 'a: b'], {title: 'a: b'}, ['t']],
		[['--title', '-starts with a dash'], {title: '-starts with a dash'}, []],
		[['-p', '-1'], {priority: -1}, []],
		[['-p1'], {priority: 1}, []],
		[['-p=2'], {priority: 2}, []],
		[['-tbug'], {type: 'bug'}, []],
		[['-l', 'a', '--label', 'b', '--labels=c'], {labels: ['a', 'b', 'c']}, []],
		[['--title', 'one', '--title', 'two'], {title: 'two'}, []],
		[['-aq'], {all: true, quiet: true}, []],
		[['--json=false'], {json: false}, []],
		[['--no-json'], {json: false}, []],
		[['--dry-run'], {dryRun: true}, []],
		[['--type=BUG'], {type: 'bug'}, []],
		[['x', '--', '--json', '-p'], {}, ['x', '--json', '-p']],
		[['-5', 'words'], {}, ['-5', 'words']],
		[['-'], {}, ['-']],
	])('%j', (tokens, flags, args) => {
		const parsed = parse(...tokens);
		expect(parsed.flags).toEqual(flags);
		expect(parsed.args).toEqual(args);
	});

	it.each([
		[['--titel', 'x'], 'unknown flag --titel for "bd create" — did you mean --title?'],
		[['--prio=1'], 'unknown flag --prio for "bd create" — did you mean --priority?'],
		[['-z'], 'unknown flag -z for "bd create"'],
		[['--title'], 'flag --title needs a value'],
		[['-p', 'high'], 'flag -p takes a number (got "high")'],
		[['--type', 'feature'], '--type must be one of bug, task (got "feature")'],
		[['--json=maybe'], 'flag --json is on or off, not "maybe"'],
		[['-ap'], '-p in -ap is not an on/off flag'],
	])('refuses %j in one line with a hint', (tokens, message) => {
		let error: unknown;
		try {
			parse(...tokens);
		} catch (caught) {
			error = caught;
		}
		expect((error as {describe(): string}).describe()).toContain(message);
		expect((error as {hint?: string}).hint).toBeTruthy();
	});

	it('says when --help was asked for', () => {
		expect(parse('--title', 'x', '-h').help).toBe(true);
	});
});
