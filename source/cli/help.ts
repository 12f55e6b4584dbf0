// Help text generated from the registry, so `--help`, completion and the README
// never drift from what the dispatcher accepts.
import type {CommandSpec, FlagSpec, Registry} from './spec.js';

export const commandName = (spec: CommandSpec) => spec.path.join(' ');

export function flagLabel(name: string, flag: FlagSpec): string {
	const long = `--${kebab(name)}`;
	const short = flag.shortFlag ? `-${flag.shortFlag}, ` : '    ';
	const value = flag.type === 'boolean' ? '' : ` ${flag.value ?? (flag.type === 'number' ? '<n>' : '<value>')}`;
	return `${short}${long}${value}`;
}

export const kebab = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

function flagLines(flags: Readonly<Record<string, FlagSpec>>): string[] {
	const entries = Object.entries(flags);
	const labels = entries.map(([name, flag]) => flagLabel(name, flag));
	const width = Math.max(0, ...labels.map(label => label.length));
	return entries.map(([, flag], index) => {
		const extra = [
			flag.choices ? `one of: ${flag.choices.join(', ')}` : '',
			flag.default !== undefined && flag.type !== 'boolean' ? `default: ${flag.default}` : '',
			flag.isMultiple ? 'repeatable' : '',
		].filter(Boolean);
		const suffix = extra.length > 0 ? ` (${extra.join('; ')})` : '';
		return `  ${labels[index]!.padEnd(width)}  ${flag.description}${suffix}`;
	});
}

export function usageLine(program: string, spec: CommandSpec): string {
	const flags = spec.flags && Object.keys(spec.flags).length > 0 ? ' [flags]' : '';
	return `${program} ${commandName(spec)}${spec.args ? ` ${spec.args}` : ''}${flags}`;
}

export function commandHelp(registry: Registry, spec: CommandSpec): string {
	const lines = [`Usage: ${usageLine(registry.program, spec)}`, '', spec.summary];
	if (spec.description) lines.push('', spec.description.trim());
	if (spec.aliases?.length) lines.push('', `Also: ${spec.aliases.map(alias => `${registry.program} ${alias.join(' ')}`).join(', ')}`);
	if (spec.flags && Object.keys(spec.flags).length > 0) lines.push('', 'Flags:', ...flagLines(spec.flags));
	lines.push('', 'Global flags:', ...flagLines({...registry.globalFlags, help: {type: 'boolean', shortFlag: 'h', description: 'Show this help'}}));
	if (spec.examples?.length) lines.push('', 'Examples:', ...spec.examples.map(example => `  ${example}`));
	return lines.join('\n');
}

function table(specs: readonly CommandSpec[], program: string): string[] {
	const names = specs.map(spec => `${program} ${commandName(spec)}${spec.args ? ` ${spec.args}` : ''}`);
	const width = Math.min(46, Math.max(...names.map(name => name.length)));
	return specs.map((spec, index) => `  ${names[index]!.padEnd(width)}  ${spec.summary}`);
}

export const visible = (registry: Registry) => registry.commands.filter(spec => !spec.hidden);

export function programHelp(registry: Registry): string {
	return [
		`${registry.program}: ${registry.summary}`,
		'',
		'Usage:',
		`  ${registry.program} <command> [args] [flags]`,
		`  ${registry.program} <command> --help`,
		'',
		'Commands:',
		...table(visible(registry), registry.program),
		'',
		`Exit codes: 0 ok, 1 failure, 2 usage error, 3 not found, 4 conflict or refused.`,
	].join('\n');
}

export function groupHelp(registry: Registry, group: string): string {
	const specs = visible(registry).filter(spec => spec.path[0] === group);
	return [`Usage: ${registry.program} ${group} <command> [flags]`, '', 'Commands:', ...table(specs, registry.program)].join('\n');
}

/** Markdown command reference for the README. */
export function markdownReference(registry: Registry): string {
	const lines = ['| command | what it does |', '| --- | --- |'];
	for (const spec of visible(registry)) {
		const names = [spec.path, ...(spec.aliases ?? [])].map(words => words.join(' '));
		const flags = Object.keys(spec.flags ?? {}).map(name => `--${kebab(name)}`);
		const usage = `\`${registry.program} ${names[0]}${spec.args ? ` ${spec.args}` : ''}\``;
		const also = names.length > 1 ? ` (also \`${names.slice(1).join('`, `')}\`)` : '';
		const flagText = flags.length > 0 ? ` Flags: ${flags.map(flag => `\`${flag}\``).join(' ')}.` : '';
		lines.push(`| ${usage}${also} | ${spec.summary}.${flagText} |`.replace(/\.\./g, '.'));
	}
	return lines.join('\n');
}
