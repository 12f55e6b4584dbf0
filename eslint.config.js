// Lint: the rules that catch real bugs, type-aware, plus the layer boundaries of DESIGN.md §3.
// A focused set, not `recommendedTypeChecked`: that preset reported ~1,500 findings here, most of them
// `no-unsafe-*` on JSON in tests and benches and `no-unnecessary-type-assertion` on `x!`, which are style.
// test/architecture.test.ts checks the same layers over the resolved import graph (dynamic imports too);
// these rules say it in the editor, on the line.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ts = '@typescript-eslint';

/** Rules that need types: each one is a dropped promise, a wrong await or a throw of a non-error. */
const typeAware = {
	[`${ts}/no-floating-promises`]: 'error',
	[`${ts}/no-misused-promises`]: 'error',
	[`${ts}/await-thenable`]: 'error',
	[`${ts}/no-for-in-array`]: 'error',
	[`${ts}/no-implied-eval`]: 'error',
	[`${ts}/only-throw-error`]: 'error',
	[`${ts}/no-array-delete`]: 'error',
	[`${ts}/no-unsafe-unary-minus`]: 'error',
	[`${ts}/no-unsafe-enum-comparison`]: 'error',
	[`${ts}/return-await`]: ['error', 'error-handling-correctness-only'],
};

/** eslint:recommended minus rules whose findings here are style or deliberate (empty best-effort catches, ANSI regexes, `_rest` destructuring). */
const plain = {
	...js.configs.recommended.rules,
	'no-empty': 'off',
	'no-control-regex': 'off',
	'no-regex-spaces': 'off',
	'no-unused-vars': 'off',
	'prefer-const': 'off',
	'preserve-caught-error': 'off',
	'no-unused-expressions': 'off',
};

// ---- Layers (DESIGN.md §3). Specifiers are relative, so each pattern is a regex over the specifier;
// no folder inside core is named ui, cli, web or main, so `(../)+ui/` can only mean source/ui.
const pattern = (regex, message, extra = {}) => ({regex, message, ...extra});
const noReactInCore = pattern('^(react|ink)(-[^/]+)?(/.*)?$', 'core imports no React or Ink (DESIGN.md §3): expose functions and events, the UI subscribes.');
const noOuterLayers = pattern('^(\\.\\./)+(ui|cli|web|main)(/|$)', 'core imports nothing from ui, cli, web or main (DESIGN.md §3).');
const coreRules = [noReactInCore, noOuterLayers];

const layers = [
	{files: ['source/core/**'], patterns: coreRules},
	{
		// The daemon is a process library: base, agent state and the session port's types only.
		files: ['source/core/daemon/**'],
		patterns: [
			...coreRules,
			pattern('^\\.\\./(?!base/|agents/state/|sessions/)', 'core/daemon imports only core/base, core/agents/state and core/sessions types (DESIGN.md §3).'),
			// core/sessions/types.ts is the port's own vocabulary (types and id helpers): the daemon may use it whole.
			pattern('^\\.\\./sessions/(?!types\\.js$)', 'core/daemon may import core/sessions types only: use `import type` (or core/sessions/types.ts).', {allowTypeImports: true}),
			pattern('^\\.\\./\\.\\./', 'core/daemon imports only core/base, core/agents/state and core/sessions types (DESIGN.md §3).'),
		],
	},
	{
		// Patrols and the refinery reach agents through core/sessions, never the daemon itself.
		files: ['source/core/patrols/**', 'source/core/refinery/**'],
		patterns: [...coreRules, pattern('^(\\.\\./)+(core/)?daemon(/|$)', 'core/patrols and core/refinery reach agents through core/sessions, never core/daemon (DESIGN.md §3).')],
	},
].map(({files, patterns}) => ({files, rules: {[`${ts}/no-restricted-imports`]: ['error', {patterns}]}}));

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'bench/results/**', 'fixtures/**']},
	{
		files: ['**/*.{ts,tsx,js}'],
		plugins: {[ts]: tseslint.plugin},
		languageOptions: {
			parser: tseslint.parser,
			ecmaVersion: 2023,
			sourceType: 'module',
			globals: globals.node,
			parserOptions: {
				// The plain-JS benches and scripts are outside tsconfig.json (no allowJs): they get a default project.
				projectService: {
					allowDefaultProject: ['bench/*.js', 'scripts/*.js'],
					maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 20,
				},
				tsconfigRootDir: import.meta.dirname,
			},
		},
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		rules: {...plain, ...typeAware},
	},
	{
		files: ['**/*.{ts,tsx}'],
		// One program from tsconfig.json for source/ and test/: about 18% less CPU than the project service here.
		languageOptions: {parserOptions: {projectService: false, project: './tsconfig.json', tsconfigRootDir: import.meta.dirname}},
		// TypeScript checks names itself (and knows type-only globals); no-undef would only misfire.
		rules: {'no-undef': 'off', 'no-redeclare': 'off', 'no-dupe-class-members': 'off'},
	},
	{
		// The dashboard's page runs in a browser: its own program (DOM types, Preact's JSX).
		files: ['source/web/page/**/*.{ts,tsx}'],
		languageOptions: {globals: globals.browser, parserOptions: {project: './source/web/page/tsconfig.json', tsconfigRootDir: import.meta.dirname}},
	},
	...layers,
);
