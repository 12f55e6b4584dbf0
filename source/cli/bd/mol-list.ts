import {openCurrentLedger} from '../../core/beads/resolve.js';
import {listMolecules} from '../../core/formulas/molecule.js';
import {flagBool, type CommandContext} from '../spec.js';
import {glyph} from './format.js';
import {safeText} from '../../core/base/terminal-text.js';

export async function run(context: CommandContext) {
	const state = await openCurrentLedger(context.env).read();
	const molecules = listMolecules(state, {all: flagBool(context, 'all')});
	if (flagBool(context, 'json')) {
		context.out.json(molecules.map(({steps: _steps, ...summary}) => summary));
		return;
	}
	if (molecules.length === 0) {
		context.out.line('No molecules. Pour one: bd mol pour <formula> --var k=v');
		return;
	}
	const idWidth = Math.max(...molecules.map(molecule => molecule.id.length));
	const formulaWidth = Math.max(...molecules.map(molecule => (molecule.formula ?? '').length));
	for (const molecule of molecules) {
		const progress = `${molecule.done}/${molecule.total}`.padStart(7);
		context.out.line(`${glyph(molecule.status)} ${molecule.id.padEnd(idWidth)}  ${progress}  ${(molecule.formula ?? '').padEnd(formulaWidth)}  ${safeText(molecule.title)}${molecule.ephemeral ? '  (wisp)' : ''}`);
	}
}
