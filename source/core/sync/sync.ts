// `gt sync` / `bd sync`: commit the durable ledgers (and, for a town, its config),
// fetch, merge, push; retried when another machine pushed in between. git is the
// distributed engine; this file only orders its steps so that the ledgers stay
// whole and no write is lost:
//   1. fetch (no lock: it only touches the object store);
//   2. take every ledger's write lock (agents' writes wait, for milliseconds), fold
//      each journal into its file, commit the chosen paths;
//   3. merge with `git merge-tree` (the JSONL driver runs per ledger, see driver.ts)
//      into a commit, and put it in place file by file (apply.ts);
//   4. release the locks, push; a push that lost a race goes back to 1.
// Nothing is left half-merged: the working tree changes only once the merge is a
// finished commit, and then each file in one rename.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {acquireLock} from '../base/file-lock.js';
import {conflict, failure, notFound} from '../base/errors.js';
import {Ledger, ledgerFiles} from '../beads/ledger.js';
import {gitSucceeds, runGit, type GitVars} from '../git/client.js';
import {repositoryOf} from '../git/layout.js';
import {commitPaths, gitConfigValue, isRepoRoot} from '../git/repo.js';
import {applyCommit} from './apply.js';
import {reportVariable, type DriverReport} from './driver.js';
import {isEmptyChange, isLedgerPath, ledgerChange, type LedgerChange} from './ledger-changes.js';
import type {ClaimConflict} from './merge-bead.js';
import {blobAt, changedPaths, countCommits, gitRaw, isAncestor, mergeTree, revParse} from './plumbing.js';
import {attributesFile, registerMergeDriver} from './setup.js';

export const remoteName = 'origin';
/** In the repository's git directory: held for the whole of a sync. */
export const syncLockName = 'gastown-sync.lock';

export type SyncRequest = {
	/** The top of the repository's work tree. */
	readonly repo: string;
	/** Every ledger directory in the repository: locked and folded while the sync commits and merges. */
	readonly ledgers: readonly string[];
	/** Other lock files to hold meanwhile (the town's routes.jsonl.lock). */
	readonly locks?: readonly string[];
	/** What to commit, relative to `repo` (files or directories). */
	readonly paths: readonly string[];
	readonly message: string;
	/** The bd entry the merge driver runs (tests and the CLI pass the built one). */
	readonly bdEntry?: string;
	/** Push attempts before giving up on a remote that keeps moving. */
	readonly attempts?: number;
	readonly vars: GitVars;
	readonly onStep?: (step: string) => void;
	/** Runs once the remote answered, before anything is written (gt sync records the site name here). */
	readonly prepare?: () => Promise<void>;
};

export type SyncSide = {readonly commits: number; readonly changes: readonly LedgerChange[]};

export type SyncResult = {
	readonly branch: string;
	readonly remote: string;
	/** The commit this sync made of local changes, if there were any. */
	readonly committed?: string;
	readonly incoming: SyncSide;
	readonly outgoing: SyncSide;
	/** Beads deleted on one side and edited on the other: kept with the sync-conflict label. */
	readonly kept: ReadonlyArray<{readonly ledger: string; readonly id: string}>;
	/** Beads claimed on both sides: the earlier claim stands. */
	readonly claims: ReadonlyArray<ClaimConflict & {readonly ledger: string}>;
	readonly pushed: boolean;
	/** How many rounds it took (more than 1: another machine pushed meanwhile). */
	readonly rounds: number;
	/** The commit both sides now have. */
	readonly head: string;
};

