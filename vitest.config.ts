import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		setupFiles: ['test/setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Two cores: real git and real processes in every test, so keep the pool small.
		pool: 'forks',
		maxWorkers: 2,
	},
});
