// `npm run demo`: builds a demo town in a temporary directory with the real `gt`
// and `bd` binaries — a sample project as a rig, a crew workspace, and a small
// plan of beads with dependencies — then shows what is ready to work on.
// Then the live part: the simulated Mayor plans a request into beads and slings
// them to simulated polecats, which edit, commit and finish with `gt done`.
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const root = process.argv[2] ? path.resolve(process.argv[2]) : mkdtempSync(path.join(tmpdir(), 'gastown-demo-'));
const env = {...process.env, BD_ACTOR: 'overseer', GT_SIM_SPEED: process.env.GT_SIM_SPEED ?? '150', GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? 'Demo', GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? 'demo@example.com', GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? 'Demo', GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? 'demo@example.com'};

function run(program, args, cwd, {show = true} = {}) {
	const file = program === 'git' ? 'git' : process.execPath;
	const argv = program === 'git' ? args : [path.join(dist, `${program}.js`), ...args];
	if (show) console.log(`\n$ ${program} ${args.map(arg => (/\s/.test(arg) ? JSON.stringify(arg) : arg)).join(' ')}`);
	const output = execFileSync(file, argv, {cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
	if (show && output.trim()) console.log(output.trimEnd());
	return output.trim();
}

// A small sample project to manage.
const project = path.join(root, 'sample-project');
mkdirSync(path.join(project, 'src'), {recursive: true});
writeFileSync(path.join(project, 'README.md'), '# Sample project\n\nA tiny calculator used by the Gas Town demo.\n');
writeFileSync(path.join(project, 'src', 'calc.js'), 'export const add = (a, b) => a + b;\n');
run('git', ['init', '-q', '-b', 'main'], project, {show: false});
run('git', ['add', '-A'], project, {show: false});
run('git', ['commit', '-q', '-m', 'Initial sample project'], project, {show: false});

const town = path.join(root, 'town');
console.log(`Gas Town demo in ${root}`);
run('gt', ['install', town, '--git', '--name', 'demo'], root);
run('gt', ['rig', 'add', 'calc', project], town);
run('gt', ['crew', 'add', 'me', '--rig', 'calc'], town);

const rig = path.join(town, 'calc');
const epic = run('bd', ['create', 'Calculator v2', '-t', 'epic', '-p', '1', '--silent'], rig, {show: false});
const sub = run('bd', ['create', 'Add subtract()', '--parent', epic, '-l', 'math', '--silent'], rig, {show: false});
const mul = run('bd', ['create', 'Add multiply()', '--parent', epic, '-l', 'math', '--silent'], rig, {show: false});
run('bd', ['create', 'Document the new functions', '--parent', epic, '--deps', `blocks:${sub},blocks:${mul}`, '-t', 'chore', '--silent'], rig, {show: false});
console.log('\nCreated a plan of four beads in the calc rig ledger.');
run('bd', ['ready'], rig);
run('bd', ['blocked'], rig);

// The live part: simulated agents (no AI, no API key) in terminals owned by the town daemon.
run('gt', ['config', 'default-agent', 'sim'], town);
run('gt', ['mayor', 'start'], town);
const request = 'Add a square() function to src/calc.js. Add a README section about square()';
console.log(`\nAsking the Mayor: "${request}"`);
run('gt', ['nudge', 'mayor', request], town);

const deadline = Date.now() + 60_000;
const finished = () => JSON.parse(run('bd', ['list', '--all', '--json'], rig, {show: false}))
	.filter(bead => /square\(\)/.test(bead.title) && (bead.notes ?? '').includes('merge request'));
while (finished().length < 2 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 500));
run('gt', ['agents'], town);
run('gt', ['peek', 'mayor', '-n', '18'], town);
run('bd', ['list', '--all'], rig);
run('git', ['--git-dir', path.join(rig, '.repo.git'), 'log', '--all', '--oneline', '-6'], town);

console.log(`
The town is left at ${town}, and its agents keep running:
  cd ${town}
  gt mayor attach                # talk to the Mayor yourself (ctrl+] detaches)
  gt agents                      # who is doing what; gt peek <agent> shows a terminal
  cd calc && bd ready            # work that can start now; gt sling <id> calc hands it out
  gt down                        # stop every agent (hooked work resumes with gt up)
The agents are simulated. For a real one: gt config default-agent claude
Merging through the refinery and the full-screen UI are still being built (README "Status").`);
