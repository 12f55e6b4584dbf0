import {hostname} from 'node:os';
import {describe, expect, it} from 'vitest';
import {isLoopback, makeGuard, newToken} from '../../source/web/security.js';

describe('the dashboard guard', () => {
	const guard = makeGuard('secret-token', () => 8080);

	it('accepts loopback names, IP literals and this machine on the right port', () => {
		for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST:8080', '[::1]:8080', '192.168.1.20:8080', `${hostname()}:8080`, '127.0.0.1']) expect(guard.hostAllowed(host), host).toBe(true);
	});

	it('refuses names an attacker could point at us (DNS rebinding), other ports and junk', () => {
		for (const host of ['attacker.example:8080', 'localhost.attacker.example:8080', '127.0.0.1:9999', '', 'a b', '[::1', 'localhost:8080/x', undefined]) expect(guard.hostAllowed(host), String(host)).toBe(false);
	});

	it('refuses a foreign or malformed Origin, allows none and our own', () => {
		expect(guard.originAllowed(undefined)).toBe(true);
		expect(guard.originAllowed('http://127.0.0.1:8080')).toBe(true);
		expect(guard.originAllowed('http://evil.example')).toBe(false);
		expect(guard.originAllowed('http://127.0.0.1:8081')).toBe(false);
		expect(guard.originAllowed('null')).toBe(false);
		expect(guard.originAllowed('file://x')).toBe(false);
	});

	it('checks tokens exactly, and derives a CSRF token that is not the token', () => {
		expect(guard.tokenMatches('secret-token')).toBe(true);
		expect(guard.tokenMatches('secret-tokeN')).toBe(false);
		expect(guard.tokenMatches('secret')).toBe(false);
		expect(guard.tokenMatches(undefined)).toBe(false);
		expect(guard.csrf).not.toContain('secret');
		expect(guard.csrfMatches(guard.csrf)).toBe(true);
		expect(guard.csrfMatches(guard.token)).toBe(false);
		expect(makeGuard('other', () => 1).csrf).not.toBe(guard.csrf);
	});

	it('makes long random tokens and knows loopback binds', () => {
		const token = newToken();
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(newToken()).not.toBe(token);
		expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true);
		expect(['0.0.0.0', '::', '192.168.1.2'].some(isLoopback)).toBe(false);
	});
});
