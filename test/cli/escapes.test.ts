// Terminal escape sequences written into beads, mail and convoys come back escaped
// in human output (here piped: the built binaries), exact in --json.
import {beforeAll, describe, expect, it} from 'vitest';
import {runOk} from '../helpers/cli.js';
import {makeTown, type TestTown} from '../helpers/town.js';

const evil = 'T \x1b]0;pwned\x07\x1b[2J\x9b31m end';
const shown = 'T \\e]0;pwned\\x07\\e[2J\\x9b31m end';
// Anything that could steer a terminal: ESC, BEL, C1.
const raw = /[\x1b\x07\x80-\x9f]/;

let town: TestTown;
const bd = (args: string[]) => runOk('bd', args, {cwd: town.rigDir, env: town.vars});
const gt = (args: string[]) => runOk('gt', args, {cwd: town.town, env: town.vars});

beforeAll(async () => {
	town = await makeTown();
});

describe('control characters in human output', () => {
	it('bd list and bd show escape them; descriptions keep their lines and tabs; --json is exact', async () => {
		const id = (await bd(['create', evil, '--silent', '-d', `first line\n\tindented \x1b[1mbold\x9b\nlast`])).trim();
		const created = await bd(['create', evil]);
		expect(created).toMatch(/^Created [a-z]+-[a-z0-9]+: /);
		expect(created.endsWith(`: ${shown}\n`)).toBe(true);
		const list = await bd(['list']);
		expect(list).not.toMatch(raw);
		expect(list).toContain(shown);
		const show = await bd(['show', id]);
		expect(show).not.toMatch(raw);
		expect(show).toContain(`${id}  ${shown}`);
		expect(show).toContain('Description:\n  first line\n  \tindented \\e[1mbold\\x9b\n  last\n');
		const [record] = JSON.parse(await bd(['show', id, '--json'])) as Array<{title: string; description: string}>;
		expect(record!.title).toBe(evil);
		expect(record!.description).toContain('\x1b[1mbold\x9b');
		expect((JSON.parse(await bd(['list', '--json'])) as Array<{title: string}>).map(bead => bead.title)).toContain(evil);
	});

	it('gt mail inbox and read escape them; --json is exact', async () => {
		const [sent] = JSON.parse(await gt(['mail', 'send', 'overseer', '-s', evil, '-m', `hello\n\x1b]52;c;ZXZpbA==\x07bye`, '--json'])) as Array<{id: string}>;
		const inbox = await gt(['mail', 'inbox', 'overseer']);
		expect(inbox).not.toMatch(raw);
		expect(inbox).toContain(shown);
		const read = await gt(['mail', 'read', sent!.id]);
		expect(read).not.toMatch(raw);
		expect(read).toContain(`Subject: ${shown}\n\nhello\n\\e]52;c;ZXZpbA==\\x07bye\n`);
		const [json] = JSON.parse(await gt(['mail', 'inbox', 'overseer', '--json'])) as Array<{subject: string}>;
		expect(json!.subject).toBe(evil);
	});

	it('gt convoy list and show escape them', async () => {
		const bead = (await bd(['create', evil, '--silent'])).trim();
		const {id} = JSON.parse(await gt(['convoy', 'create', evil, bead, '--json'])) as {id: string};
		for (const output of [await gt(['convoy', 'list']), await gt(['convoy', 'show', id])]) {
			expect(output).not.toMatch(raw);
			expect(output).toContain(shown.slice(0, 30));
		}
	});
});
