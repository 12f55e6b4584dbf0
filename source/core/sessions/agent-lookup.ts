// Which agent a user means: a session id (mp.polecats.nux), an address
// (mp/polecats/nux, mayor/), the short form (mp/nux, mp/me for crew), or a bare
// name when only one agent has it. Anything else is "no such agent" (exit 3).
import {notFound, usageError} from '../base/errors.js';
import {sessionIdForAddress} from './types.js';

type Named = {readonly id: string; readonly address: string};

const trim = (address: string) => address.replace(/\/+$/, '');

export function findAgent<T extends Named>(agents: readonly T[], ref: string): T {
	const wanted = trim(ref.trim());
	const exact = agents.find(agent => agent.id === wanted || trim(agent.address) === wanted || agent.id === sessionIdForAddress(wanted));
	if (exact) return exact;
	const words = wanted.split('/');
	let matches: T[] = [];
	if (words.length === 2) {
		const [rig, name] = words;
		matches = agents.filter(agent => agent.id === `${rig}.polecats.${name}` || agent.id === `${rig}.crew.${name}`);
	} else if (words.length === 1 && wanted !== '') {
		matches = agents.filter(agent => trim(agent.address).split('/').at(-1) === wanted);
	}
	if (matches.length === 1) return matches[0]!;
	if (matches.length > 1) throw usageError(`"${ref}" could be ${matches.map(agent => agent.address).join(' or ')}`, 'name it by its full address');
	const known = agents.map(agent => trim(agent.address));
	throw notFound(`no agent "${ref}"`, known.length > 0 ? `agents: ${known.join(', ')}` : 'no agents are running; see `gt agents`');
}

/** The session id an agent's own callbacks name (GT_AGENT holds its address; `<rig>/<name>` is a polecat). */
export function sessionIdForRef(ref: string): string {
	const words = trim(ref).split('/');
	if (words.length === 2 && !ref.includes('.')) return `${words[0]}.polecats.${words[1]}`;
	return sessionIdForAddress(ref);
}
