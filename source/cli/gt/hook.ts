import {currentAgent, parseAgentRef} from '../../core/agents/address.js';
import {existsSync} from 'node:fs';
import {notFound} from '../../core/base/errors.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {primeContext} from '../../core/work/prime.js';
import {ledgerHolding} from '../../core/beads/resolve.js';
import {attach} from './hook-attach.js';
import {flagBool, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const townRoot = requireTownRoot(context.env);
	const [word] = context.args;
	// The original's `gt hook <bead>`: a bead id (one a ledger holds) goes on your own hook.
	if (word && (await ledgerHolding(townRoot, word)?.read())?.has(word)) {
		await attach(context, townRoot, currentAgent(context.env), word);
		return;
	}
	const agent = word ? parseAgentRef(townRoot, word) : currentAgent(context.env);
	const work = await primeContext(townRoot, agent);
	if (!work.bead && (agent.role === 'polecat' || agent.role === 'crew') && !existsSync(agent.dir)) {
		// No worktree and nothing hooked: no such agent (a finished polecat keeps its worktree).
		throw notFound(`no ${agent.role} "${agent.name}" in rig ${agent.rig}`, '`gt hooks list` shows every agent and its hook');
	}
	if (flagBool(context, 'json')) {
		context.out.json({address: work.address, role: work.role, rig: work.rig ?? null, bead: work.bead, worktree: work.worktree, branch: work.branch ?? null, steps: work.steps});
		return;
	}
	context.out.line(`${work.address}  (${work.role}${work.rig ? ` in rig ${work.rig}` : ''})`);
	if (!work.bead) {
		context.out.line('  nothing on the hook');
		return;
	}
	context.out.line(`⚓ ${work.bead.id}  ${safeText(work.bead.title)}  [P${work.bead.priority} ${work.bead.issue_type}]`);
	context.out.line(`  worktree ${work.worktree}${work.branch ? `  branch ${work.branch}` : ''}`);
	for (const step of work.steps) context.out.line(`  ${step.status === 'closed' ? '✓' : '○'} ${step.id}  ${safeText(step.title)}`);
}
