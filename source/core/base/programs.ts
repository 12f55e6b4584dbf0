// Whether a program can be run: an executable file, given as a path or found on a
// PATH. Checked before anything is started, so a missing agent CLI is one clear
// error rather than a session that exits at once with execvp's message.
import {accessSync, constants, statSync} from 'node:fs';
import path from 'node:path';

export function isExecutable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/** The program's full path: `file` itself when it names a path, else the first match on `pathValue`. */
export function findProgram(file: string, pathValue: string | undefined): string | undefined {
	if (file.includes('/')) return isExecutable(file) ? file : undefined;
	for (const dir of (pathValue ?? '').split(path.delimiter)) {
		if (dir === '') continue;
		const candidate = path.join(dir, file);
		if (isExecutable(candidate)) return candidate;
	}
	return undefined;
}
