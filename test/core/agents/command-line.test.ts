import {describe, expect, it} from 'vitest';
import {formatCommandLine, parseCommandLine, quoteWord, splitCommandLine} from '../../../source/core/agents/command-line.js';
import {GtError} from '../../../source/core/base/errors.js';

function usageFailure(line: string): GtError {
	try {
		parseCommandLine(line);
	} catch (error) {
		expect(error).toBeInstanceOf(GtError);
		expect((error as GtError).exitCode).toBe(2);
		expect((error as GtError).describe()).not.toContain('\n');
		return error as GtError;
	}
	throw new Error(`expected "${line}" to be refused`);
}

describe('splitCommandLine', () => {
	it.each([
		['claude', ['claude']],
		['  claude   --model   haiku  ', ['claude', '--model', 'haiku']],
		['claude\t-p\tx', ['claude', '-p', 'x']],
		[`claude --model 'haiku 4'`, ['claude', '--model', 'haiku 4']],
		[`claude --model "haiku 4"`, ['claude', '--model', 'haiku 4']],
		[`echo 'a "b" \\n $HOME \`x\`'`, ['echo', 'a "b" \\n $HOME `x`']],
		[`echo "say \\"hi\\" \\\\ \\$ \\\`"`, ['echo', 'say "hi" \\ $ `']],
		[`echo "a\\nb \\x"`, ['echo', 'a\\nb \\x']],
		[`echo a\\ b c\\'d`, ['echo', 'a b', "c'd"]],
		[`echo pre'mid'"post"`, ['echo', 'premidpost']],
		[`echo '' ""`, ['echo', '', '']],
		[`echo 'it'\\''s'`, ['echo', "it's"]],
		[`echo "it's"`, ['echo', "it's"]],
		[`opencode --cfg '{"*":"allow"}'`, ['opencode', '--cfg', '{"*":"allow"}']],
		[`echo $ cost$`, ['echo', '$', 'cost$']],
		[`echo a#b # a comment`, ['echo', 'a#b']],
		[`echo "multi\nline"`, ['echo', 'multi\nline']],
		[`echo one\\\ntwo`, ['echo', 'onetwo']],
		[`echo 'ünïcödé ✓'`, ['echo', 'ünïcödé ✓']],
		[`echo *.ts ~ a=b`, ['echo', '*.ts', '~', 'a=b']],
	])('%s', (line, expected) => {
		expect(splitCommandLine(line)).toEqual(expected);
	});
});

describe('parseCommandLine', () => {
	it('separates leading assignments from the program and its args', () => {
		expect(parseCommandLine(`A=1 B='two words' C= claude --x=y D=4`)).toEqual({
			env: {A: '1', B: 'two words', C: ''},
			program: 'claude',
			args: ['--x=y', 'D=4'],
		});
	});

	it('keeps JSON in an assignment intact', () => {
		expect(parseCommandLine(`OPENCODE_PERMISSION='{"*":"allow"}' opencode`).env).toEqual({OPENCODE_PERMISSION: '{"*":"allow"}'});
	});

	it('treats a quoted or invalid NAME= as the program, as a shell does', () => {
		expect(parseCommandLine(`'A=1' x`)).toEqual({env: {}, program: 'A=1', args: ['x']});
		expect(parseCommandLine(`"A"=1 x`).program).toBe('A=1');
		expect(parseCommandLine(`1A=2 x`).program).toBe('1A=2');
		expect(parseCommandLine(`A-B=2 x`).program).toBe('A-B=2');
	});

	it('expands an unquoted leading ~ only when given a home', () => {
		expect(parseCommandLine('~/bin/claude ~ ~x', {home: '/home/u'})).toEqual({env: {}, program: '/home/u/bin/claude', args: ['/home/u', '~x']});
		expect(parseCommandLine(`'~/bin/claude' "~"`, {home: '/home/u'})).toEqual({env: {}, program: '~/bin/claude', args: ['~']});
		expect(parseCommandLine('~/bin/claude').program).toBe('~/bin/claude');
	});

	it.each([
		['', /command line is empty/],
		['   \t ', /command line is empty/],
		['# only a comment', /command line is empty/],
		['A=1 B=2', /only variable assignments and no program/],
		[`claude 'oops`, /unterminated ' quote at column 8/],
		[`claude "oops`, /unterminated " quote at column 8/],
		[`claude "a\\"`, /unterminated " quote/],
		[`claude \\`, /ends with a lone backslash/],
		[`claude | tee log`, /shell operator "\|"/],
		[`claude && rm -rf x`, /shell operator "&"/],
		[`claude; ls`, /shell operator ";"/],
		[`claude > out`, /shell operator ">"/],
		[`claude < in`, /shell operator "<"/],
		[`claude $(whoami)`, /\$\(…\) would be expanded/],
		[`claude "$(whoami)"`, /\$\(…\) would be expanded/],
		['claude `whoami`', /`…` would be expanded/],
		['claude "`whoami`"', /`…` would be expanded/],
		[`claude --dir $HOME/x`, /\$HOME would be expanded/],
		[`claude --dir "\${HOME}"`, /\$\{…\} would be expanded/],
		[`claude $1`, /\$1 would be expanded/],
		['claude\nrm -rf /', /line break/],
		[`'' --flag`, /program name is empty/],
	])('refuses %j', (line, message) => {
		expect(usageFailure(line).message).toMatch(message);
	});

	it('gives a hint with every error', () => {
		expect(usageFailure(`claude 'x`).hint).toMatch(/close the quote/);
		expect(usageFailure(`claude $HOME`).hint).toMatch(/single-quote/);
	});
});

describe('formatCommandLine', () => {
	it('quotes only what needs quoting', () => {
		expect(quoteWord('--model')).toBe('--model');
		expect(quoteWord('haiku 4')).toBe(`'haiku 4'`);
		expect(quoteWord('')).toBe(`''`);
		expect(quoteWord("it's")).toBe(`'it'\\''s'`);
		expect(formatCommandLine({program: 'claude', args: ['--dangerously-skip-permissions']})).toBe('claude --dangerously-skip-permissions');
	});

	it.each<{env: Record<string, string>; program: string; args: string[]}>([
		{env: {}, program: 'claude', args: ['--model', 'haiku 4']},
		{env: {OPENCODE_PERMISSION: '{"*":"allow"}', EMPTY: ''}, program: 'opencode', args: []},
		{env: {}, program: 'A=1', args: ['$HOME', '`x`', '|', ';', "it's", '"q"', '\\', '~', '#c', 'a b\tc', 'multi\nline']},
		{env: {X: "a'b\"c$d"}, program: '/opt/my tools/agent', args: ['']},
	])('round-trips through parseCommandLine: %j', line => {
		expect(parseCommandLine(formatCommandLine(line), {home: '/home/u'})).toEqual(line);
	});
});
