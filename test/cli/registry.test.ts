import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {bdRegistry} from '../../source/cli/registry/bd.js';
import {gtRegistry} from '../../source/cli/registry/gt.js';
import {markdownReference} from '../../source/cli/help.js';
import {keyTableMarkdown} from '../../source/ui/app/key-map.js';
import {findCommand} from '../../source/cli/command-lookup.js';
import {repoRoot} from '../helpers/cli.js';

describe('command registries', () => {
	it.each([gtRegistry, bdRegistry])('$program: every command loads a module with run(), and no two share words', async registry => {
		const seen = new Set<string>();
		for (const spec of registry.commands) {
			for (const words of [spec.path, ...(spec.aliases ?? [])]) {
				const key = words.join(' ');
				expect(seen.has(key), `${key} declared twice`).toBe(false);
				seen.add(key);
			}
			const module = await spec.load();
			expect(typeof module.run, `${spec.path.join(' ')} has run()`).toBe('function');
			expect(spec.summary.length).toBeGreaterThan(5);
		}
	});

	it.each([gtRegistry, bdRegistry])('$program: no two flags of a command share a name, an alias or a short flag (the original\'s added ones included)', registry => {
		const clashes: string[] = [];
		for (const spec of registry.commands) {
			const seen = new Map<string, string>();
			for (const [name, flag] of Object.entries({...registry.globalFlags, ...spec.flags})) {
				for (const key of [...(flag.shortFlag ? [`-${flag.shortFlag}`] : []), ...(flag.aliases ?? []).map(alias => `--${alias}`)]) {
					if (seen.has(key)) clashes.push(`${registry.program} ${spec.path.join(' ')}: ${key} is ${seen.get(key)} and ${name}`);
					seen.set(key, name);
				}
			}
		}
		expect(clashes).toEqual([]);
	});

	it('finds commands by their longest path, skipping global flags that come first', () => {
		expect(findCommand(bdRegistry, ['dep', 'add', 'a', 'b']).match?.spec.path).toEqual(['dep', 'add']);
		expect(findCommand(bdRegistry, ['--actor', 'bob', 'list', '--json']).match?.rest).toEqual(['--actor', 'bob', '--json']);
		expect(findCommand(gtRegistry, ['config', 'agent', 'set', 'x', 'y']).match?.spec.path).toEqual(['config', 'agent', 'set']);
		expect(findCommand(gtRegistry, ['config', 'show']).match?.spec.path).toEqual(['config', 'show']);
		expect(findCommand(gtRegistry, ['mayor']).match).toBeUndefined();
		// The original's `bd dep <blocker> --blocks <blocked>`: dep is a command of its own too.
		expect(findCommand(bdRegistry, ['dep', 'ca-1', '--blocks', 'ca-2']).match).toMatchObject({spec: {path: ['dep']}, rest: ['ca-1', '--blocks', 'ca-2']});
		// The originals' names for the same commands.
		expect(findCommand(bdRegistry, ['new', 'x']).match?.spec.path).toEqual(['create']);
		expect(findCommand(bdRegistry, ['dep', 'rm', 'a', 'b']).match?.spec.path).toEqual(['dep', 'remove']);
		expect(findCommand(bdRegistry, ['comments', 'add', 'a', 'text']).match).toMatchObject({spec: {path: ['comment']}, rest: ['a', 'text']});
	});

	it.each([['gt', gtRegistry], ['bd', bdRegistry]] as const)('README command reference for %s matches the registry (npm run readme rewrites it)', (program, registry) => {
		const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
		const start = `<!-- commands:${program} -->`;
		const end = `<!-- /commands:${program} -->`;
		expect(readme).toContain(start);
		const section = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim();
		expect(section).toBe(markdownReference(registry));
	});

	it('README key table matches the UI key map', () => {
		const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('<!-- keys -->') + '<!-- keys -->'.length, readme.indexOf('<!-- /keys -->')).trim();
		expect(section).toBe(keyTableMarkdown());
	});
});
