import {createDemoTown} from '../../core/town/demo.js';
import {connectSessions} from '../../core/sessions/over-daemon.js';
import {startMayor} from '../../core/work/mayor.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	const demo = await createDemoTown(context.env, context.args[0]);
	const control = await connectSessions(demo.town);
	try {
		await startMayor(demo.town, control);
	} finally {
		control.close();
	}
	const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !flagBool(context, 'noUi');
	context.out.note(`Demo town at ${demo.town}: rig "calc" (a sample calculator), the Mayor running.`);
	context.out.note('The agents are SIMULATED (no AI, no API key). For a real one: gt config default-agent claude');
	if (!interactive) {
		context.out.line(demo.town);
		context.out.note(`Next: cd ${demo.town} && gt ui   (or gt mayor attach; gt down stops the agents)`);
		return 0;
	}
	const ui = await import('./ui.js');
	return ui.run({...context, args: [], flags: {}, env: {...context.env, cwd: demo.town}});
}
