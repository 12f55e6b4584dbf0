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

/** Whether our real parser takes `token` (with a value after it when the flag takes one) for a command with `specs`. */
export function acceptsFlag(parseFlagTokens, specs, token, takesValue, where) {
	try {
		// A value of the right form for any type: "1" is a number, a string, and (for an on/off flag) true.
		parseFlagTokens(takesValue ? [token, '1'] : [token], specs, where);
		return true;
	} catch (error) {
		return !String(error.message).startsWith('unknown flag');
	}
}
