// The Mayor: the town's coordinator agent, in <town>/mayor. It starts without a
// first prompt: its hooks (or the human) run `gt prime`, then it waits for requests.
import {mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {atomicWriteFileSync} from '../base/atomic-write.js';
import {townLayout} from '../base/paths.js';
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

/** The Mayor's last conversation: a later start (gt up after gt down, a new daemon) resumes it. */
type RememberedConversation = {agent: string; conversation_id: string; started_at: string};

const conversationFile = (townRoot: string) => path.join(townLayout(townRoot).runtime, 'mayor-conversation.json');

function rememberedConversation(townRoot: string, agent: string): string | undefined {
	try {
		const saved = JSON.parse(readFileSync(conversationFile(townRoot), 'utf8')) as Partial<RememberedConversation>;
		// Another runtime's id means nothing to this one.
		return saved.agent === agent && typeof saved.conversation_id === 'string' && /^[\w-]+$/.test(saved.conversation_id) ? saved.conversation_id : undefined;
	} catch {
		return undefined;
	}
}

function remember(townRoot: string, conversation: RememberedConversation): void {
	if (rememberedConversation(townRoot, conversation.agent) === conversation.conversation_id) return;
	mkdirSync(path.dirname(conversationFile(townRoot)), {recursive: true});
	atomicWriteFileSync(conversationFile(townRoot), `${JSON.stringify(conversation, null, 2)}\n`);
}

/**
 * Starts the Mayor unless it runs. Its conversation carries over: the id of the last
 * one (per runtime) is kept in .runtime/, and a start resumes it; `fresh` starts a new
 * one. A runtime that has nothing saved under the id starts fresh (the daemon's
 * failed-resume path), so a stale file costs one quick retry, never a stuck Mayor.
 */
export async function startMayor(townRoot: string, control: SessionControl, options: {agent?: string; settleMs?: number; fresh?: boolean} = {}): Promise<{info: SessionInfo; started: boolean; resumed: boolean}> {
	const mayor = mayorRef(townRoot);
	const existing = (await control.sessions()).find(info => info.id === mayor.sessionId);
	if (existing && isLive(existing)) {
		// A failed resume made a new conversation in the daemon: remember that one.
		if (existing.conversationId) remember(townRoot, {agent: existing.agent, conversation_id: existing.conversationId, started_at: existing.startedAt});
		return {info: existing, started: false, resumed: false};
	}
	if (existing) await control.stop(mayor.sessionId);
	const chosen = agentForRole(readTownConfig(townRoot), 'mayor', options.agent);
	mkdirSync(mayor.dir, {recursive: true});
	const previous = options.fresh ? undefined : rememberedConversation(townRoot, chosen.name);
	const conversationId = previous ?? randomUUID();
	try {
		const info = await control.start({
			id: mayor.sessionId,
			address: mayor.address,
			role: 'mayor',
			agent: chosen.name,
			cwd: mayor.dir,
			conversationId,
			...(previous ? {resume: true} : {}),
		});
		remember(townRoot, {agent: chosen.name, conversation_id: info.conversationId ?? conversationId, started_at: info.startedAt});
		return {info: await settled(control, info, options.settleMs ?? mayorSettleMs), started: true, resumed: previous !== undefined};
	} catch (error) {
		// Two starters at once (gt up and an open UI, say): the other one won, and that is the goal.
		const running = isGtError(error) && error.kind === 'conflict' ? (await control.sessions()).find(info => info.id === mayor.sessionId) : undefined;
		if (running && isLive(running)) return {info: running, started: false, resumed: false};
		throw error;
	}
}
