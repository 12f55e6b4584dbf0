// Regenerates the command reference and key table sections of README.md from the registries and the key map
// (`npm run readme`). A test fails when the README and the registries disagree.
import {readFileSync, writeFileSync} from 'node:fs';
import {build} from 'esbuild';

const result = await build({
	stdin: {
		contents: `export {gtRegistry} from './source/cli/registry/gt.ts'; export {bdRegistry} from './source/cli/registry/bd.ts'; export {markdownReference} from './source/cli/help.ts'; export {keyTableMarkdown} from './source/ui/app/key-map.ts';`,
		resolveDir: '.', loader: 'ts',
	},
	bundle: true, format: 'esm', platform: 'node', write: false,
	plugins: [{name: 'no-commands', setup(b) {
		// The registries' lazy loaders are never called here; do not bundle the commands.
		b.onResolve({filter: /^\.\.?\/(gt|bd|shared)\//}, args => ({path: args.path, external: true}));
	}}],
});
const module = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
let readme = readFileSync('README.md', 'utf8');
for (const [program, registry] of [['gt', module.gtRegistry], ['bd', module.bdRegistry]]) {
	const start = `<!-- commands:${program} -->`;
	const end = `<!-- /commands:${program} -->`;
	const from = readme.indexOf(start);
	const to = readme.indexOf(end);
	if (from === -1 || to === -1) throw new Error(`README.md lacks ${start} … ${end}`);
	readme = `${readme.slice(0, from + start.length)}\n${module.markdownReference(registry)}\n${readme.slice(to)}`;
}
{
	const start = '<!-- keys -->';
	const end = '<!-- /keys -->';
	const from = readme.indexOf(start);
	const to = readme.indexOf(end);
	if (from === -1 || to === -1) throw new Error(`README.md lacks ${start} … ${end}`);
	readme = `${readme.slice(0, from + start.length)}\n${module.keyTableMarkdown()}\n${readme.slice(to)}`;
}
if (process.argv.includes('--write')) writeFileSync('README.md', readme);
else process.stdout.write(readme);
