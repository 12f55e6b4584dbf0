// Text read from a file or stdin, as the original's --stdin, --body-file,
// --design-file, --reason-file and comment --file take it ("-" is stdin).
import {readFileSync} from 'node:fs';
import {errnoCode, notFound, usageError} from '../../core/base/errors.js';
import {resolveFrom} from '../../core/base/paths.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';

/** The contents of `file` ("-": stdin), without the trailing newlines an editor or echo adds. */
export function readTextFile(context: CommandContext, file: string, flag: string): string {
	let text: string;
	try {
		text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(resolveFrom(context.env, file), 'utf8');
	} catch (error) {
		if (errnoCode(error) === 'ENOENT') throw notFound(`--${flag} ${file}: no such file`, 'give a file that exists, or - for stdin');
		throw error;
	}
	return text.replace(/\n+$/, '');
}

/**
 * A text flag with its file forms: `--<name> text`, `--<fileFlag> <file|->` and (when
 * `stdinFlag` is given) `--stdin`. At most one of them; undefined when none is given.
 */
export function textFromFlags(context: CommandContext, name: string, fileFlag: string, stdinFlag?: string): string | undefined {
	const display = (flag: string) => `--${flag.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
	const given = [flagString(context, name) !== undefined ? name : '', flagString(context, fileFlag) !== undefined ? fileFlag : '', stdinFlag && flagBool(context, stdinFlag) ? stdinFlag : ''].filter(Boolean);
	if (given.length > 1) throw usageError(`give ${given.map(display).join(' or ')}, not both`, `${display(name)} "<text>", ${display(fileFlag)} <file>${stdinFlag ? `, or ${display(stdinFlag)}` : ''}`);
	if (given[0] === name) return flagString(context, name);
	if (given[0] === fileFlag) return readTextFile(context, flagString(context, fileFlag)!, display(fileFlag).slice(2));
	if (stdinFlag && given[0] === stdinFlag) return readTextFile(context, '-', stdinFlag);
	return undefined;
}
