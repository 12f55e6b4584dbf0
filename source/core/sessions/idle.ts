// Sessions of a town whose daemon is not running, for a dry run: nobody is running,
// and nothing may be started (a dry run that tried would be a bug).
import {failure} from '../base/errors.js';
import type {SessionControl} from './port.js';

const refuse = async (): Promise<never> => {
	throw failure('a dry run starts nothing');
};

export function idleSessions(): SessionControl {
	return {
		sessions: async () => [],
		start: refuse,
		stop: refuse,
		restart: refuse,
		nudge: refuse,
		signal: refuse,
		screen: refuse,
	};
}
