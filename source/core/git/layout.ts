// Where a working tree's repository lives, read from the files git itself writes
// (`.git` as a directory, or as a file "gitdir: …" in a linked worktree, and that
// gitdir's "commondir"), without running git. The daemon builds launches on its
// event loop; a child process there would stall every agent's terminal meanwhile.
import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';

export type RepositoryLayout = {
	/** The working tree's top directory. */
	readonly top: string;
	/** This worktree's git directory (.git, or .git/worktrees/<name> for a linked one). */
	readonly gitDir: string;
	/** The directory shared by every worktree: objects, refs, info/exclude. */
	readonly commonDir: string;
};

/** The repository `start` is in, or undefined outside one (or for a layout git would not accept). */
export function repositoryOf(start: string): RepositoryLayout | undefined {
	for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
		const dotGit = path.join(dir, '.git');
		if (existsSync(dotGit)) return layoutAt(dir, dotGit);
		if (path.dirname(dir) === dir) return undefined;
	}
}

function layoutAt(top: string, dotGit: string): RepositoryLayout | undefined {
	try {
		let gitDir = dotGit;
		if (statSync(dotGit).isFile()) {
			const match = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
			if (!match) return undefined;
			gitDir = path.resolve(top, match[1]!);
		}
		const commonFile = path.join(gitDir, 'commondir');
		const commonDir = existsSync(commonFile) ? path.resolve(gitDir, readFileSync(commonFile, 'utf8').trim()) : gitDir;
		return {top, gitDir, commonDir};
	} catch {
		return undefined;
	}
}
