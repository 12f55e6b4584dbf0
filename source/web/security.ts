// Who may talk to the dashboard. It can type into agents' terminals, so it is guarded
// like a Jupyter server: a random token in the first URL, traded for an HttpOnly,
// SameSite=Strict cookie; a Host check against DNS rebinding; a foreign Origin refused;
// every action a POST carrying a CSRF token that only the page (same origin) can read.
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import {hostname} from 'node:os';
import {isIP} from 'node:net';

export const cookieName = 'gt_dashboard';
export const csrfHeader = 'x-gt-csrf';

export type Guard = {
	readonly token: string;
	readonly csrf: string;
	/** Compares in constant time. */
	tokenMatches(candidate: string | undefined): boolean;
	csrfMatches(candidate: string | undefined): boolean;
	/** A Host header naming this server: loopback names, an IP literal, or this machine's name. */
	hostAllowed(host: string | undefined): boolean;
	/** No Origin (same-origin GETs, curl), or one whose host is allowed. */
	originAllowed(origin: string | undefined): boolean;
};

export const newToken = () => randomBytes(24).toString('base64url');

const same = (a: string, b: string | undefined) => {
	if (b === undefined) return false;
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
};

/** "[::1]:8080" → "::1"; "localhost:8080" → "localhost". Undefined when it is not host[:port]. */
function hostPart(host: string): {name: string; port?: string} | undefined {
	const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(host);
	if (bracketed) return {name: bracketed[1]!, ...(bracketed[2] ? {port: bracketed[2]} : {})};
	const plain = /^([a-z0-9.-]+)(?::(\d+))?$/i.exec(host);
	return plain ? {name: plain[1]!.toLowerCase(), ...(plain[2] ? {port: plain[2]} : {})} : undefined;
}

/** `port()` is read per request: with port 0 the real one is known only after listen. */
export function makeGuard(token: string, port: () => number): Guard {
	const csrf = createHmac('sha256', token).update('csrf').digest('base64url');
	const machine = hostname().toLowerCase();
	const names = new Set(['localhost', machine, `${machine}.local`]);
	const hostAllowed = (host: string | undefined) => {
		if (!host) return false;
		const part = hostPart(host);
		if (!part) return false;
		if (part.port !== undefined && Number(part.port) !== port()) return false;
		// A rebinding attack needs a DNS name the attacker controls; IP literals and our own names cannot be one.
		return isIP(part.name) !== 0 || names.has(part.name);
	};
	return {
		token,
		csrf,
		tokenMatches: candidate => same(token, candidate),
		csrfMatches: candidate => same(csrf, candidate),
		hostAllowed,
		originAllowed(origin) {
			if (origin === undefined) return true;
			try {
				const url = new URL(origin);
				return url.protocol === 'http:' && hostAllowed(url.host);
			} catch {
				return false;
			}
		},
	};
}

/** Loopback binds need no warning; anything else exposes agents' terminals to the network. */
export function isLoopback(bind: string): boolean {
	return bind === 'localhost' || bind === '::1' || /^127\./.test(bind);
}
