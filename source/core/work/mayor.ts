// The Mayor: the town's coordinator agent, in <town>/mayor. It starts without a
// first prompt: its hooks (or the human) run `gt prime`, then it waits for requests.
import {mkdirSync} from 'node:fs';
import {randomUUID} from 'node:crypto';
import {mayorRef} from '../agents/address.js';
import {agentForRole} from '../agents/registry.js';
import {readTownConfig} from '../town/town-config.js';
import type {SessionInfo} from '../sessions/types.js';
import {isLive, type SessionControl} from '../sessions/port.js';
import {failure, isGtError} from '../base/errors.js';
import {setTimeout as sleep} from 'node:timers/promises';

/** How long a start is watched for an agent that exits at once (claude's offline check takes ~3 s). */
export const mayorSettleMs = 4000;
const pollMs = 150;

/**
 * The Mayor's session once it is past starting (or `settleMs` passed): an agent that
 * exits right away is an error saying why, never "Mayor started".
 */
async function settled(control: SessionControl, info: SessionInfo, settleMs: number): Promise<SessionInfo> {
	const deadline = Date.now() + settleMs;
	let current = info;
	while (current.state.state === 'starting' && Date.now() < deadline) {
		await sleep(pollMs);
		const found = (await control.sessions()).find(each => each.id === info.id);
		// A port that lists nothing (or a session stopped meanwhile): nothing more to learn here.
		if (!found) return current;
		current = found;
	}
	if (current.state.state === 'exited') {
		const how = current.exitSignal ? `killed by ${current.exitSignal}` : `exit code ${current.exitCode ?? '?'}`;
		throw failure(`the Mayor (${current.agent}) exited as it started (${how})${current.state.reason ? `: ${current.state.reason}` : ''}`, 'see its last screen with `gt peek mayor`; pick another agent with --agent');
	}
	return current;
}

export async function startMayor(townRoot: string, control: SessionControl, options: {agent?: string; settleMs?: number} = {}): Promise<{info: SessionInfo; started: boolean}> {
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
		return {info: await settled(control, info, options.settleMs ?? mayorSettleMs), started: true};
	} catch (error) {
		// Two starters at once (gt up and an open UI, say): the other one won, and that is the goal.
		const running = isGtError(error) && error.kind === 'conflict' ? (await control.sessions()).find(info => info.id === mayor.sessionId) : undefined;
		if (running && isLive(running)) return {info: running, started: false};
		throw error;
	}
}
