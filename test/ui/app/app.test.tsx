// Every pane and dialog, driven through the key map by id, over fake services.
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {AppContainer} from '../../../source/ui/app/app-container.js';
import type {BindingId} from '../../../source/ui/app/key-map.js';
import {colorTheme} from '../../../source/ui/widgets/theme.js';
import {fakeServices, type Fake} from '../fake-services.js';
import {press} from '../press.js';

function mount(fake: Fake = fakeServices()) {
	const quit = vi.fn();
	const attach = vi.fn();
	const view = render(<AppContainer services={fake} theme={colorTheme} quit={quit} attach={attach} timings={{sessionsMs: 40, ledgersMs: 40}} />);
	const frame = () => view.lastFrame() ?? '';
	const key = (id: BindingId, which = 0) => press(view.stdin, id, which);
	const type = (text: string) => view.stdin.write(text);
	const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text));
	return {...view, fake, quit, attach, frame, key, type, see};
}

const called = (fake: Fake, method: string) => fake.calls.filter(call => call.method === method).map(call => call.args);

describe('the four panes', () => {
	it('draw the Mayor screen, agents, convoys and mail with a status line and footer', async () => {
		const ui = mount();
		await ui.see('Welcome to the sim Mayor');
		await ui.see('mp/furiosa');
		const frame = ui.frame();
		expect(frame).toContain('● daemon up · 1 working · 1 waiting · 4 agents');
		expect(frame).toContain('WAITING');
		expect(frame).toMatch(/✖ mp\/slit\s+polecat\s+exited\s+mp-zz9/);
		expect(frame).toContain('hq-cv-x1 Auth system');
		expect(frame).toContain('█░░░░ 1/3');
		expect(frame).toContain('Ready to sling');
		expect(frame).toContain('● mayor/');
		expect(frame).toContain('i/enter type');
		// The Mayor's terminal streamed raw (in colour), not as polled snapshots.
		expect(called(ui.fake, 'watchTerminal')).toContainEqual(['mayor']);
		expect(called(ui.fake, 'watchScreen')).toEqual([]);
		ui.unmount();
	});

	it('starts the Mayor when it is not running', async () => {
		const fake = fakeServices();
		fake.sessionsList = fake.sessionsList.filter(info => info.id !== 'mayor');
		const ui = mount(fake);
		await vi.waitFor(() => expect(called(fake, 'startMayor')).toHaveLength(1));
		ui.unmount();
	});

	it('types to the Mayor: i opens the input, a chunk ending in enter is sent whole, esc leaves', async () => {
		const ui = mount();
		await ui.see('Welcome');
		ui.key('mayor.type');
		await ui.see('send');
		ui.type('Add a subtract function\r');
		await vi.waitFor(() => expect(called(ui.fake, 'nudge')).toEqual([['mayor', 'Add a subtract function']]));
		await ui.see('Typed to the Mayor.');
		ui.key('input.cancel');
		await ui.see('i/enter type');
		ui.unmount();
	});

	it('edits by grapheme: one backspace after "ok 😀" removes the emoji, left/right step over it', async () => {
		const ui = mount();
		await ui.see('Welcome');
		ui.key('mayor.type');
		await ui.see('send');
		ui.type('ok 😀');
		await ui.see('ok 😀');
		ui.key('edit.delete-back');
		ui.key('edit.left');
		ui.key('edit.left');
		ui.type('!');
		ui.key('edit.right');
		ui.key('edit.end');
		ui.type('🚀');
		ui.key('edit.left');
		ui.key('edit.right');
		ui.key('input.submit');
		await vi.waitFor(() => expect(called(ui.fake, 'nudge')).toEqual([['mayor', 'o!k 🚀']]));
		ui.unmount();
	});

	it('moves focus with tab and numbers; the footer follows the focused pane', async () => {
		const ui = mount();
		await ui.see('Welcome');
		ui.key('global.next-pane');
		await ui.see('a/enter attach · n nudge · x stop');
		ui.key('global.pane-convoys');
		await ui.see('s sling · b new bead · c new convoy');
		ui.key('global.pane-mail');
		await ui.see('enter read · r reply · m compose · d archive');
		ui.key('global.prev-pane');
		await ui.see('s sling');
		ui.unmount();
	});

	it('attaches to the selected agent and quits leaving agents alone', async () => {
		const ui = mount();
		await ui.see('mp/furiosa');
		ui.key('global.pane-agents');
		ui.key('list.down');
		ui.key('agents.attach');
		await vi.waitFor(() => expect(ui.attach).toHaveBeenCalledWith('mp.polecats.furiosa'));
		ui.key('global.quit');
		await vi.waitFor(() => expect(ui.quit).toHaveBeenCalled());
		expect(called(ui.fake, 'stop')).toEqual([]);
		ui.unmount();
	});

	it('shows a lost daemon, never starts it again, and reconnects when it is back', async () => {
		const fake = fakeServices();
		const ui = mount(fake);
		await ui.see('daemon up');
		fake.down = true;
		await ui.see('daemon stopped — `gt up` starts it');
		await vi.waitFor(() => expect(called(fake, 'reconnect').length).toBeGreaterThan(0));
		// Every attempt after the daemon was seen only connects (gt down must stick).
		expect(called(fake, 'reconnect').every(args => args[0] === false)).toBe(true);
		fake.down = false;
		await ui.see('daemon up');
		ui.unmount();
	});
});

