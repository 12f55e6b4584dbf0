import {describe, expect, it} from 'vitest';
import {binding, footerItems, keyHint, keyMap, keyName, keySequence, keyTableMarkdown, matchKey, type BindingId, type IdIn} from '../../../source/ui/app/key-map.js';
import {colorTheme, plainTheme, themeFor} from '../../../source/ui/widgets/theme.js';

describe('key map', () => {
	it('has unique ids and no key bound twice in one scope', () => {
		expect(new Set(keyMap.map(entry => entry.id)).size).toBe(keyMap.length);
		for (const scope of new Set(keyMap.map(entry => entry.scope))) {
			const keys = keyMap.filter(entry => entry.scope === scope).flatMap(entry => entry.keys);
			expect(new Set(keys).size, scope).toBe(keys.length);
		}
	});

	it('matches keys in the most specific scope first', () => {
		expect(matchKey('enter', ['agents', 'list', 'global'])?.id).toBe('agents.attach');
		expect(matchKey('enter', ['mail', 'list', 'global'])?.id).toBe('mail.read');
		expect(matchKey('j', ['convoys', 'list', 'global'])?.id).toBe('list.down');
		expect(matchKey('s', ['mail', 'list', 'global'])).toBeUndefined();
		expect(keyName('', {return: true})).toBe('enter');
		expect(keyName('', {tab: true, shift: true})).toBe('shift+tab');
		expect(keySequence(binding('global.prev-pane').keys[0]!)).toBe('\x1b[Z');
	});

	it('drives the footer (pane keys first) and the README table', () => {
		const footer = footerItems(['agents', 'list', 'global']).map(item => item.short);
		expect(footer.slice(0, 3)).toEqual(['attach', 'nudge', 'stop']);
		expect(footerItems(['agents']).find(item => item.short === 'stop')?.dangerous).toBe(true);
		const table = keyTableMarkdown();
		expect(table.split('\n')[0]).toBe('| Where | Keys | What it does |');
		expect(table).toContain('| Agents pane | `x` | Stop the agent (asks first) |');
		expect(table.split('\n')).toHaveLength(keyMap.length + 2);
	});

	it('types ids from the table: an unknown id or a scope without its prefix does not compile', () => {
		const id: BindingId = 'agents.stop';
		const inHelp: IdIn<'help'> = 'help.close';
		// @ts-expect-error not a binding of the key map
		const unknown: BindingId = 'agents.explode';
		// @ts-expect-error a binding of another scope
		const wrongScope: IdIn<'help'> = 'global.help';
		expect([id, inHelp, unknown, wrongScope]).toHaveLength(4);
		expect(() => binding('agents.explode' as BindingId)).toThrow('no key binding');
	});

	it('gives the hints and the bytes of keys', () => {
		expect(keyHint('dialog.confirm')).toBe('enter/y');
		expect(keyHint('message.close', 'first')).toBe('esc');
		expect(keySequence('ctrl+c')).toBe('\x03');
		expect(keySequence('ctrl+u')).toBe('\x15');
		expect(keySequence(binding('attach.detach').keys[0])).toBe('\x1d');
		expect(keyName('', {backspace: true})).toBe('backspace');
		expect(keyName('', {leftArrow: true})).toBe('left');
		expect(keyName('a', {ctrl: true})).toBe('ctrl+a');
	});

	it('respects NO_COLOR', () => {
		expect(themeFor({NO_COLOR: '1'})).toBe(plainTheme);
		expect(themeFor({})).toBe(colorTheme);
	});
});
