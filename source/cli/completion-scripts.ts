// Shell completion scripts: a few lines per shell that hand the words typed so far to
// `<program> __complete` (cli/completion/engine.ts) and show what comes back, so every
// shell completes the same command words, flags and live values (bead ids, rigs, agents…).
// The protocol: one candidate per line, `value<TAB>description`, and a last line `:files`
// when the shell should complete file names instead.
import type {Registry} from './spec.js';

export type Shell = 'bash' | 'zsh' | 'fish' | 'powershell';
export const shells: readonly Shell[] = ['bash', 'zsh', 'fish', 'powershell'];

export function bashCompletion(registry: Registry): string {
	const name = registry.program;
	return `# ${name} completion for bash. Install: ${name} completion bash > /etc/bash_completion.d/${name}
# (or add  source <(${name} completion bash)  to ~/.bashrc)
_${name}_complete() {
	# Words from the line itself: COMP_WORDS splits at = and :, which --type=bug and ids contain.
	local line="\${COMP_LINE:0:COMP_POINT}" cur="\${COMP_WORDS[COMP_CWORD]}" out entry files=0
	local -a words
	read -ra words <<< "$line"
	[[ "$line" =~ [[:space:]]$ ]] && words+=("")
	out="$(${name} __complete "\${words[@]:1}" 2>/dev/null)"
	COMPREPLY=()
	local typed="\${words[\${#words[@]}-1]}" strip=""
	# bash replaces only its own current word (after a = or :): drop what comes before it.
	[ "$typed" != "$cur" ] && strip="\${typed%"$cur"}"
	while IFS= read -r entry; do
		[ -z "$entry" ] && continue
		[ "$entry" = ":files" ] && { files=1; continue; }
		entry="\${entry%%$'\\t'*}"
		COMPREPLY+=("\${entry#"$strip"}")
	done <<< "$out"
	if [ "$files" = 1 ]; then
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}
complete -F _${name}_complete ${name}
`;
}

export function zshCompletion(registry: Registry): string {
	const name = registry.program;
	return `#compdef ${name}
# ${name} completion for zsh. Install: ${name} completion zsh > "\${fpath[1]}/_${name}"
# (or add  source <(${name} completion zsh)  to ~/.zshrc, after compinit)
_${name}() {
	local -a lines candidates
	local entry value description files=0
	lines=("\${(@f)$(${name} __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
	for entry in "\${lines[@]}"; do
		[[ -z $entry ]] && continue
		if [[ $entry == ":files" ]]; then files=1; continue; fi
		value="\${entry%%$'\\t'*}"
		description="\${entry#*$'\\t'}"
		[[ $description == "$entry" ]] && description=""
		candidates+=("\${value//:/\\\\:}\${description:+:$description}")
	done
	if (( files )); then _files; return; fi
	_describe -t values '${name}' candidates
}
if [[ "\${funcstack[1]}" == "_${name}" ]]; then _${name} "$@"; else compdef _${name} ${name}; fi
`;
}

export function fishCompletion(registry: Registry): string {
	const name = registry.program;
	return `# ${name} completion for fish. Install: ${name} completion fish > ~/.config/fish/completions/${name}.fish
function __${name}_complete
	set -l words (commandline -opc)
	set -e words[1]
	set -l current (commandline -ct)
	set -l out (${name} __complete $words "$current" 2>/dev/null)
	if contains -- :files $out
		__fish_complete_path "$current"
		return
	end
	printf '%s\\n' $out
end
complete -c ${name} -f -a '(__${name}_complete)'
`;
}

export function powershellCompletion(registry: Registry): string {
	const name = registry.program;
	return `# ${name} completion for PowerShell. Install: ${name} completion powershell >> $PROFILE
Register-ArgumentCompleter -Native -CommandName '${name}' -ScriptBlock {
	param($wordToComplete, $commandAst, $cursorPosition)
	$words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $cursorPosition } | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
	if ($wordToComplete -eq '') { $words += '' }
	# Before PowerShell 7.3 an empty argument is dropped on its way to a native program.
	if ($PSVersionTable.PSVersion -lt [version]'7.3') { $words = $words | ForEach-Object { if ($_ -eq '') { '""' } else { $_ } } }
	$out = @(& '${name}' __complete @words 2>$null)
	if ($out -contains ':files') { return }
	foreach ($entry in $out) {
		if ($entry -eq '') { continue }
		$parts = $entry -split "\`t", 2
		$description = if ($parts.Count -gt 1 -and $parts[1]) { $parts[1] } else { $parts[0] }
		[System.Management.Automation.CompletionResult]::new($parts[0], $parts[0], 'ParameterValue', $description)
	}
}
`;
}

export const completionScripts: Readonly<Record<Shell, (registry: Registry) => string>> = {
	bash: bashCompletion,
	zsh: zshCompletion,
	fish: fishCompletion,
	powershell: powershellCompletion,
};
