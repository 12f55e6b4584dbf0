// Shell completion generated from a command registry: subcommand words at each
// level, and each command's flags. One table, three shells.
import {kebab, visible} from './help.js';
import type {CommandSpec, Registry} from './spec.js';

type Node = {children: Map<string, string>; flags: string[]};

/** command-path key ("" for the top, "rig", "rig add") → next words with summaries, and flags. */
function completionTree(registry: Registry): Map<string, Node> {
	const tree = new Map<string, Node>();
	const node = (key: string) => {
		let found = tree.get(key);
		if (!found) {
			found = {children: new Map(), flags: []};
			tree.set(key, found);
		}
		return found;
	};
	node('');
	const add = (spec: CommandSpec, path: readonly string[]) => {
		path.forEach((word, index) => {
			const parent = path.slice(0, index).join(' ');
			node(parent).children.set(word, index === path.length - 1 ? spec.summary : `${word} commands`);
		});
		const flags = {...registry.globalFlags, ...spec.flags};
		node(path.join(' ')).flags = ['--help', ...Object.keys(flags).map(name => `--${kebab(name)}`)];
	};
	for (const spec of visible(registry)) for (const path of [spec.path, ...(spec.aliases ?? [])]) add(spec, path);
	return tree;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function bashCompletion(registry: Registry): string {
	const name = registry.program;
	const tree = completionTree(registry);
	const cases = [...tree.entries()].map(([key, node]) => {
		const words = [...node.children.keys(), ...node.flags].join(' ');
		return `\t\t\t${quote(key)}) echo ${quote(words)}; return 0;;`;
	});
	return `# ${name} completion for bash. Install: ${name} completion bash > /etc/bash_completion.d/${name}
_${name}_candidates() {
	local key="$1"
	while :; do
		case "$key" in
${cases.join('\n')}
		esac
		[ -z "$key" ] && return 1
		case "$key" in *' '*) key="\${key% *}";; *) key="";; esac
	done
}
_${name}_complete() {
	local cur="\${COMP_WORDS[COMP_CWORD]}" line="" word index
	for ((index = 1; index < COMP_CWORD; index++)); do
		word="\${COMP_WORDS[index]}"
		case "$word" in -*) continue;; esac
		line="\${line:+$line }$word"
	done
	local candidates
	candidates="$(_${name}_candidates "$line")" || candidates=""
	if [[ "$cur" != -* ]]; then candidates="$(printf '%s\\n' $candidates | grep -v '^-')"; fi
	COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
	if [ \${#COMPREPLY[@]} -eq 0 ] && [[ "$cur" != -* ]]; then COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -o default -F _${name}_complete ${name}
`;
}

export function zshCompletion(registry: Registry): string {
	// zsh runs the bash function through bashcompinit: one generator, same behaviour.
	return `#compdef ${registry.program}
# ${registry.program} completion for zsh. Install: ${registry.program} completion zsh > "\${fpath[1]}/_${registry.program}"
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(registry)}`;
}

export function fishCompletion(registry: Registry): string {
	const name = registry.program;
	const tree = completionTree(registry);
	const lines = [`# ${name} completion for fish. Install: ${name} completion fish > ~/.config/fish/completions/${name}.fish`, `complete -c ${name} -f`];
	for (const [key, node] of tree) {
		const path = key ? key.split(' ') : [];
		const seen = path.map(word => `__fish_seen_subcommand_from ${word}`);
		const childWords = [...node.children.keys()].join(' ');
		const notDeeper = childWords ? [`not __fish_seen_subcommand_from ${childWords}`] : [];
		const condition = path.length === 0 ? '__fish_use_subcommand' : [...seen, ...notDeeper].join('; and ');
		for (const [word, summary] of node.children) lines.push(`complete -c ${name} -n ${quote(condition)} -a ${quote(word)} -d ${quote(summary)}`);
		if (path.length > 0) {
			for (const flag of node.flags) lines.push(`complete -c ${name} -n ${quote(seen.join('; and '))} -l ${flag.slice(2)}`);
		}
	}
	return `${lines.join('\n')}\n`;
}
