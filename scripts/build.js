// Bundles the two entries with esbuild. Code splitting keeps each entry thin: the
// registry and the dispatcher load first, every command module (and the UI) is a
// lazily imported chunk, so `gt --version` and `bd ready` only parse what they run.
import {build} from 'esbuild';
import {readFileSync, rmSync} from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Native or CommonJS packages load from node_modules at run time, only in the commands
// that use them; bundling CommonJS would need a require() shim in every chunk.
// react-devtools-core: ink imports it only when DEV=true; it is not a dependency.
// signal-exit, stack-utils: CommonJS dependencies of ink that require() node built-ins.
const external = ['node-pty', '@xterm/headless', 'simple-git', 'react-devtools-core', 'signal-exit', 'stack-utils'];

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	entryPoints: {gt: 'source/main/gt.ts', bd: 'source/main/bd.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	sourcemap: 'linked',
	chunkNames: 'chunks/[name]-[hash]',
	external,
	jsx: 'automatic',
	define: {
		'process.env.GT_PACKAGE_VERSION': JSON.stringify(pkg.version),
		'process.env.NODE_ENV': '"production"',
	},
	logLevel: 'warning',
});
