// Files of this package, found from the running code: it runs from dist/gt.js, from a
// chunk in dist/chunks/, or from source/ under tests, so paths are found by walking up
// to package.json or by looking beside the entry that started the process, never by
// counting directory levels in each caller.
import {existsSync, realpathSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = () => path.dirname(fileURLToPath(import.meta.url));

/** The directory holding this package's package.json. */
export function packageRoot(): string | undefined {
	let dir = here();
	for (let depth = 0; depth < 6; depth++) {
		if (existsSync(path.join(dir, 'package.json'))) return dir;
		const parent = path.dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	return undefined;
}

/** The built `gt.js` or `bd.js`: beside the entry running now, else in this package's dist/. */
export function packageEntry(name: 'gt.js' | 'bd.js'): string | undefined {
	const candidates: string[] = [];
	const argv1 = process.argv[1];
	if (argv1) {
		try {
			const real = realpathSync(argv1);
			if (/^(gt|bd)\.js$/.test(path.basename(real))) candidates.push(path.join(path.dirname(real), name));
		} catch {}
	}
	candidates.push(path.join(here(), '..', name), path.join(here(), name));
	const root = packageRoot();
	if (root) candidates.push(path.join(root, 'dist', name));
	return candidates.find(candidate => existsSync(candidate));
}
