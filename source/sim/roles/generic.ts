// The sim outside any role (run by hand, or in tests of the terminal itself): it
// takes a turn that looks like work, reads the repository's status, and says plainly
// that it is simulated.
import type {Role} from '../work.js';

export const genericRole: Role = {
	name: 'sim',
	async prompt(work, text) {
		work.status('Thinking');
		await work.step(2);
		work.status('Looking around');
		await work.run('git', ['status', '--short', '--branch'], {ask: 'Look at the repository status'});
		await work.step(2);
		const topic = text.replace(/\s+/g, ' ').trim();
		work.say(`I am sim, a simulated agent: I cannot really act on "${topic.length > 60 ? `${topic.slice(0, 59)}…` : topic}". `
			+ 'Run me with GT_ROLE=polecat, crew or mayor inside a town to see role work, or switch to a real agent with: gt config default-agent claude');
	},
};
