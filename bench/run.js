// Runs every bench/*.bench.js in turn (alphabetical order). Each bench module
// exports a default async function that prints its own report.
//
//   npm run bench                        # builds dist/, then runs all benchmarks
//   GT_DIST=/path/to/dist node bench/run.js [name-filter]
import {readdirSync} from 'node:fs';

const dir = new URL('.', import.meta.url);
const filter = process.argv[2] ?? '';
const files = readdirSync(dir).filter(file => file.endsWith('.bench.js') && file.includes(filter)).sort();
if (files.length === 0) {
	console.error(`no bench/*.bench.js matches "${filter}"`);
	process.exitCode = 1;
}
for (const file of files) {
	console.log(`\n=== ${file}`);
	const {default: run} = await import(new URL(file, dir));
	await run();
}
