// bd cook: the resolved formula as Beads prints it. Compile mode (the default)
// keeps {{placeholders}}; runtime mode (--mode=runtime, or any --var) substitutes
// them and needs every required one. --dry-run previews the steps as a tree.
import {cookFormula, type CookMode} from '../../core/formulas/cook.js';
import {formulaJson} from '../../core/formulas/json.js';
import {flattenSteps, varsFromFlag, type FormulaStep} from '../../core/formulas/parse.js';
import {FormulaLoader} from '../../core/formulas/resolve.js';
import {usageError} from '../../core/base/errors.js';
import {flagBool, flagString, type CommandContext} from '../spec.js';
import {safeText} from '../../core/base/terminal-text.js';

function listFlag(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	return (Array.isArray(value) ? value : [value]).flatMap(item => String(item).split(',')).map(item => item.trim()).filter(Boolean);
}

function tree(steps: readonly FormulaStep[], indent: string, out: (line: string) => void): void {
	steps.forEach((step, index) => {
		const last = index === steps.length - 1;
		const deps = [step.depends_on.length > 0 ? `depends: ${step.depends_on.join(', ')}` : '', step.needs.length > 0 ? `needs: ${step.needs.join(', ')}` : '', step.waits_for ? `waits_for: ${step.waits_for}` : '', step.gate ? `gate: ${step.gate.type}` : ''].filter(Boolean);
		const type = step.type && step.type !== 'task' ? ` (${step.type})` : '';
		out(`${indent}${last ? '└──' : '├──'} ${step.id}: ${safeText(step.title)}${type}${deps.length > 0 ? ` [${deps.join(', ')}]` : ''}`);
		tree(step.children, `${indent}${last ? '    ' : '│   '}`, out);
	});
}

export async function run(context: CommandContext) {
	const mode = flagString(context, 'mode');
	if (mode !== undefined && mode !== 'compile' && mode !== 'runtime') throw usageError(`--mode ${mode} is not compile or runtime`, 'compile keeps {{placeholders}}; runtime substitutes --var values');
	if (flagBool(context, 'persist')) {
		throw usageError('bd cook --persist is not needed here: protos are never stored in the ledger', 'bd mol pour and bd mol wisp cook the formula inline; bd cook prints it');
	}
	const loader = new FormulaLoader(context.env, listFlag(context.flags.searchPath));
	const cooked = cookFormula(context.env, context.args[0]!, {mode: mode as CookMode | undefined, vars: varsFromFlag(context.flags.var), loader});
	if (!flagBool(context, 'dryRun')) {
		context.out.json(formulaJson(cooked.formula));
		return;
	}
	const formula = cooked.formula;
	const protoId = `${flagString(context, 'prefix') ?? ''}${formula.formula}`;
	const out = (line: string) => context.out.line(line);
	out(`Dry run: would cook formula ${formula.formula} as proto ${protoId} (${cooked.mode === 'runtime' ? 'runtime' : 'compile-time'} mode)`);
	out('');
	out(`Steps (${flattenSteps(formula.steps).length}) ${cooked.mode === 'runtime' ? '[variables substituted]' : '[{{variables}} shown as placeholders]'}:`);
	tree(formula.steps, '  ', out);
	const vars = Object.entries(formula.vars);
	if (vars.length > 0) {
		out('');
		out(cooked.mode === 'runtime' ? 'Variable values:' : 'Variable definitions:');
		for (const [name, spec] of vars) {
			if (cooked.mode === 'runtime') out(`  {{${name}}} = ${safeText(cooked.values[name] ?? '')}`);
			else {
				const attributes = [spec.required ? 'required' : '', spec.default !== undefined ? `default=${spec.default}` : '', spec.enum?.length ? `enum=[${spec.enum.join(',')}]` : '', spec.pattern ? `pattern=${spec.pattern}` : ''].filter(Boolean);
				out(`  {{${name}}}: ${[safeText(spec.description ?? ''), attributes.length > 0 ? `(${attributes.join(', ')})` : ''].filter(Boolean).join(' ')}`);
			}
		}
	}
	const points = formula.compose?.bond_points ?? [];
	if (points.length > 0) out(`Bond points: ${points.map(point => point.id).join(', ')}`);
}