describe('dialogs', () => {
	it('slings the selected bead: rig, runtime, confirm', async () => {
		const ui = mount();
		await ui.see('mp-r1');
		ui.key('global.pane-convoys');
		ui.key('list.last');
		ui.key('convoys.sling');
		await ui.see('Sling to which rig or agent?');
		expect(ui.frame()).toContain('mp/furiosa');
		ui.key('dialog.confirm');
		await ui.see('With which runtime?');
		expect(ui.frame()).toContain('sim  (town default)');
		ui.key('dialog.confirm');
		await ui.see('Sling it?');
		expect(ui.frame()).toContain('→ mp with sim');
		ui.key('dialog.confirm');
		await vi.waitFor(() => expect(called(ui.fake, 'sling')).toEqual([['mp-r1', 'mp', 'sim']]));
		await ui.see('Slung mp-r1 → mp/polecats/nux (sim)');
		ui.unmount();
	});

	it('refuses to sling a convoy row and cancels with esc', async () => {
		const ui = mount();
		await ui.see('mp-r1');
		ui.key('global.pane-convoys');
		ui.key('convoys.sling');
		await ui.see('Select an open bead to sling');
		ui.key('list.last');
		ui.key('convoys.sling');
		await ui.see('Sling to which rig');
		ui.key('dialog.cancel');
		await vi.waitFor(() => expect(ui.frame()).not.toContain('Sling to which rig'));
		expect(called(ui.fake, 'sling')).toEqual([]);
		ui.unmount();
	});

	it('creates a bead and a convoy tracking the selected bead', async () => {
		const ui = mount();
		await ui.see('mp-r1');
		ui.key('global.pane-convoys');
		ui.key('convoys.new-bead');
		await ui.see('Title of the new bead in mp:');
		ui.type('Write the docs\r');
		await vi.waitFor(() => expect(called(ui.fake, 'createBead')).toEqual([['mp', 'Write the docs']]));
		await ui.see('Created mp-new in mp.');
		ui.key('list.last');
		ui.key('convoys.new-convoy');
		await ui.see('Name of a convoy tracking mp-r1:');
		ui.type('Rounding\r');
		await vi.waitFor(() => expect(called(ui.fake, 'createConvoy')).toEqual([['Rounding', ['mp-r1']]]));
		ui.unmount();
	});

	it('nudges an agent and stops one only after confirmation', async () => {
		const ui = mount();
		await ui.see('mp/nux');
		ui.key('global.pane-agents');
		ui.key('list.down');
		ui.key('agents.nudge');
		await ui.see('Message to mp/polecats/furiosa:');
		ui.type('please run the tests\r');
		await vi.waitFor(() => expect(called(ui.fake, 'nudge')).toEqual([['mp.polecats.furiosa', 'please run the tests']]));
		ui.key('agents.stop');
		await ui.see('Stop mp/polecats/furiosa?');
		ui.key('dialog.cancel');
		await vi.waitFor(() => expect(ui.frame()).not.toContain('Stop mp/polecats/furiosa?'));
		expect(called(ui.fake, 'stop')).toEqual([]);
		ui.key('agents.stop');
		await ui.see('Stop mp/polecats/furiosa?');
		ui.key('dialog.confirm', 1);
		await vi.waitFor(() => expect(called(ui.fake, 'stop')).toEqual([['mp.polecats.furiosa']]));
		ui.unmount();
	});

	it('pauses and resumes an agent, and rolls its worktree back to a checkpoint only after asking', async () => {
		const ui = mount();
		await ui.see('mp/nux');
		ui.key('global.pane-agents');
		ui.key('list.down');
		ui.key('agents.pause');
		await vi.waitFor(() => expect(called(ui.fake, 'pause')).toEqual([['mp.polecats.furiosa']]));
		await ui.see('Paused mp/polecats/furiosa');
		ui.fake.sessionsList = ui.fake.sessionsList.map(info => (info.id === 'mp.polecats.furiosa' ? {...info, state: {...info.state, state: 'paused' as const}} : info));
		await ui.see('paused');
		ui.key('agents.pause');
		await vi.waitFor(() => expect(called(ui.fake, 'resume')).toEqual([['mp.polecats.furiosa']]));

		ui.key('agents.history');
		await ui.see('Checkpoints of mp/polecats/furiosa');
		await ui.see('a1b2c3d4');
		ui.key('choice.down');
		ui.key('dialog.confirm');
		await ui.see('Roll mp/polecats/furiosa back to 0f9e8d7c');
		expect(called(ui.fake, 'rollback')).toEqual([]);
		ui.key('dialog.cancel');
		await vi.waitFor(() => expect(ui.frame()).not.toContain('Roll mp/polecats/furiosa back'));
		ui.key('agents.history');
		await ui.see('Checkpoints of mp/polecats/furiosa');
		ui.key('choice.down');
		ui.key('dialog.confirm');
		await ui.see('Roll mp/polecats/furiosa back to 0f9e8d7c');
		ui.key('dialog.confirm', 1);
		await vi.waitFor(() => expect(called(ui.fake, 'rollback')).toEqual([['mp/polecats/furiosa', '0f9e8d7c6b5a']]));
		ui.unmount();
	});

	it('reads, replies to, archives and composes mail', async () => {
		const ui = mount();
		await ui.see('Convoy landed: Auth');
		ui.key('global.pane-mail');
		ui.key('mail.read');
		await ui.see('Body of Convoy landed: Auth');
		expect(called(ui.fake, 'readMail')).toEqual([['hq-m1']]);
		ui.key('mail.reply');
		await ui.see('Reply:');
		ui.type('Thanks!\r');
		await vi.waitFor(() => expect(called(ui.fake, 'reply')).toEqual([['hq-m1', 'Thanks!']]));
		ui.key('list.down');
		ui.key('mail.archive');
		await vi.waitFor(() => expect(called(ui.fake, 'archive')).toEqual([['hq-m2']]));
		ui.key('mail.compose');
		await ui.see('To (mayor/');
		ui.type('mayor/\r');
		await ui.see('Subject:');
		ui.type('Status?\r');
		await ui.see('Message:');
		ui.type('How is the convoy going?\r');
		await vi.waitFor(() => expect(called(ui.fake, 'sendMail')).toEqual([['mayor/', 'Status?', 'How is the convoy going?']]));
		ui.unmount();
	});

	it('filters with / and shows every key with ?', async () => {
		const ui = mount();
		await ui.see('mp/nux');
		ui.key('global.filter');
		ui.type('nux');
		await vi.waitFor(() => expect(ui.frame()).not.toContain('mp/slit'));
		expect(ui.frame()).toContain('mp/nux');
		ui.type('\r');
		await ui.see('filter: nux');
		ui.key('global.back');
		await ui.see('mp/slit');
		ui.key('global.help');
		await ui.see('Keys — esc closes');
		expect(ui.frame()).toContain('Agents pane');
		// The footer offers what works here: the keys that close the list, not the panes' keys.
		expect(ui.frame()).toContain('esc/?/q/enter close');
		expect(ui.frame()).not.toContain('tab next pane');
		ui.key('global.back');
		await vi.waitFor(() => expect(ui.frame()).not.toContain('Keys — esc closes'));
		ui.unmount();
	});
});
