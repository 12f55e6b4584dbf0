// `npm run demo`. On a terminal: `gt demo`, a demo town with simulated agents and
// the full-screen UI. Without a terminal (CI, a pipe): the same town, then a
// scripted walkthrough printed step by step — the simulated Mayor plans a request
// into beads and slings them; simulated polecats edit, commit and run `gt done`;
// the refinery merges their branches and the convoy lands with a mail.
import {execFileSync, spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const gtBin = path.join(dist, 'gt.js');
// The printed walkthrough runs quickly; in the UI the sim keeps its own pace (400 ms a
// step), slow enough that a person sees each stage: planning, slinging, edits, the gate, the merge.
const env = {...process.env, GT_SIM_SPEED: process.env.GT_SIM_SPEED ?? '150'};

if (process.stdin.isTTY && process.stdout.isTTY && !process.argv.includes('--no-ui')) {
	const result = spawnSync(process.execPath, [gtBin, 'demo', ...process.argv.slice(2).filter(arg => arg !== '--no-ui')], {stdio: 'inherit', env: process.env});
	process.exit(result.status ?? 1);
}

function run(program, args, cwd, {show = true} = {}) {
	const file = program === 'git' ? 'git' : process.execPath;
	const argv = program === 'git' ? args : [path.join(dist, `${program}.js`), ...args];
	if (show) console.log(`\n$ ${program} ${args.map(arg => (/\s/.test(arg) ? JSON.stringify(arg) : arg)).join(' ')}`);
	const output = execFileSync(file, argv, {cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
	if (show && output.trim()) console.log(output.trimEnd());
	return output.trim();
}

const target = process.argv.slice(2).find(arg => !arg.startsWith('-'));
const town = run('gt', ['demo', '--no-ui', ...(target ? [path.resolve(target)] : [])], process.cwd(), {show: false}).split('\n').at(-1);
const rig = path.join(town, 'calc');
run('gt', ['rig', 'list'], town);
run('bd', ['ready'], rig);
run('bd', ['blocked'], rig);

const request = 'Add a square() function to src/calc.js. Add a README section about square()';
console.log(`\nAsking the Mayor: "${request}"`);
run('gt', ['nudge', 'mayor', request], town);

const deadline = Date.now() + 60_000;
const finished = () => JSON.parse(run('bd', ['list', '--all', '--json'], rig, {show: false}))
	.filter(bead => /square\(\)/.test(bead.title) && bead.status === 'closed');
while (finished().length < 2 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 500));
run('gt', ['agents'], town);
run('gt', ['peek', 'mayor', '-n', '18'], town);
run('gt', ['mq', 'list', '--all'], town);
run('gt', ['convoy', 'list', '--all'], town);
run('gt', ['mail', 'inbox'], town);
run('bd', ['list', '--all'], rig);
run('git', ['--git-dir', path.join(rig, '.repo.git'), 'log', '--oneline', '-6', 'main'], town);

console.log(`
The town is left at ${town}, and its agents keep running:
  cd ${town}
  gt ui                          # the full-screen UI (or: gt mayor attach, ctrl+] detaches)
  gt agents                      # who is doing what; gt peek <agent> shows a terminal
  cd calc && bd ready            # work that can start now; gt sling <id> calc hands it out
  gt down                        # stop every agent (hooked work resumes with gt up)
The agents are simulated. For a real one: gt config default-agent claude`);
