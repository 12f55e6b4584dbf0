// The layout follows the terminal: 2×2 at 80×24 and up, the focused pane alone below,
// and it changes live on resize.
import {EventEmitter} from 'node:events';
import {render} from 'ink';
import {describe, expect, it, vi} from 'vitest';
import {AppContainer} from '../../source/ui/app/app-container.js';
import {plainTheme} from '../../source/ui/widgets/theme.js';
import {fakeServices} from './fake-services.js';

class Screen extends EventEmitter {
	columns: number;
	rows: number;
	last = '';
	isTTY = true;
	constructor(columns: number, rows: number) {
		super();
		this.columns = columns;
		this.rows = rows;
	}
	write = (frame: string) => {
		this.last = frame;
		return true;
	};
}

class Keys extends EventEmitter {
	isTTY = true;
	setRawMode() {}
	setEncoding() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read() {
		return null;
	}
}

describe('layout', () => {
	it('shows one pane below 80×24 and four above, following resizes', async () => {
		const stdout = new Screen(60, 20);
		const instance = render(<AppContainer services={fakeServices()} theme={plainTheme} quit={() => undefined} attach={() => undefined} />, {
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: new Keys() as unknown as NodeJS.ReadStream,
			debug: true,
			patchConsole: false,
		});
		await vi.waitFor(() => expect(stdout.last).toContain('1 Mayor'));
		expect(stdout.last).not.toContain('2 Agents');
		stdout.columns = 100;
		stdout.rows = 30;
		stdout.emit('resize');
		await vi.waitFor(() => expect(stdout.last).toContain('2 Agents'));
		expect(stdout.last).toContain('4 Mail');
		instance.unmount();
	});
});
