// Agent addresses: `mayor/`, `<rig>/polecats/<name>` (short `<rig>/<name>`),
// `<rig>/crew/<name>`. Each address has one working directory and one session id.
import path from 'node:path';
import type {Environment} from '../base/environment.js';
import {notFound, usageError} from '../base/errors.js';
import {validateName} from '../base/names.js';
import {crewDir, findTownRoot, polecatDir, rigOfPath, townLayout} from '../base/paths.js';
import {requireRig} from '../town/rig-config.js';
import {sessionIdForAddress, type AgentRole} from '../sessions/types.js';

export type AgentRef = {
	readonly address: string;
	readonly role: AgentRole;
	readonly rig?: string;
	readonly name?: string;
	/** Its working directory: the worktree, or mayor/. */
	readonly dir: string;
	readonly sessionId: string;
};

export function mayorRef(townRoot: string): AgentRef {
	return {address: 'mayor/', role: 'mayor', dir: townLayout(townRoot).mayor, sessionId: 'mayor'};
}

export function polecatRef(townRoot: string, rig: string, name: string): AgentRef {
	const address = `${rig}/polecats/${name}`;
	return {address, role: 'polecat', rig, name, dir: polecatDir(townRoot, rig, name), sessionId: sessionIdForAddress(address)};
}

export function crewRef(townRoot: string, rig: string, name: string): AgentRef {
	const address = `${rig}/crew/${name}`;
	return {address, role: 'crew', rig, name, dir: crewDir(townRoot, rig, name), sessionId: sessionIdForAddress(address)};
}

/** Parses an address, its short form, or a session id (`mp.polecats.nux`). */
export function parseAgentRef(townRoot: string, text: string): AgentRef {
	const words = text.replaceAll('.', '/').replace(/\/+$/, '').split('/');
	if (words.length === 1 && words[0] === 'mayor') return mayorRef(townRoot);
	const [rig, kind, name] = words;
	if (rig && kind && (words.length === 2 || (words.length === 3 && name && (kind === 'polecats' || kind === 'crew')))) {
		requireRig(townRoot, rig);
		const worker = validateName(kind === 'crew' && words.length === 3 ? 'crew' : 'polecat', words.length === 2 ? kind : name!);
		return kind === 'crew' && words.length === 3 ? crewRef(townRoot, rig, worker) : polecatRef(townRoot, rig, worker);
	}
	throw usageError(`"${text}" is not an agent address`, 'use mayor, <rig>/<polecat>, <rig>/polecats/<name> or <rig>/crew/<name>');
}

/** The agent running this command: GT_AGENT (set in every agent's environment), else the worktree we are in. */
export function currentAgent(env: Environment, explicit?: string): AgentRef {
	const townRoot = findTownRoot(env);
	if (!townRoot) throw notFound(`not inside a Gas Town (no town.toml in ${env.cwd} or above)`, 'run `gt install <path>` or cd into a town');
	const named = explicit ?? env.vars.GT_AGENT;
	if (named) return parseAgentRef(townRoot, named);
	const relative = path.relative(townRoot, env.cwd).split(path.sep);
	if (relative[0] === 'mayor') return mayorRef(townRoot);
	const rig = rigOfPath(townRoot, env.cwd);
	if (rig && relative[1] === 'polecats' && relative[2]) return polecatRef(townRoot, rig, relative[2]);
	if (rig && relative[1] === 'crew' && relative[2]) return crewRef(townRoot, rig, relative[2]);
	throw usageError('which agent? this is not an agent\'s worktree and GT_AGENT is not set', 'name one, e.g. `gt hook mp/furiosa`, or run it inside a polecat or crew worktree');
}
