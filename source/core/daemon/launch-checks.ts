// What the supervisor checks before it starts a session (the spec a client sent, the
// program and directory a launch needs) and after one ends (a resume that found
// nothing saved is retried fresh).
import {statSync} from 'node:fs';
import {findProgram} from '../base/programs.js';
import {notFound, usageError} from '../base/errors.js';
import {knownRefusal} from '../agents/state/failures.js';
import type {Launch, SessionInfo} from '../sessions/types.js';
import {sessionIdForAddress, type SessionSpec} from '../sessions/types.js';
import type {SessionRecord} from './daemon-paths.js';
import type {Session} from './session.js';

const roles = new Set(['mayor', 'polecat', 'crew', 'witness', 'refinery', 'deacon']);

export function checkSpec(value: unknown): SessionSpec {
	const spec = value as SessionSpec;
	if (typeof spec !== 'object' || spec === null) throw usageError('session.start needs a spec');
	for (const field of ['id', 'address', 'role', 'agent', 'cwd'] as const) {
		if (typeof spec[field] !== 'string' || spec[field] === '') throw usageError(`session spec has no ${field}`);
	}
	if (!roles.has(spec.role)) throw usageError(`session spec has an unknown role "${spec.role}"`);
	if (!/^[\w.-]+$/.test(spec.id) || spec.id.startsWith('.')) throw usageError(`invalid session id "${spec.id}"`);
	if (sessionIdForAddress(spec.address) !== spec.id) throw usageError(`session id "${spec.id}" does not match address "${spec.address}"`);
	return spec;
}

/** A missing program or directory is a clear error now, not an agent that exits at once with execvp's message. */
export function checkLaunch(spec: SessionSpec, launch: Launch): void {
	let directory = false;
	try {
		directory = statSync(launch.cwd).isDirectory();
	} catch {}
	if (!directory) throw notFound(`the working directory of ${spec.address} is gone: ${launch.cwd}`, 'sling the work again, or restore the worktree');
	if (!findProgram(launch.file, launch.env.PATH)) {
		throw notFound(`agent "${spec.agent}" runs ${launch.file}, which is not installed (not found on PATH)`, `install it, or pick another agent with --agent (gt config agent list)`);
	}
}

/** An exit right after a resume that the runtime explains as "nothing saved under that id". */
export function shouldStartFresh(session: Session): boolean {
	const {state, failure} = session.state;
	return state === 'exited' && !session.running && session.launched?.resumed === true && (failure === 'no-saved-conversation' || failure === 'id-in-use');
}

/** A resume that found nothing saved: the same spec and hook again, in a new conversation (one at a time per session). */
export async function startFreshOnce(inFlight: Set<string>, session: Session, restartFresh: (id: string) => Promise<unknown>, log: (message: string) => void): Promise<void> {
	if (inFlight.has(session.id)) return;
	inFlight.add(session.id);
	const why = session.state.reason ?? 'nothing saved to resume';
	try {
		await restartFresh(session.id);
		log(`${session.id} could not resume (${why}); started fresh on the same hook`);
	} catch (error) {
		log(`${session.id} could not resume, and a fresh start failed: ${(error as Error).message}`);
	} finally {
		inFlight.delete(session.id);
	}
}

/**
 * A recorded agent that a known refusal kept from starting again (claude as root after a
 * daemon restart), as every surface lists it: exited, with the reason and its two fixes.
 */
export function refusedInfo(record: SessionRecord, error: unknown, now: number): SessionInfo | undefined {
	const refusal = knownRefusal(error);
	if (!refusal) return undefined;
	const since = new Date(now).toISOString();
	const {spec} = record;
	return {...spec, startedAt: since, state: {state: 'exited', source: 'process', confidence: 1, detail: 'not started', reason: refusal.reason, failure: refusal.kind, since}, cols: spec.cols ?? 120, rows: spec.rows ?? 40, restarts: 0};
}
