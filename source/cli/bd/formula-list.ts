import {countSteps} from '../../core/formulas/cook.js';
import {listFormulas} from '../../core/formulas/discover.js';
import {readFormulaFile} from '../../core/formulas/parse.js';
import {flagBool, type CommandContext} from '../spec.js';

export async function run(context: CommandContext) {
	// A broken file is listed with its error rather than hiding the others.
	const rows = listFormulas(context.env).map(entry => {
		try {
			const formula = readFormulaFile(entry.file);
			const steps = formula.type === 'expansion' && formula.steps.length === 0 ? countSteps(formula.template ?? []) : formula.type === 'convoy' && formula.steps.length === 0 ? (formula.legs?.length ?? 0) : countSteps(formula.steps);
			return {...entry, description: formula.description ?? '', version: formula.version, type: formula.type, steps, vars: Object.keys(formula.vars)};
		} catch (error) {
			return {...entry, description: '', error: error instanceof Error ? error.message : String(error)};
		}
	});
	if (flagBool(context, 'json')) {
		context.out.json(rows);
		return;
	}
	if (rows.length === 0) {
		context.out.line('No formulas found (looked in formulas/ of this ledger, the town, ~/.beads and the package).');
		return;
	}
	const nameWidth = Math.max(...rows.map(row => row.name.length));
	const sourceWidth = Math.max(...rows.map(row => row.source.length));
	const typeWidth = Math.max(...rows.map(row => ('type' in row ? row.type.length : 6)));
	for (const row of rows) {
		const unit = 'type' in row && row.type === 'convoy' ? 'leg' : 'step';
		const steps = 'steps' in row ? `${row.steps} ${unit}${row.steps === 1 ? ' ' : 's'}` : 'broken ';
		const about = 'error' in row ? row.error : (row.description.split('\n')[0] ?? '');
		context.out.line(`${row.name.padEnd(nameWidth)}  ${row.source.padEnd(sourceWidth)}  ${('type' in row ? row.type : '').padEnd(typeWidth)}  ${steps.padStart(8)}  ${about}`);
	}
}
