// Ink's frame buffer (its build/output.js, the same operations and result) with caches
// that outlive a frame. Ink makes a new Output per frame, so its caches of tokenized
// lines and widths started empty each time: tokenizing, slicing and measuring the same
// rows again was a third of the UI's CPU. Here a row's styled characters, a clipped
// slice, a width and each whole row (by the writes that made it) are kept across frames
// (dropped whole past a size), so a frame costs what changed. The build swaps Ink's `./output.js` for this (scripts/build.js).
import {styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import {remembering} from './remembering.js';
import stringWidth from './string-width.js';

type Transformer = (line: string, index: number) => string;
type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Operation = {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]} | {type: 'clip'; clip: Clip} | {type: 'unclip'};

const styledChars = remembering(line => styledCharsFromTokens(tokenize(line)));
const widestLine = remembering(text => Math.max(0, ...text.split('\n').map(line => stringWidth(line))));
const slices = remembering(key => {
	const [from, to] = key.split(':', 2).map(Number);
	return sliceAnsi(key.slice(key.indexOf(':', key.indexOf(':') + 1) + 1), from, to);
});

const blank = (): StyledChar => ({type: 'char', value: ' ', fullWidth: false, styles: []});

/** One row from its writes (as Ink lays them: later ones over earlier, wide characters covering the next cells), by its signature. */
const rowStrings = new Map<string, string>();
const rowLimit = 5_000;

function rowText(signature: string, width: number, writes: ReadonlyArray<[number, string]>): string {
	const known = rowStrings.get(`${width}\u0002${signature}`);
	if (known !== undefined) return known;
	const row: StyledChar[] = Array.from({length: width}, blank);
	for (const [x, line] of writes) {
		let column = x;
		for (const character of styledChars(line)) {
			row[column] = character;
			const cells = Math.max(1, stringWidth(character.value));
			// A wide character covers the cells after it.
			for (let extra = 1; extra < cells; extra++) row[column + extra] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
			column += cells;
		}
	}
	const text = styledCharsToString(row.filter(cell => cell !== undefined)).trimEnd();
	if (rowStrings.size >= rowLimit) rowStrings.clear();
	rowStrings.set(`${width}\u0002${signature}`, text);
	return text;
}

export default class Output {
	readonly width: number;
	readonly height: number;
	readonly operations: Operation[] = [];

	constructor({width, height}: {width: number; height: number}) {
		this.width = width;
		this.height = height;
	}

	write(x: number, y: number, text: string, {transformers}: {transformers: Transformer[]}): void {
		if (text) this.operations.push({type: 'write', x, y, text, transformers});
	}

	clip(clip: Clip): void {
		this.operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		// Each row's writes, in order: the row's text depends on nothing else, so a row written
		// the same way as in an earlier frame (most rows, most frames) reuses its string.
		const writes: Array<Array<[number, string]>> = Array.from({length: this.height}, () => []);
		const clips: Clip[] = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') clips.push(operation.clip);
			else if (operation.type === 'unclip') clips.pop();
			else this.#collect(writes, clips.at(-1), operation);
		}
		const rows = writes.map(list => rowText(list.map(([x, line]) => `${x}\u0000${line}`).join('\u0001'), this.width, list));
		return {output: rows.join('\n'), height: rows.length};
	}

	#collect(writes: Array<Array<[number, string]>>, clip: Clip | undefined, {text, transformers, ...at}: Extract<Operation, {type: 'write'}>): void {
		let {x, y} = at;
		let lines = text.split('\n');
		if (clip) {
			const horizontal = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
			const vertical = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
			if (horizontal && (x + widestLine(text) < clip.x1! || x > clip.x2!)) return;
			if (vertical && (y + lines.length < clip.y1! || y > clip.y2!)) return;
			if (horizontal) {
				const from = x < clip.x1! ? clip.x1! - x : 0;
				lines = lines.map(line => {
					const width = stringWidth(line);
					const to = x + width > clip.x2! ? clip.x2! - x : width;
					return slices(`${from}:${to}:${line}`);
				});
				if (x < clip.x1!) x = clip.x1!;
			}
			if (vertical) {
				const from = y < clip.y1! ? clip.y1! - y : 0;
				const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
				lines = lines.slice(from, to);
				if (y < clip.y1!) y = clip.y1!;
			}
		}
		for (let [index, line] of lines.entries()) {
			const row = writes[y + index];
			if (!row) continue;
			for (const transform of transformers) line = transform(line, index);
			row.push([x, line]);
		}
	}
}
