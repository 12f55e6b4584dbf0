import {describe, expect, it} from 'vitest';
import {findCommand} from '../../source/cli/command-lookup.js';
import {bdRegistry} from '../../source/cli/registry/bd.js';
import {gtRegistry} from '../../source/cli/registry/gt.js';
import {runCli, tempDir, testEnv} from '../helpers/cli.js';

const path = (argv: string[]) => findCommand(gtRegistry, argv).match?.spec.path.join(' ');

describe('cobra-style prefix matching of gt command words', () => {
	it('a unique prefix of any command word names it, and the rest of argv is left for flags and arguments', () => {
		expect(path(['conv', 'li', '--all'])).toBe('convoy list');
		expect(findCommand(gtRegistry, ['conv', 'li', '--all']).match?.rest).toEqual(['--all']);
		expect(path(['mai', 'inb'])).toBe('mail inbox');
		expect(path(['config', 'ag', 'l'])).toBe('config agent list');
		expect(path(['esc', 'ack', 'hq-1'])).toBe('escalate ack');
		// An exact word wins over longer words it starts (mail vs mail…; hook vs hooks).
		expect(path(['hook'])).toBe('hook');
		expect(path(['hooks', 'l'])).toBe('hooks list');
	});

	it('words after a command that runs on its own are its arguments, not prefixes', () => {
		expect(findCommand(gtRegistry, ['hook', 'a']).match).toMatchObject({spec: {path: ['hook']}, rest: ['a']});
		expect(findCommand(gtRegistry, ['escalate', 'ac', '-s', 'high']).match).toMatchObject({spec: {path: ['escalate']}, rest: ['ac', '-s', 'high']});
		expect(findCommand(gtRegistry, ['sling', 'ca-1', 'calc']).match?.rest).toEqual(['ca-1', 'calc']);
	});

	it('an ambiguous prefix names every candidate and matches nothing', () => {
		const found = findCommand(gtRegistry, ['m']);
		expect(found.match).toBeUndefined();
		expect(found.ambiguous?.candidates).toEqual(expect.arrayContaining(['mail', 'mayor', 'mol', 'mq']));
		expect(findCommand(gtRegistry, ['mail', 'r']).ambiguous?.candidates).toEqual(['mail read', 'mail reply']);
	});

	it('bd does not prefix-match (the original Beads does not either)', () => {
		expect(findCommand(bdRegistry, ['li']).match).toBeUndefined();
	});

	it('the built gt runs a prefixed command and refuses an ambiguous one naming the candidates', async () => {
		const env = testEnv();
		const cwd = tempDir('prefix');
		const script = await runCli('gt', ['compl', 'bash'], {cwd, env});
		expect(script.stderr).toBe('');
		expect(script.code).toBe(0);
		expect(script.stdout).toContain('complete -');
		const ambiguous = await runCli('gt', ['mail', 'r', 'x'], {cwd, env});
		expect(ambiguous.code).toBe(2);
		expect(ambiguous.stderr).toContain('"gt mail read", "gt mail reply"');
		expect(ambiguous.stdout).toBe('');
	});
});
