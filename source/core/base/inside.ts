// Writes into a worktree or the town must stay there. A project can commit a
// symlink (`.gemini -> /somewhere/else`), and a plain write through it would land
// outside; assertInside refuses a target that leaves `root`, lexically or through
// a symlink anywhere on the way (each existing component is looked at with lstat,
// and a symlink is followed with realpath only to see where it goes).
import {lstatSync, realpathSync} from 'node:fs';
import path from 'node:path';
import {errnoCode, failure} from './errors.js';

const within = (root: string, candidate: string) => {
	const relative = path.relative(root, candidate);
	return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
};

/**
 * Returns `target` (resolved) when writing it cannot leave `root`; throws a failure
 * naming the symlink otherwise. Components that do not exist yet are fine: they are
 * created inside. A symlink that stays inside `root` is allowed.
 */
export function assertInside(root: string, target: string): string {
	const lexicalRoot = path.resolve(root);
	const resolved = path.resolve(lexicalRoot, target);
	const hint = 'remove the symlink (or point it inside), then try again';
	if (!within(lexicalRoot, resolved)) throw failure(`refusing to write ${resolved}: it is outside ${lexicalRoot}`, hint);
	const realRoot = realpathSync(lexicalRoot);
	let current = lexicalRoot;
	for (const component of path.relative(lexicalRoot, resolved).split(path.sep).filter(Boolean)) {
		current = path.join(current, component);
		let isLink: boolean;
		try {
			isLink = lstatSync(current).isSymbolicLink();
		} catch (error) {
			if (errnoCode(error) === 'ENOENT') break; // the rest is created inside
			throw error;
		}
		if (!isLink) continue;
		let destination: string;
		try {
			destination = realpathSync(current);
		} catch {
			throw failure(`refusing to write ${resolved}: ${current} is a dangling symlink`, hint);
		}
		if (!within(realRoot, destination)) throw failure(`refusing to write ${resolved}: ${current} is a symlink to ${destination}, outside ${lexicalRoot}`, hint);
	}
	return resolved;
}
