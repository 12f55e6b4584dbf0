// For the parity scripts: our registries and real flag parser, bundled from source with
// esbuild (no build needed), the commands' lazy modules left out since they never load.
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** `exports`: the export lines, e.g. "export {gtRegistry} from './source/cli/registry/gt.ts';". */
export async function loadSource(exports) {
	const result = await build({
		stdin: {contents: exports, resolveDir: repo, loader: 'ts'},
		bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning',
		plugins: [{name: 'no-commands', setup(b) {
			// The registry's lazy loaders are never called here; do not bundle the commands.
			b.onResolve({filter: /^\.\.?\/(gt|bd|shared)\//}, args => ({path: args.path, external: true}));
		}}],
	});
	return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}
