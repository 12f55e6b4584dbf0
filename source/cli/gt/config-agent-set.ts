// `gt config agent set <name> "<command line>" [--runtime preset]`: add an agent
// runtime to town.toml, or override a built-in one of the same name.
import {formatCommandLine, parseCommandLine} from '../../core/agents/command-line.js';
import {findPreset, inferRuntime, presetNames} from '../../core/agents/presets.js';
import {type AgentEntry, updateTownConfig} from '../../core/town/town-config.js';
import {usageError} from '../../core/base/errors.js';
import {validateName} from '../../core/base/names.js';
import {requireTownRoot} from '../../core/base/paths.js';
import {flagString, type CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const [name, line] = context.args as [string, string];
	validateName('agent', name);
	const parsed = parseCommandLine(line, {home: context.env.home});
	const given = flagString(context, 'runtime');
	if (given !== undefined && !findPreset(given)) {
		throw usageError(`unknown runtime "${given}"`, `runtimes: ${presetNames.join(', ')}`);
	}
	const runtime = given ?? inferRuntime(parsed.program, parsed.args);
	const entry: AgentEntry = {
		command: parsed.program,
		...(parsed.args.length > 0 ? {args: parsed.args} : {}),
		...(runtime ? {runtime} : {}),
		...(Object.keys(parsed.env).length > 0 ? {env: parsed.env} : {}),
	};

	const root = requireTownRoot(context.env);
	const replaced = await updateTownConfig(root, config => {
		const agents = (config.agents ??= {});
		const existed = Object.hasOwn(agents, name);
		agents[name] = entry;
		return existed;
	});

	const facts = [findPreset(name) ? 'overrides the built-in' : 'custom', runtime ? `runtime ${runtime}` : 'runtime unknown'];
	context.out.line(`${replaced ? 'Updated' : 'Added'} agent ${name} (${facts.join(', ')}): ${formatCommandLine(parsed)}`);
	if (runtime === undefined) {
		context.out.note(`gt: note: "${parsed.program}" is not a program gt recognises, so its first prompt will be typed in once it is ready; choose a behaviour with --runtime ${presetNames.join('|')}`);
	}
	return 0;
}
