// The completion scripts in real shells, against the built binaries: bash fills COMPREPLY
// as readline would ask it to (COMP_WORDS split at `=` too), fish answers `complete -C`,
// and zsh's function hands _describe its candidates. zsh and fish are skipped where absent.
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {binaries, runOk, tempDir} from '../helpers/cli.js';
import {makeTown, type TestTown} from '../helpers/town.js';

let town: TestTown;
let bead: string;
let vars: Record<string, string>;
let scripts: Record<string, string>;

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

beforeAll(async () => {
	town = await makeTown();
	const bin = tempDir('bin');
	for (const program of ['gt', 'bd'] as const) {
		writeFileSync(path.join(bin, program), `#!/bin/sh\nexec "${process.execPath}" "${binaries[program]}" "$@"\n`);
		chmodSync(path.join(bin, program), 0o755);
	}
	vars = {...town.vars, PATH: `${bin}:${town.vars.PATH}`};
	bead = JSON.parse(await runOk('bd', ['create', 'Fix the login bug', '--json'], {cwd: town.rigDir, env: vars})).id;
	const dir = tempDir('completion');
	scripts = {};
	for (const shell of ['bash', 'zsh', 'fish']) {
		for (const program of ['gt', 'bd']) {
			const file = path.join(dir, `${program}.${shell}`);
			writeFileSync(file, await runOk(program as 'gt' | 'bd', ['completion', shell], {cwd: town.town, env: vars}));
			scripts[`${program}.${shell}`] = file;
		}
	}
	mkdirSync(path.join(town.town, 'somewhere'));
}, 60_000);

/** COMPREPLY for a line, the words split the way bash splits them (at spaces and `=`). */
function bashComplete(program: 'gt' | 'bd', line: string, cwd = town.town): string[] {
	const words = line.split(/(\s+|=)/).filter(word => word.trim() !== '');
	if (/\s$/.test(line)) words.push('');
	const script = [
		`source ${scripts[`${program}.bash`]}`,
		`COMP_LINE=${JSON.stringify(line)}; COMP_POINT=${line.length}`,
		`COMP_WORDS=(${words.map(word => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}`,
		`_${program}_complete`,
		'printf "%s\\n" "${COMPREPLY[@]}"',
	].join('\n');
	return execFileSync('bash', ['-c', script], {cwd, env: vars, encoding: 'utf8'}).split('\n').filter(Boolean);
}

describe('completion scripts', () => {
	it('bash: command words, live bead ids, flag values after = and file names where a path goes', () => {
		expect(bashComplete('gt', 'gt sl')).toEqual(['sling']);
		expect(bashComplete('bd', 'bd show ', town.rigDir)).toEqual([bead]);
		expect(bashComplete('gt', `gt sling ${bead} `)).toEqual(expect.arrayContaining(['mayor', town.rig]));
		expect(bashComplete('bd', 'bd create x --type=b', town.rigDir)).toEqual(['bug']);
		expect(bashComplete('gt', 'gt install some')).toEqual(['somewhere']);
		expect(bashComplete('gt', 'gt completion p')).toEqual(['powershell']);
	});

	it.skipIf(!has('fish'))('fish: the same candidates, with descriptions', () => {
		const out = execFileSync('fish', ['-c', `source ${scripts['gt.fish']}; complete -C 'gt sling '`], {cwd: town.town, env: vars, encoding: 'utf8'});
		expect(out).toContain(`${bead}\topen · Fix the login bug`);
		expect(execFileSync('fish', ['-c', `source ${scripts['bd.fish']}; complete -C 'bd close --rea'`], {cwd: town.rigDir, env: vars, encoding: 'utf8'})).toMatch(/^--reason\t/m);
	});

	it.skipIf(!has('zsh'))('zsh: the function hands _describe value:description pairs', () => {
		const script = [
			// Stand-ins for the completion system's own functions: print what they are given.
			'compdef() { :; }; _describe() { print -rl -- "${(@P)4}"; }; _files() { print -r -- FILES; }',
			`source ${scripts['gt.zsh']}`,
			`words=(gt sling ${bead} ''); CURRENT=4; _gt`,
			'words=(gt install ""); CURRENT=3; _gt',
		].join('\n');
		const out = execFileSync('zsh', ['-fc', script], {cwd: town.town, env: vars, encoding: 'utf8'}).split('\n');
		expect(out).toContain('mayor:the Mayor');
		expect(out).toContain(`${town.rig}:rig`);
		expect(out).toContain('FILES');
	});
});
