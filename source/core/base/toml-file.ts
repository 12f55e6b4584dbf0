// TOML files (town.toml, rig.toml, .beads/config.toml): parse errors name the file,
// line and column; writes are atomic and go through a lock so two commands editing
// the same file never lose each other's change.
import {readFileSync} from 'node:fs';
import {parse, stringify, TomlError} from 'smol-toml';
import {atomicWriteFileSync} from './atomic-write.js';
import {withLock} from './file-lock.js';
import {errnoCode, failure, notFound, usageError} from './errors.js';

export type TomlTable = Record<string, unknown>;

/** Parses TOML text; an error names the file, line and column. */
export function parseTomlText(text: string, file: string, hint = 'fix the file by hand; nothing was changed'): TomlTable {
	try {
		return parse(text) as TomlTable;
	} catch (error) {
		if (error instanceof TomlError) {
			const reason = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
			throw failure(`${file}:${error.line}:${error.column}: ${reason}`, hint);
		}
		throw error;
	}
}

/** A config or formula file's text; a missing one is a one-line "does not exist". */
export function readTextFile(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		if (errnoCode(error) === 'ENOENT') throw notFound(`${file} does not exist`);
		throw error;
	}
}

export function readTomlFile(file: string, hint?: string): TomlTable {
	return parseTomlText(readTextFile(file), file, hint);
}

export function writeTomlFile(file: string, table: TomlTable, header?: string): void {
	atomicWriteFileSync(file, `${header ? `${header}\n` : ''}${stringify(dropUndefined(table))}\n`);
}

/** Read-modify-write under the file's lock. */
export async function updateTomlFile<T>(file: string, change: (table: TomlTable) => T, header?: string): Promise<T> {
	return withLock(`${file}.lock`, () => {
		const table = readTomlFile(file);
		const result = change(table);
		writeTomlFile(file, table, header);
		return result;
	}, {what: file});
}

function dropUndefined(value: unknown): TomlTable {
	return JSON.parse(JSON.stringify(value)) as TomlTable;
}

/**
 * A string field of a config table: `fallback` when absent, refused with the file
 * and key when it holds anything else (a table would otherwise print "[object Object]").
 */
export function stringField(table: TomlTable, key: string, fallback: string, file: string): string {
	const value = table[key];
	if (value === undefined) return fallback;
	if (typeof value === 'string') return value;
	const got = Array.isArray(value) ? 'a list' : typeof value === 'object' && value !== null ? 'a table' : `${typeof value} ${JSON.stringify(value)}`;
	throw usageError(`${file}: ${key} must be a string, not ${got}`, `write it as ${key} = "…" in ${file}`);
}
