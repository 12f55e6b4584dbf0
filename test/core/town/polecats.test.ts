import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {namePool} from '../../../source/core/town/polecats.js';
import {defaultNamepool} from '../../../source/core/town/rig-naming.js';
import {isGtError} from '../../../source/core/base/errors.js';
import {tempDir} from '../../helpers/cli.js';

function rigWithPool(names: string[] | undefined) {
	const town = tempDir('town');
	mkdirSync(path.join(town, 'mp'));
	const pool = names ? `\n[namepool]\nnames = ${JSON.stringify(names)}\n` : '';
	writeFileSync(path.join(town, 'mp', 'rig.toml'), `git_url = "x"\nprefix = "mp"\n${pool}`);
	return town;
}

const oneLine = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		if (isGtError(error)) return error.describe();
		throw error;
	}
	throw new Error('expected an error');
};

describe('namePool', () => {
	it('reads [namepool] names, or the default pool', () => {
		expect(namePool(rigWithPool(['ada', 'grace_2']), 'mp')).toEqual(['ada', 'grace_2']);
		expect(namePool(rigWithPool(undefined), 'mp')).toEqual([...defaultNamepool]);
	});

	it('refuses a name that is not a safe path segment, naming rig.toml and the name', () => {
		for (const [bad, problem] of [['../escape', 'contains a slash'], ['$(touch x)', 'contains whitespace'], ['-rf', 'starts with "-"'], ['witness', 'is reserved for a role']] as const) {
			const town = rigWithPool(['ok', bad]);
			expect(oneLine(() => namePool(town, 'mp')), bad).toBe(`${town}/mp/rig.toml: [namepool] name ${JSON.stringify(bad)} is not a valid polecat name: it ${problem} — fix or remove it there: letters, digits, "_" and "-" only`);
		}
	});
});
