// Tests wait on real processes, ptys and git on a 2-core machine: vi.waitFor's
// default of 1 s is too tight when the machine is busy, so conditions get 10 s
// unless a test says otherwise. Waiting stays condition-based (polls every 50 ms).
import {vi} from 'vitest';

const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback: Parameters<typeof waitFor>[0], options?: Parameters<typeof waitFor>[1]) =>
	waitFor(callback, typeof options === 'number' ? options : {timeout: 10_000, interval: 50, ...options})) as typeof vi.waitFor;
