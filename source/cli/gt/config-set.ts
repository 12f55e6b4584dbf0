// gt config set <key> <value>: one town.toml value by dotted key (core/town/config-set.ts).
import {requireTownRoot} from '../../core/base/paths.js';
import {setConfigValue} from '../../core/town/config-set.js';
import type {CommandContext} from '../spec.js';

export async function run(context: CommandContext): Promise<number> {
	const [key, raw] = context.args as [string, string];
	const stored = await setConfigValue(requireTownRoot(context.env), key, raw);
	if (stored === undefined) context.out.line(`Unset ${key} (the default applies)`);
	else context.out.line(`${key} = ${Array.isArray(stored) ? JSON.stringify(stored) : String(stored)}`);
	return 0;
}