/** The checks before anything is touched: a repository, a branch, a remote, no merge in progress. */
export async function checkSyncable(repo: string, vars: GitVars, what: string): Promise<{branch: string; url: string}> {
	if (!(await isRepoRoot(repo, vars))) {
		throw notFound(`${what} at ${repo} is not a git repository, so it has nothing to sync`, `make it one (git init, commit, git remote add ${remoteName} <url>), or install towns with \`gt install <path> --git\``);
	}
	const url = await gitConfigValue(repo, `remote.${remoteName}.url`, vars);
	if (!url) throw notFound(`${what} at ${repo} has no git remote "${remoteName}" to sync with`, `add one: git -C ${repo} remote add ${remoteName} <url> (a bare repository both machines reach), then sync again`);
	const branch = await runGit(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD'], vars).catch(() => '');
	if (!branch) throw conflict(`${repo} is not on a branch (detached HEAD)`, `check out the branch the town syncs on (git -C ${repo} switch main), then sync again`);
	const gitDir = path.join(repo, '.git');
	for (const marker of ['MERGE_HEAD', 'rebase-merge', 'rebase-apply', 'CHERRY_PICK_HEAD']) {
		if (existsSync(path.join(gitDir, marker))) {
			throw conflict(`a git ${marker.startsWith('rebase') ? 'rebase' : marker === 'MERGE_HEAD' ? 'merge' : 'cherry-pick'} is in progress in ${repo}`, 'finish it (git commit) or abort it (git merge --abort / git rebase --abort), then sync again');
		}
	}
	return {branch, url};
}

async function lockAll(files: readonly string[]): Promise<() => void> {
	const releases: Array<() => void> = [];
	try {
		// Sorted, so two syncs never take them crosswise.
		for (const file of [...files].sort()) releases.push(await acquireLock(file, {what: file.endsWith(ledgerFiles.lock) ? `ledger ${path.dirname(file)}` : file}));
	} catch (error) {
		for (const release of releases.reverse()) release();
		throw error;
	}
	return () => {
		for (const release of releases.reverse()) release();
	};
}

async function fetchRemote(repo: string, branch: string, vars: GitVars): Promise<string | undefined> {
	const result = await gitRaw(repo, ['fetch', '--quiet', '--no-tags', remoteName, `+refs/heads/${branch}:refs/remotes/${remoteName}/${branch}`], vars);
	if (result.code !== 0) {
		// A remote with no such branch yet (the first push of a new town) is no error.
		if (/couldn't find remote ref/i.test(result.stderr)) return undefined;
		throw failure(`fetching from ${remoteName} failed: ${lastLine(result.stderr)}`, 'check the remote URL (git remote -v) and that this machine can reach it; nothing was changed');
	}
	return revParse(repo, `refs/remotes/${remoteName}/${branch}`, vars);
}

/** git's first "fatal:"/"error:" line names the cause ("'x' does not appear to be a git repository"); the later ones restate it. */
function lastLine(text: string): string {
	const lines = text.split('\n').map(line => line.trim()).filter(Boolean);
	const telling = lines.find(line => /^(fatal|error):/.test(line)) ?? lines.at(-1) ?? 'git failed';
	return telling.replace(/^(fatal|error):\s*/, '');
}

const fallbackIdentity = {GIT_AUTHOR_NAME: 'Gas Town', GIT_AUTHOR_EMAIL: 'gastown@localhost', GIT_COMMITTER_NAME: 'Gas Town', GIT_COMMITTER_EMAIL: 'gastown@localhost'};

async function mergeCommit(repo: string, tree: string, ours: string, theirs: string, message: string, vars: GitVars): Promise<string> {
	const identity = (await gitConfigValue(repo, 'user.email', vars)) ? {} : fallbackIdentity;
	return runGit(repo, ['commit-tree', tree, '-p', ours, '-p', theirs, '-m', message], {...vars, ...identity}, 'recording the merge');
}

async function changesBetween(repo: string, from: string | undefined, to: string, vars: GitVars): Promise<LedgerChange[]> {
	const files = from ? await changedPaths(repo, from, to, vars) : (await runGit(repo, ['ls-tree', '-r', '--name-only', '-z', to], vars)).split('\0').filter(Boolean);
	const changes: LedgerChange[] = [];
	for (const file of files.filter(isLedgerPath)) {
		const before = from ? ((await blobAt(repo, from, file, vars))?.toString('utf8') ?? '') : '';
		const after = (await blobAt(repo, to, file, vars))?.toString('utf8') ?? '';
		const change = ledgerChange(file, before, after);
		if (!isEmptyChange(change)) changes.push(change);
	}
	return changes;
}

type Round = {head: string; theirs?: string; committed?: string; merged: boolean; reports: DriverReport[]; ours: string};

/** One round under the ledger locks: fold, commit, merge with what was fetched, apply. */
async function commitAndMerge(request: SyncRequest, branch: string, theirs: string | undefined, reportFile: string): Promise<Round> {
	const {repo, vars} = request;
	const release = await lockAll([...request.ledgers.filter(dir => Ledger.exists(dir)).map(dir => path.join(dir, ledgerFiles.lock)), ...(request.locks ?? [])]);
	try {
		for (const dir of request.ledgers) if (Ledger.exists(dir)) await Ledger.open(dir).compact({locked: true});
		request.onStep?.('committing local changes');
		const committed = await commitPaths(repo, request.paths, request.message, vars);
		const ours = await runGit(repo, ['rev-parse', 'HEAD'], vars);
		if (!theirs || (await isAncestor(repo, theirs, ours, vars))) return {head: ours, ours, ...(theirs ? {theirs} : {}), ...(committed ? {committed} : {}), merged: false, reports: []};
		let target = theirs;
		let merged = false;
		rmSync(reportFile, {force: true});
		if (!(await isAncestor(repo, ours, theirs, vars))) {
			request.onStep?.('merging');
			const result = await mergeTree(repo, ours, theirs, {...vars, [reportVariable]: reportFile});
			if ('conflicts' in result) {
				const files = result.conflicts;
				throw conflict(
					`${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''} changed on both sides and cannot be merged automatically`,
					`merge by hand: git -C ${repo} merge ${remoteName}/${branch}, fix and commit, then sync again (your changes are committed locally)`,
				);
			}
			target = await mergeCommit(repo, result.tree, ours, theirs, `Sync with ${remoteName}/${branch}`, vars);
			merged = true;
		}
		await applyCommit(repo, branch, ours, target, vars);
		const reports = existsSync(reportFile) ? readFileSync(reportFile, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as DriverReport) : [];
		return {head: target, ours, theirs, ...(committed ? {committed} : {}), merged, reports};
	} finally {
		release();
	}
}

async function push(repo: string, branch: string, vars: GitVars): Promise<'pushed' | 'raced'> {
	const result = await gitRaw(repo, ['push', '--quiet', '--porcelain', remoteName, `HEAD:refs/heads/${branch}`], vars);
	if (result.code === 0) return 'pushed';
	const output = `${result.stdout.toString('utf8')}\n${result.stderr}`;
	if (/\[rejected\]|non-fast-forward|fetch first|\[remote rejected\].*(cannot lock ref|failed to update ref)/i.test(output)) return 'raced';
	throw failure(`pushing to ${remoteName} failed: ${lastLine(result.stderr)}`, 'your changes are committed locally; fix access to the remote, then sync again');
}

export async function syncRepository(request: SyncRequest): Promise<SyncResult> {
	const {repo, vars} = request;
	const {branch} = await checkSyncable(repo, vars, 'the ledger');
	// One sync per clone at a time (a user's and an automatic one): the second waits.
	const releaseSync = await acquireLock(path.join(repositoryOf(repo)?.commonDir ?? path.join(repo, '.git'), syncLockName), {what: `gt sync in ${repo}`, timeoutMs: 120_000});
	try {
		// A remote that does not answer is refused before anything is written.
		request.onStep?.(`fetching from ${remoteName}`);
		const theirs = await fetchRemote(repo, branch, vars);
		await request.prepare?.();
		const setup = await registerMergeDriver(repo, vars, request.bdEntry);
		const paths = setup.attributesChanged || (await gitSucceeds(repo, ['ls-files', '--error-unmatch', '--', attributesFile], vars)) ? [...request.paths, attributesFile] : request.paths;
		return await syncRounds({...request, paths}, branch, theirs);
	} finally {
		releaseSync();
	}
}

async function syncRounds(request: SyncRequest, branch: string, fetched: string | undefined): Promise<SyncResult> {
	const {repo, vars, paths} = request;
	const reportDir = mkdtempSync(path.join(tmpdir(), 'gt-sync-'));
	const attempts = request.attempts ?? 5;
	let committed: string | undefined;
	// Where this clone stood once its own changes were committed: what arrives is measured from here.
	let firstOurs: string | undefined;
	let ownMerges = 0;
	const reports: DriverReport[] = [];
	try {
		for (let round = 1; ; round++) {
			if (round > 1) request.onStep?.(`fetching from ${remoteName} again`);
			const theirs = round === 1 ? fetched : await fetchRemote(repo, branch, vars);
			const result = await commitAndMerge({...request, paths}, branch, theirs, path.join(reportDir, 'report.jsonl'));
			committed ??= result.committed;
			firstOurs ??= result.ours;
			if (result.merged) ownMerges++;
			reports.push(...result.reports);
			const head = result.head;
			let pushed = false;
			if (head !== theirs) {
				request.onStep?.(`pushing to ${remoteName}`);
				if ((await push(repo, branch, vars)) === 'raced') {
					if (round >= attempts) throw conflict(`the remote kept moving: ${attempts} pushes lost the race to other machines`, 'your changes are committed locally; run the sync again');
					continue;
				}
				pushed = true;
				await runGit(repo, ['update-ref', `refs/remotes/${remoteName}/${branch}`, head], vars);
			}
			return {
				branch,
				remote: remoteName,
				...(committed ? {committed} : {}),
				incoming: {commits: (await countCommits(repo, firstOurs, head, vars)) - ownMerges, changes: await changesBetween(repo, firstOurs, head, vars)},
				outgoing: {commits: pushed ? await countCommits(repo, theirs, head, vars) : 0, changes: pushed ? await changesBetween(repo, theirs, head, vars) : []},
				kept: reports.flatMap(report => report.kept.map(id => ({ledger: path.posix.dirname(report.path), id}))),
				claims: reports.flatMap(report => report.claims.map(claim => ({...claim, ledger: path.posix.dirname(report.path)}))),
				pushed,
				rounds: round,
				head,
			};
		}
	} finally {
		rmSync(reportDir, {recursive: true, force: true});
	}
}
