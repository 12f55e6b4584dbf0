// Agents that exist but have no session: a polecat or crew worktree, or the Mayor,
// that the daemon is not running (stopped, never started, or the daemon is down).
// `gt agents --all` lists them beside the running ones, so a stopped agent does not
// vanish, and says how each comes back.
import {existsSync, readdirSync, statSync} from 'node:fs';
import {crewRef, mayorRef, polecatRef, type AgentRef} from '../agents/address.js';
import {rigLayout} from '../base/paths.js';
import type {Bead} from '../beads/types.js';
import {rigNames} from '../town/rig-config.js';
import type {AgentRole} from '../sessions/types.js';

export type StoppedAgent = {
	readonly address: string;
	readonly role: AgentRole;
	readonly rig?: string;
	readonly name?: string;
	readonly cwd: string;
	readonly state: {readonly state: 'stopped'; readonly source: 'gt'};
	/** The bead on its hook, if any. */
	readonly bead?: string;
	/** The command that starts it again. */
	readonly restart: string;
};

const dirsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter(name => !name.startsWith('.') && statSync(`${dir}/${name}`).isDirectory()).sort() : []);

/** The Mayor and every agent with a worktree, running or not: polecats, then crew, rig by rig. */
export function agentsOnDisk(townRoot: string): AgentRef[] {
	const refs: AgentRef[] = [mayorRef(townRoot)];
	for (const rig of rigNames(townRoot)) {
		const layout = rigLayout(townRoot, rig);
		refs.push(...dirsIn(layout.polecats).map(name => polecatRef(townRoot, rig, name)), ...dirsIn(layout.crew).map(name => crewRef(townRoot, rig, name)));
	}
	return refs;
}

/** Every agent with a worktree (and the Mayor) whose address is not among `running`. */
export function stoppedAgents(townRoot: string, running: ReadonlySet<string>, hooks: ReadonlyMap<string, Bead>): StoppedAgent[] {
	return agentsOnDisk(townRoot).filter(ref => !running.has(ref.address)).map(ref => {
		const bead = hooks.get(ref.address)?.id;
		const restart = ref.role === 'mayor' ? 'gt mayor start' : bead ? 'gt up' : ref.role === 'crew' ? `gt sling <bead> ${ref.rig!} --crew ${ref.name!}` : `gt sling <bead> ${ref.address}`;
		return {address: ref.address, role: ref.role, ...(ref.rig ? {rig: ref.rig, name: ref.name} : {}), cwd: ref.dir, state: {state: 'stopped', source: 'gt'}, ...(bead ? {bead} : {}), restart};
	});
}
