// `gt config agent get <name>`: one agent runtime, with what gt will do with it.
import {quoteWord} from '../../core/agents/command-line.js';
import type {CallbacksSpec, PromptDelivery, ResumeSpec} from '../../core/agents/presets.js';
import {agentJson, defaultAgentName, resolveAgent, type ResolvedAgent} from '../../core/agents/registry.js';
import {readTownConfig} from '../../core/town/town-config.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagBool, type CommandContext} from '../spec.js';
import {commandLineOf} from './config-agent-list.js';

function describePrompt(prompt: PromptDelivery): string {
	if (prompt.kind === 'arg') return 'as the last argument';
	if (prompt.kind === 'flag') return `with ${prompt.flag} "<prompt>"`;
	return 'typed in once the agent is ready';
}

const shown = (args: readonly string[]) => args.map(arg => (arg === '{id}' ? '<id>' : quoteWord(arg))).join(' ');

function describeResume(resume: ResumeSpec | undefined): string {
	if (!resume) return 'not supported (a restart starts a new conversation)';
	const parts: string[] = [];
	if (resume.assignId) parts.push(`id set at launch with ${shown(resume.assignId)}`);
	if (resume.byId) parts.push(`resumed with ${shown(resume.byId)}`);
	if (resume.latest) parts.push(`latest with ${shown(resume.latest)}`);
	return parts.join('; ');
}

function describeCallbacks(callbacks: CallbacksSpec): string {
	if (callbacks.kind === 'settings-flag') return `${callbacks.file}, passed with ${callbacks.flag}`;
	if (callbacks.kind === 'settings-file') return callbacks.file;
	if (callbacks.kind === 'config-args') return 'hooks and notify passed with -c at launch';
	return 'none (gt watches the screen instead)';
}

export function agentDetail(agent: ResolvedAgent, defaultName: string): string[] {
	const rows: Array<[string, string]> = [
		['command', commandLineOf(agent)],
		['runtime', agent.runtime === undefined ? 'unknown (set one with --runtime)' : `${agent.runtime}${agent.runtimeExplicit ? '' : ' (inferred from the program)'}`],
		['prompt', describePrompt(agent.prompt)],
		['resume', describeResume(agent.resume)],
		['instructions', agent.instructionsFile],
		['callbacks', describeCallbacks(agent.callbacks)],
		['processes', agent.processNames.join(', ')],
	];
	const width = Math.max(...rows.map(([label]) => label.length)) + 1;
	return [
		`${agent.name}  [${agent.source}]${agent.name === defaultName ? '  (default)' : ''}`,
		`  ${agent.description}`,
		...rows.map(([label, value]) => `  ${`${label}:`.padEnd(width)}  ${value}`),
	];
}

export async function run(context: CommandContext): Promise<number> {
	const config = readTownConfig(requireTownRoot(context.env));
	const agent = resolveAgent(config, context.args[0]!);
	const defaultName = defaultAgentName(config);
	if (flagBool(context, 'json')) {
		context.out.json(agentJson(agent, defaultName));
		return 0;
	}
	for (const line of agentDetail(agent, defaultName)) context.out.line(line);
	return 0;
}
