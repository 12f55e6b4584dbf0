// One environment policy for every git call and every process that may run git in a
// worktree (agents, gates): the worktree decides which repository git works on. Run
// from inside a git hook (or a shell that exported them), GIT_DIR, GIT_WORK_TREE and
// friends would point every call at the wrong repository, so they never pass.
export type GitVars = Readonly<Record<string, string | undefined>>;

/** Variables that choose a repository, index or object store instead of the working directory. */
export const repositorySelectors = [
	'GIT_DIR',
	'GIT_WORK_TREE',
	'GIT_INDEX_FILE',
	'GIT_COMMON_DIR',
	'GIT_OBJECT_DIRECTORY',
	'GIT_ALTERNATE_OBJECT_DIRECTORIES',
	'GIT_NAMESPACE',
	'GIT_PREFIX',
	'GIT_QUARANTINE_PATH',
] as const;

const selectors = new Set<string>(repositorySelectors);

/** `vars` without undefined values and without the repository selectors. */
export function gitEnvironment(vars: GitVars): Record<string, string> {
	const clean: Record<string, string> = {};
	for (const [key, value] of Object.entries(vars)) if (value !== undefined && !selectors.has(key)) clean[key] = value;
	return clean;
}
