// gt doctor [--json]: one line per check (✓ ok, ! warning, ✗ failure with its fix); exit 1 on any failure.
import {runDoctor} from '../../core/doctor/doctor.js';
import type {CheckStatus} from '../../core/doctor/types.js';
import {flagBool, type CommandContext} from '../spec.js';

const marks: Record<CheckStatus, string> = {ok: '✓', warn: '!', fail: '✗'};

export async function run(context: CommandContext): Promise<number> {
	const report = await runDoctor(context.env);
	if (flagBool(context, 'json')) {
		context.out.json(report.checks.map(check => ({id: check.id, name: check.name, status: check.status, message: check.message, fix: check.fix ?? null})));
		return report.ok ? 0 : 1;
	}
	context.out.line(report.townRoot ? `Town ${report.townRoot}` : 'Not inside a town: checking this machine only');
	const width = Math.max(...report.checks.map(check => check.name.length));
	for (const check of report.checks) {
		const fix = check.status !== 'ok' && check.fix ? ` — fix: ${check.fix}` : '';
		context.out.line(`${marks[check.status]} ${check.name.padEnd(width)}  ${check.message}${fix}`);
	}
	const failed = report.checks.filter(check => check.status === 'fail').length;
	const warned = report.checks.filter(check => check.status === 'warn').length;
	context.out.line(failed > 0 ? `${failed} check${failed === 1 ? '' : 's'} failed${warned ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''}` : `All checks passed${warned ? ` (${warned} warning${warned === 1 ? '' : 's'})` : ''}`);
	return report.ok ? 0 : 1;
}
