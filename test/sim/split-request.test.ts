import {describe, expect, it} from 'vitest';
import {detectRig, parseRigList, splitRequest} from '../../source/sim/roles/mayor.js';

describe('splitRequest', () => {
	it.each([
		['Add a login page', ['Add a login page']],
		['Add a login page.', ['Add a login page']],
		['add login; add logout', ['Add login', 'Add logout']],
		['Add login and then write tests for it', ['Add login', 'Write tests for it']],
		['Add login, and then write tests', ['Add login', 'Write tests']],
		['Fix the bug in src/calc.js. Add tests for calc.js! Update the README?', ['Fix the bug in src/calc.js', 'Add tests for calc.js!', 'Update the README?']],
		['Use a library, e.g. zod. Then validate input', ['Use a library, e.g. zod', 'Validate input']],
		['Add a v1.2 changelog entry', ['Add a v1.2 changelog entry']],
		['Make search fast and small', ['Make search fast and small']],
		['', []],
		['   \n \n', []],
		['...', []],
	])('%j', (request, tasks) => {
		expect(splitRequest(request)).toEqual(tasks);
	});

	it('takes one task per line, whatever the sentences in them', () => {
		expect(splitRequest('Add login. With OAuth\nAdd logout\n\n  write docs  ')).toEqual(['Add login. With OAuth', 'Add logout', 'Write docs']);
	});

	it('strips bullets and numbering', () => {
		expect(splitRequest('- one\n* two\n• three\n1. four\n2) five\n#6 six\n(7) seven\n[ ] eight\n[x] nine\na) ten')).toEqual(['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten']);
	});

	it('skips headings that end in a colon, keeps a last line with one', () => {
		expect(splitRequest('Please do these:\n- add login\n- add logout')).toEqual(['Add login', 'Add logout']);
		expect(splitRequest('Tasks:\n- a thing\n- note:')).toEqual(['A thing', 'Note:']);
	});

	it('handles CRLF and CR line ends (pasted text)', () => {
		expect(splitRequest('one\r\ntwo\rthree')).toEqual(['One', 'Two', 'Three']);
	});

	it('keeps numbers that are not bullets', () => {
		expect(splitRequest('3 retries on failure')).toEqual(['3 retries on failure']);
	});
});

describe('detectRig', () => {
	const rigs = [{name: 'mp', path: '/t/mp'}, {name: 'tools', path: '/t/tools'}];

	it('reads an "in <rig>:" prefix and strips it', () => {
		expect(detectRig('in tools: add a flag', rigs)).toEqual({rig: rigs[1], text: 'add a flag'});
		expect(detectRig('In MP: add a flag', rigs)).toEqual({rig: rigs[0], text: 'add a flag'});
	});

	it('reads a "<rig>:" prefix only for a rig that exists', () => {
		expect(detectRig('tools: add a flag', rigs)).toEqual({rig: rigs[1], text: 'add a flag'});
		expect(detectRig('Note: add a flag', rigs)).toEqual({text: 'Note: add a flag'});
	});

	it('reports an unknown rig named with "in"', () => {
		expect(detectRig('in nope: add a flag', rigs)).toEqual({unknown: 'nope', text: 'add a flag'});
	});

	it('finds a rig named as a word', () => {
		expect(detectRig('add a --verbose flag to the tools CLI', rigs).rig).toEqual(rigs[1]);
		expect(detectRig('add toolset support', rigs).rig).toBeUndefined();
	});

	it('asks when several rigs are named, takes the only rig otherwise', () => {
		expect(detectRig('sync mp with tools', rigs)).toEqual({text: 'sync mp with tools', candidates: ['mp', 'tools']});
		expect(detectRig('add a flag', [rigs[0]!]).rig).toEqual(rigs[0]);
		expect(detectRig('add a flag', rigs).rig).toBeUndefined();
		expect(detectRig('add a flag', []).rig).toBeUndefined();
	});

	it('multi-line requests keep their prefix line out of the tasks', () => {
		const choice = detectRig('in mp:\n- add login\n- add logout', rigs);
		expect(choice.rig).toEqual(rigs[0]);
		expect(splitRequest(choice.text)).toEqual(['Add login', 'Add logout']);
	});
});

describe('parseRigList', () => {
	it('keeps name and path of each rig', () => {
		expect(parseRigList('[{"name":"mp","prefix":"mp","path":"/t/mp"},{"name":"x"},{"bad":1}]')).toEqual([{name: 'mp', path: '/t/mp'}, {name: 'x'}]);
		expect(() => parseRigList('{}')).toThrow();
	});
});
