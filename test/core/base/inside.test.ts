import {mkdirSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {assertInside} from '../../../source/core/base/inside.js';
import {tempDir} from '../../helpers/cli.js';

describe('assertInside', () => {
	it('allows paths inside, existing or not, and symlinks that stay inside', () => {
		const root = tempDir('root');
		mkdirSync(path.join(root, 'a'));
		symlinkSync('a', path.join(root, 'link'));
		expect(assertInside(root, path.join(root, 'new', 'deep', 'file'))).toBe(path.join(root, 'new', 'deep', 'file'));
		expect(assertInside(root, 'link/file')).toBe(path.join(root, 'link', 'file'));
	});

	it('refuses ../, a symlinked directory or file that leaves the root, and a dangling symlink', () => {
		const root = tempDir('root');
		const outside = tempDir('outside');
		symlinkSync(outside, path.join(root, 'out'));
		symlinkSync(path.join(outside, 'x'), path.join(root, 'file'));
		symlinkSync('../..', path.join(root, 'up'));
		expect(() => assertInside(root, '../escape')).toThrow(`refusing to write ${path.dirname(root)}/escape: it is outside ${root}`);
		expect(() => assertInside(root, 'out/settings.json')).toThrow(`${root}/out is a symlink to ${outside}, outside ${root}`);
		expect(() => assertInside(root, 'up/etc/passwd')).toThrow(/is a symlink to \/, outside/);
		expect(() => assertInside(root, 'file')).toThrow(/is a dangling symlink/);
	});
});
