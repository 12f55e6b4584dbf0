// The original's root flags that change how any `bd` command runs: -C/--directory (run
// as if started there, like git -C) and -q/--quiet (nothing on stdout but --json). Every
// command's loader is wrapped here, so no command module handles them itself.
import {statSync} from 'node:fs';
import path from 'node:path';
import {usageError} from '../../core/base/errors.js';
import type {CommandContext, CommandModule, CommandSpec} from '../spec.js';

export function applyGlobals(context: CommandContext): CommandContext {
	let {env, out} = context;
	const directory = context.flags.directory;
	if (typeof directory === 'string') {
		const cwd = path.resolve(env.cwd, directory);
		let isDirectory = false;
		try {
			isDirectory = statSync(cwd).isDirectory();
		} catch {
			// reported below
		}
		if (!isDirectory) throw usageError(`-C ${directory}: no such directory`, 'give a directory that exists, e.g. -C ~/gt/myproject');
		env = {...env, cwd};
	}
	if (context.flags.quiet === true && context.flags.json !== true) out = {...out, line: () => {}};
	return env === context.env && out === context.out ? context : {...context, env, out};
}

export function withGlobals(spec: CommandSpec): CommandSpec {
	const load = async (): Promise<CommandModule> => {
		const module = await spec.load();
		return {run: context => module.run(applyGlobals(context))};
	};
	return {...spec, load};
}
