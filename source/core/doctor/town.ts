// The town's part of gt doctor: town.toml, the agents it names, each rig's config,
// bare clone and refinery worktree, and every ledger file line by line.
import {existsSync, readdirSync, readFileSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';
import {agentForRole, agentRoles, isInstalled, resolveAgent, defaultAgentName} from '../agents/registry.js';
import type {Environment} from '../base/environment.js';
import {errnoCode} from '../base/errors.js';
import {readTomlFile} from '../base/toml-file.js';
import {rigLayout, townLayout} from '../base/paths.js';
import {parseLedgerText} from '../beads/jsonl.js';
import {ledgerFiles} from '../beads/ledger.js';
import {readRoutes} from '../beads/routes.js';
import {runGit} from '../git/client.js';
import {readRigConfig, rigNames} from '../town/rig-config.js';
import {readTownConfig, type TownConfig} from '../town/town-config.js';
import {fail, messageOf, ok, type CheckResult} from './types.js';

export function checkTownConfig(townRoot: string): {result: CheckResult; config?: TownConfig} {
	const file = townLayout(townRoot).config;
	try {
		const config = readTownConfig(townRoot);
		return {result: ok('town.config', 'town config', `${file} parses (town "${config.name}")`), config};
	} catch (error) {
		return {result: fail('town.config', 'town config', messageOf(error), `fix the TOML in ${file} by hand (\`gt config show\` reads it once it parses)`)};
	}
}

/** The agents the town would start: the default one and every role's. */
export function checkConfiguredAgents(config: TownConfig, env: Environment): {results: CheckResult[]; names: Set<string>} {
	const results: CheckResult[] = [];
	const names = new Set<string>();
	const users = new Map<string, string[]>();
	for (const role of agentRoles) {
		try {
			const agent = agentForRole(config, role);
			users.set(agent.name, [...(users.get(agent.name) ?? []), role]);
		} catch (error) {
			results.push(fail(`agent.role.${role}`, `agent for ${role}`, messageOf(error), `name a known agent: gt config set roles.${role} <agent>, or gt config agent set <name> "<command>"`));
		}
	}
	for (const [name, roles] of users) {
		names.add(name);
		const agent = resolveAgent(config, name);
		const label = `agent ${name}`;
		const usedBy = name === defaultAgentName(config) ? 'the default agent' : `used by ${roles.join(', ')}`;
		if (isInstalled(agent, env.vars)) results.push(ok(`agent.${name}`, label, `${usedBy}; ${agent.bundled ? 'bundled with gt' : `runs ${agent.command}`}`));
		else results.push(fail(`agent.${name}`, label, `${usedBy}, but ${agent.command} is not found on PATH`, `install ${agent.command}, or switch: gt config default-agent sim (gt config agent list shows the choices)`));
	}
	return {results, names};
}

async function isWorktreeAt(dir: string, vars: Environment['vars']): Promise<boolean> {
	if (!existsSync(dir)) return false;
	try {
		const top = await runGit(dir, ['rev-parse', '--show-toplevel'], vars);
		return path.resolve(top) === realpathSync(dir);
	} catch {
		return false;
	}
}

export async function checkRig(townRoot: string, rig: string, env: Environment): Promise<CheckResult[]> {
	const layout = rigLayout(townRoot, rig);
	let branch: string;
	try {
		branch = readRigConfig(townRoot, rig).default_branch;
	} catch (error) {
		return [fail(`rig.${rig}.config`, `rig ${rig} config`, messageOf(error), `fix the TOML in ${layout.config} by hand`)];
	}
	const results: CheckResult[] = [ok(`rig.${rig}.config`, `rig ${rig} config`, `${layout.config} parses (default branch ${branch})`)];
	const bare = existsSync(layout.repo) && (await runGit(layout.repo, ['rev-parse', '--is-bare-repository'], env.vars).catch(() => '')) === 'true';
	if (!bare) {
		results.push(fail(`rig.${rig}.repo`, `rig ${rig} repo`, `no bare clone at ${layout.repo}`, `re-add the rig: gt rig remove ${rig} --force && gt rig add ${rig} <url>`));
		return results;
	}
	results.push(ok(`rig.${rig}.repo`, `rig ${rig} repo`, layout.repo));
	if (await isWorktreeAt(layout.refinery, env.vars)) results.push(ok(`rig.${rig}.refinery`, `rig ${rig} refinery`, `worktree ${layout.refinery}`));
	else {
		results.push(fail(`rig.${rig}.refinery`, `rig ${rig} refinery`, `the refinery worktree ${layout.refinery} is missing or not a worktree`,
			`rm -rf ${layout.refinery} && git -C ${layout.repo} worktree prune && git -C ${layout.repo} worktree add ${layout.refinery} ${branch}`));
	}
	results.push(await checkWorkerWorktrees(townRoot, rig, env));
	return results;
}

function subdirectories(dir: string): string[] {
	try {
		return readdirSync(dir).filter(name => !name.startsWith('.') && statSync(path.join(dir, name)).isDirectory()).sort();
	} catch {
		return [];
	}
}

/** Crew and polecat directories that are no longer git worktrees (a .git deleted, a worktree pruned). */
export async function checkWorkerWorktrees(townRoot: string, rig: string, env: Environment): Promise<CheckResult> {
	const layout = rigLayout(townRoot, rig);
	const workers = [
		...subdirectories(layout.crew).map(name => ({dir: path.join(layout.crew, name), fix: `gt crew remove ${name} --rig ${rig} --force`})),
		...subdirectories(layout.polecats).map(name => ({dir: path.join(layout.polecats, name), fix: `gt polecat remove ${rig}/${name} --force`})),
	];
	const broken: typeof workers = [];
	for (const worker of workers) if (!(await isWorktreeAt(worker.dir, env.vars))) broken.push(worker);
	const label = `rig ${rig} worktrees`;
	if (broken.length > 0) {
		return fail(`rig.${rig}.worktrees`, label, `not a git worktree: ${broken.map(worker => path.relative(townRoot, worker.dir)).join(', ')}`, `${broken.map(worker => worker.fix).join('; ')} (copy out anything you need first)`);
	}
	return ok(`rig.${rig}.worktrees`, label, `${workers.length} crew and polecat worktree${workers.length === 1 ? '' : 's'}`);
}

/** Every line of a ledger's files and its config, as a write would read them. */
export function checkLedger(dir: string, id: string, label: string): CheckResult {
	try {
		readTomlFile(path.join(dir, ledgerFiles.config));
		let beads = 0;
		for (const name of [ledgerFiles.durable, ledgerFiles.ephemeral]) {
			const file = path.join(dir, name);
			let text: string;
			try {
				text = readFileSync(file, 'utf8');
			} catch (error) {
				if (errnoCode(error) === 'ENOENT') continue;
				throw error;
			}
			beads += parseLedgerText(text, file, {unique: true}).beads.length;
		}
		return ok(`ledger.${id}`, `ledger ${label}`, `${beads} bead${beads === 1 ? '' : 's'} parse (${dir})`);
	} catch (error) {
		return fail(`ledger.${id}`, `ledger ${label}`, messageOf(error), 'fix or remove that line by hand (every write to this ledger stops until then; git history or `bd import` can bring it back)');
	}
}

export function checkRoutes(townRoot: string): CheckResult {
	const file = townLayout(townRoot).routes;
	try {
		const routes = readRoutes(townRoot);
		const missing = routes.filter(route => route.path !== '.' && route.path !== '' && !existsSync(path.join(townRoot, route.path, '.beads')));
		if (missing.length > 0) return fail('routes', 'routes', `${missing.map(route => `${route.prefix} → ${route.path}`).join(', ')}: no ledger there`, `remove those lines from ${file}, or restore the rig`);
		return ok('routes', 'routes', `${routes.length} prefix route${routes.length === 1 ? '' : 's'}`);
	} catch (error) {
		return fail('routes', 'routes', messageOf(error), `fix or remove that line of ${file} by hand`);
	}
}

export async function checkTown(townRoot: string, env: Environment): Promise<{results: CheckResult[]; agents: Set<string>}> {
	const {result, config} = checkTownConfig(townRoot);
	const results = [result];
	const agents = config ? checkConfiguredAgents(config, env) : {results: [], names: new Set<string>()};
	results.push(...agents.results, checkRoutes(townRoot), checkLedger(townLayout(townRoot).beads, 'hq', 'hq'));
	for (const rig of rigNames(townRoot)) {
		results.push(...(await checkRig(townRoot, rig, env)));
		results.push(checkLedger(rigLayout(townRoot, rig).beads, rig, rig));
	}
	return {results, agents: agents.names};
}
