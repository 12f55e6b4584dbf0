// Bundles the two entries with esbuild. Code splitting keeps each entry thin: the
// registry and the dispatcher load first, every command module (and the UI) is a
// lazily imported chunk, so `gt --version` and `bd ready` only parse what they run.
import {build} from 'esbuild';
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Native or CommonJS packages load from node_modules at run time, only in the commands
// that use them; bundling CommonJS would need a require() shim in every chunk.
// react-devtools-core: ink imports it only when DEV=true; it is not a dependency.
// signal-exit, stack-utils: CommonJS dependencies of ink that require() node built-ins.
const external = ['node-pty', '@xterm/headless', 'simple-git', 'react-devtools-core', 'signal-exit', 'stack-utils'];

// The UI's caches inside Ink (source/ui/ink/): Ink's frame buffer and its string-width
// calls are pointed at versions whose caches outlive a frame (a third of the UI's CPU
// with 30 agents streaming went to measuring and tokenizing unchanged rows again).
const inkCaches = {
	name: 'ink-caches',
	setup(builder) {
		const own = file => path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'source', 'ui', 'ink', file);
		builder.onResolve({filter: /^string-width$/}, args => (args.importer.includes(`${path.sep}node_modules${path.sep}`) ? {path: own('string-width.ts')} : undefined));
		builder.onResolve({filter: /^\.\/output\.js$/}, args => (args.importer.includes(`${path.sep}node_modules${path.sep}ink${path.sep}`) ? {path: own('output.ts')} : undefined));
	},
};

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const result = await build({
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
	plugins: [inkCaches],
	jsx: 'automatic',
	define: {
		'process.env.GT_PACKAGE_VERSION': JSON.stringify(pkg.version),
		'process.env.NODE_ENV': '"production"',
	},
	logLevel: 'warning',
	write: false,
});

// The dashboard's page: one browser bundle (Preact, @xterm/xterm and the page's CSS),
// served by `gt dashboard` from dist/web so it works offline, with no CDN.
const pageResult = await build({
	entryPoints: {app: 'source/web/page/main.tsx'},
	outdir: 'dist/web',
	bundle: true,
	format: 'esm',
	platform: 'browser',
	target: ['chrome110', 'firefox110', 'safari16'],
	minify: true,
	sourcemap: 'linked',
	jsx: 'automatic',
	jsxImportSource: 'preact',
	tsconfig: 'source/web/page/tsconfig.json',
	logLevel: 'warning',
	write: false,
});
result.outputFiles.push(...pageResult.outputFiles);

// A rebuild must not pull the floor from under what is running: agents, daemons and
// test towns run dist/gt.js and import its chunks lazily. Chunk names carry a content
// hash, so new chunks are added beside the old ones, the entries are replaced by
// rename (a process sees the old file or the new one, never none), and only chunks
// no build has wanted for an hour are pruned.
const written = new Set();
for (const file of result.outputFiles) {
	mkdirSync(path.dirname(file.path), {recursive: true});
	written.add(file.path);
	const temp = `${file.path}.${process.pid}.tmp`;
	writeFileSync(temp, file.contents);
	renameSync(temp, file.path);
}
const chunks = path.join(dist, 'chunks');
const hourAgo = Date.now() - 60 * 60 * 1000;
for (const name of readdirSync(chunks)) {
	const file = path.join(chunks, name);
	if (!written.has(file) && statSync(file).mtimeMs < hourAgo) rmSync(file, {force: true});
}
