// The Mayor: the town's coordinator agent, in <town>/mayor. It starts without a
// first prompt: its hooks (or the human) run `gt prime`, then it waits for requests.
import {mkdirSync} from 'node:fs';
import {randomUUID} from 'node:crypto';
import {mayorRef} from '../agents/address.js';
import {agentForRole} from '../agents/registry.js';
import {readTownConfig} from '../town/town-config.js';
import type {SessionInfo} from '../sessions/types.js';
import {isLive, type SessionControl} from '../sessions/port.js';
import {isGtError} from '../base/errors.js';

export async function startMayor(townRoot: string, control: SessionControl, options: {agent?: string} = {}): Promise<{info: SessionInfo; started: boolean}> {
	const mayor = mayorRef(townRoot);
	const existing = (await control.sessions()).find(info => info.id === mayor.sessionId);
	if (existing && isLive(existing)) return {info: existing, started: false};
	if (existing) await control.stop(mayor.sessionId);
	const chosen = agentForRole(readTownConfig(townRoot), 'mayor', options.agent);
	mkdirSync(mayor.dir, {recursive: true});
	try {
		const info = await control.start({
			id: mayor.sessionId,
			address: mayor.address,
			role: 'mayor',
			agent: chosen.name,
			cwd: mayor.dir,
			conversationId: randomUUID(),
		});
		return {info, started: true};
	} catch (error) {
		// Two starters at once (gt up and an open UI, say): the other one won, and that is the goal.
		const running = isGtError(error) && error.kind === 'conflict' ? (await control.sessions()).find(info => info.id === mayor.sessionId) : undefined;
		if (running && isLive(running)) return {info: running, started: false};
		throw error;
	}
}
