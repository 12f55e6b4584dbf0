// Condition waits outside test/ui use test/helpers/wait.ts (waitUntil, eventually: 10 s by
// default, and a failure that says what was awaited). This patch of vi.waitFor's 1 s
// default to 10 s stays only for test/ui/**, which still calls vi.waitFor; remove it once
// those tests use the helpers.
import {vi} from 'vitest';

const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback: Parameters<typeof waitFor>[0], options?: Parameters<typeof waitFor>[1]) =>
	waitFor(callback, typeof options === 'number' ? options : {timeout: 10_000, interval: 50, ...options})) as typeof vi.waitFor;
