import {describe, expect, it} from 'vitest';
import {commentLine, mentionedPaths, parseHook, planEdit} from '../../source/sim/roles/polecat.js';

describe('parseHook', () => {
	it('reads the gt hook --json contract', () => {
		expect(parseHook('{"address":"mp/polecats/furiosa","bead":{"id":"mp-a1b","title":"Fix it","description":"why","status":"hooked"},"worktree":"/t/w","branch":"polecat/furiosa/mp-a1b"}')).toEqual({
			address: 'mp/polecats/furiosa',
			bead: {id: 'mp-a1b', title: 'Fix it', description: 'why'},
			worktree: '/t/w',
			branch: 'polecat/furiosa/mp-a1b',
		});
		expect(parseHook('{"address":"mp/polecats/furiosa","bead":null}').bead).toBeNull();
		expect(() => parseHook('nope')).toThrow();
	});
});

describe('planEdit', () => {
	const files = new Set(['src/calc.js', 'README.md', 'notes/mp-old.md', 'Makefile', 'style.css']);
	const isFile = (file: string) => files.has(file);

	it('appends a comment to a file the title names', () => {
		expect(planEdit({id: 'mp-a1b', title: 'Fix rounding in src/calc.js.'}, isFile)).toEqual({file: 'src/calc.js', kind: 'append', text: '// sim: Fix rounding in src/calc.js. (mp-a1b)\n'});
		expect(planEdit({id: 'mp-a1c', title: 'Document setup in ./README.md'}, isFile).text).toBe('<!-- sim: Document setup in ./README.md (mp-a1c) -->\n');
	});

	it('writes notes/<id>.md when no named file exists', () => {
		const edit = planEdit({id: 'mp-x9', title: 'Add src/missing.ts', description: 'Make it so.'}, isFile);
		expect(edit).toEqual({file: 'notes/mp-x9.md', kind: 'create', text: '# Add src/missing.ts\n\nBead: mp-x9\n\nMake it so.\n\n_Written by sim, a simulated agent (no AI)._\n'});
	});

	it('adds to the notes when the work runs again', () => {
		expect(planEdit({id: 'mp-old', title: 'Again'}, isFile)).toEqual({file: 'notes/mp-old.md', kind: 'append', text: '- Worked on again by sim (mp-old).\n'});
	});

	it('never names a file outside the worktree', () => {
		expect(mentionedPaths('touch ../etc/passwd and /etc/hosts, then src/calc.js')).toEqual(['src/calc.js']);
	});

	it('comments in the language of the file', () => {
		expect(commentLine('a.py', 'x')).toBe('# x');
		expect(commentLine('a.css', 'x')).toBe('/* x */');
		expect(commentLine('Makefile', 'x')).toBe('# x');
		expect(commentLine('q.sql', 'x')).toBe('-- x');
	});
});
