// Flags every registry table shares, defined once.
import type {FlagSpec} from '../spec.js';

export const json: FlagSpec = {type: 'boolean', description: 'Print JSON'};
