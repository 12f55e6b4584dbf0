import {describe, expect, it} from 'vitest';
import {findAgent, sessionIdForRef} from '../../../source/core/sessions/agent-lookup.js';
import {isGtError} from '../../../source/core/base/errors.js';

const agents = [
	{id: 'mayor', address: 'mayor/'},
	{id: 'mp.polecats.nux', address: 'mp/polecats/nux'},
	{id: 'mp.crew.max', address: 'mp/crew/max'},
	{id: 'tl.polecats.max', address: 'tl/polecats/max'},
];

function errorOf(action: () => unknown) {
	try {
		action();
	} catch (error) {
		if (isGtError(error)) return {kind: error.kind, line: error.describe()};
	}
	throw new Error('expected a GtError');
}

describe('findAgent', () => {
	it('finds an agent by id, address, short form or unique name', () => {
		expect(findAgent(agents, 'mayor').id).toBe('mayor');
		expect(findAgent(agents, 'mayor/').id).toBe('mayor');
		expect(findAgent(agents, 'mp.polecats.nux').id).toBe('mp.polecats.nux');
		expect(findAgent(agents, 'mp/polecats/nux/').id).toBe('mp.polecats.nux');
		expect(findAgent(agents, 'mp/nux').id).toBe('mp.polecats.nux');
		expect(findAgent(agents, 'mp/max').id).toBe('mp.crew.max');
		expect(findAgent(agents, 'nux').id).toBe('mp.polecats.nux');
	});

	it('an unknown agent is not found (exit 3); an ambiguous name is a usage error', () => {
		expect(errorOf(() => findAgent(agents, 'ghost'))).toEqual({kind: 'notFound', line: 'no agent "ghost" — agents: mayor, mp/polecats/nux, mp/crew/max, tl/polecats/max'});
		expect(errorOf(() => findAgent([], 'mayor'))).toEqual({kind: 'notFound', line: 'no agent "mayor" — no agents are running; see `gt agents`'});
		expect(errorOf(() => findAgent(agents, 'max'))).toEqual({kind: 'usage', line: '"max" could be mp/crew/max or tl/polecats/max — name it by its full address'});
		expect(errorOf(() => findAgent(agents, 'a/b/c/d')).kind).toBe('notFound');
	});

	it('maps an agent\'s own GT_AGENT to its session id', () => {
		expect(sessionIdForRef('mayor/')).toBe('mayor');
		expect(sessionIdForRef('mp/polecats/nux')).toBe('mp.polecats.nux');
		expect(sessionIdForRef('mp/nux')).toBe('mp.polecats.nux');
		expect(sessionIdForRef('mp.crew.max')).toBe('mp.crew.max');
	});
});
