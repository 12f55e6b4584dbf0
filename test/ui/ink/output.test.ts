// Our frame buffer against Ink's own (node_modules/ink/build/output.js): the same operations
// give the same frame, the first time and again from the caches, with clips, colours, wide
// characters, transformers and writes that overlap.
import {describe, expect, it} from 'vitest';
import Output from '../../../source/ui/ink/output.js';
import InkOutput from '../../../node_modules/ink/build/output.js';

type Frame = {width: number; height: number; run: (output: {write: Output['write']; clip: Output['clip']; unclip: Output['unclip']}) => void};

const upper = (line: string) => line.toUpperCase();
const frames: Frame[] = [
	{width: 20, height: 4, run: out => {
		out.write(0, 0, 'hello \x1b[31mred\x1b[39m world', {transformers: []});
		out.write(3, 1, '漢字 wide', {transformers: []});
		out.write(0, 2, 'under', {transformers: []});
		out.write(2, 2, 'over', {transformers: [upper]});
	}},
	{width: 12, height: 3, run: out => {
		out.clip({x1: 2, x2: 8, y1: 0, y2: 2});
		out.write(0, 0, '\x1b[1mbold and long line\x1b[22m\nsecond\nthird is cut', {transformers: []});
		out.unclip();
		out.write(10, 2, 'edge', {transformers: []});
	}},
	{width: 8, height: 2, run: out => {
		out.write(0, 0, '', {transformers: []});
		out.write(6, 1, '字字', {transformers: []});
	}},
];

function render(OutputClass: new (size: {width: number; height: number}) => Output, frame: Frame) {
	const output = new OutputClass({width: frame.width, height: frame.height});
	frame.run(output);
	return output.get();
}

describe('the UI\'s frame buffer', () => {
	it.each(frames.map((frame, index) => [index, frame] as const))('frame %i is what Ink\'s own buffer makes, also when drawn again from the caches', (_index, frame) => {
		const expected = render(InkOutput as unknown as new (size: {width: number; height: number}) => Output, frame);
		expect(render(Output, frame)).toEqual(expected);
		expect(render(Output, frame)).toEqual(expected);
	});

	it('a row written differently in the next frame is drawn anew', () => {
		const first = render(Output, {width: 10, height: 1, run: out => out.write(0, 0, 'abc', {transformers: []})});
		const second = render(Output, {width: 10, height: 1, run: out => out.write(1, 0, 'abc', {transformers: []})});
		expect([first.output, second.output]).toEqual(['abc', ' abc']);
	});
});
