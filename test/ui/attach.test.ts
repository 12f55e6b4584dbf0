import {describe, expect, it} from 'vitest';
import {attachKeys, findAttachKey} from '../../source/ui/attach.js';
import {binding, keySequence} from '../../source/ui/app/key-map.js';

describe('attach keys', () => {
	it('come from the key map: ctrl+] detaches', () => {
		expect(attachKeys).toEqual([{sequence: keySequence(binding('attach.detach').keys[0]), end: 'detached'}]);
		expect(attachKeys[0]!.sequence).toBe('\x1d');
	});

	it('split a chunk: the text before the key goes to the agent', () => {
		expect(findAttachKey('ls -la\r')).toBeUndefined();
		expect(findAttachKey('ls\x1dmore')).toEqual({index: 2, end: 'detached'});
	});
});
