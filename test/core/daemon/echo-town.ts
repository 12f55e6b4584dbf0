// A temp town whose agent "echo" is a tiny node program on the pty: it prints a
// banner and a prompt, echoes each line it reads as JSON, and says bye on SIGTERM.
// Shared by the daemon tests (core and command); not a test file itself.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {updateTownConfig} from '../../../source/core/town/town-config.js';
import type {Environment} from '../../../source/core/base/environment.js';
import {installTown} from '../../../source/core/town/install.js';
import {tempDir, testEnv} from '../../helpers/cli.js';

export const echoAgentScript = `
process.stdout.write('echo agent ' + process.argv.slice(2).join(' ') + ' as ' + process.env.GT_AGENT + '\\n> ');
process.stdin.setEncoding('utf8');
process.stdin.on('data', data => process.stdout.write('[' + JSON.stringify(data) + ']\\n> '));
process.on('SIGTERM', () => { process.stdout.write('bye\\n'); process.exit(0); });
`;

export type EchoTown = {town: string; env: Environment; vars: Record<string, string>; work: string};

export async function makeEchoTown(options: {under?: string} = {}): Promise<EchoTown> {
	const vars = testEnv();
	const work = options.under ?? tempDir('daemon');
	const env: Environment = {cwd: work, home: vars.HOME!, vars, now: () => new Date()};
	await installTown({path: 'town', name: 't'}, env);
	const town = path.join(work, 'town');
	const script = path.join(work, 'echo-agent.cjs');
	writeFileSync(script, echoAgentScript);
	await updateTownConfig(town, config => {
		config.default_agent = 'echo';
		config.agents = {echo: {command: process.execPath, args: [script]}, ghost: {command: 'no-such-agent-program'}};
	});
	return {town, env: {...env, cwd: town}, vars: {...vars, GT_ROOT: town}, work};
}

export const mayorSpec = (town: string) => ({id: 'mayor', address: 'mayor/', role: 'mayor' as const, agent: 'echo', cwd: path.join(town, 'mayor')});
