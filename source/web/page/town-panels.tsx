// The panels about people and the town: the selected agent's terminal, the Mayor, mail,
// rigs and configuration, and the activity feed.
import {useState} from 'preact/hooks';
import type {TownOverview} from '../../core/overview/town-overview.js';
import {act} from './api.js';
import {age} from './format.js';
import {AgentTerminal} from './terminal.js';
import {ActionButton, Empty, InlineForm, Panel, type Report} from './widgets.js';

type Props = {overview: TownOverview; now: number; report: Report};

export function TerminalPanel({overview, report, session, close, theme}: Omit<Props, 'now'> & {session: string; close: () => void; theme: string}) {
	const [typing, setTyping] = useState(false);
	const agent = overview.agents.find(one => one.id === session);
	return (
		<Panel id="terminal" title={`Terminal · ${agent?.address ?? session}`}>
			<div class="row">
				<button type="button" aria-pressed={typing} onClick={() => setTyping(!typing)} class={typing ? 'danger' : ''} data-toggle="typing">{typing ? 'Typing on: keys go to the agent (Ctrl+] stops)' : 'Read-only · turn typing on'}</button>
				<button type="button" onClick={close}>Close</button>
				{agent ? <span class="muted">{agent.state.state} · {agent.state.source}{agent.state.detail ? ` · ${agent.state.detail}` : ''}{agent.state.reason ? ` · ${agent.state.reason}` : ''}</span> : <span class="muted">not running</span>}
			</div>
			<AgentTerminal session={session} typing={typing} report={report} theme={theme} stopTyping={() => setTyping(false)} />
			<InlineForm name="nudge" field="text" body={{session}} label="Nudge" placeholder={`message to ${agent?.address ?? session}`} report={report} />
		</Panel>
	);
}

export function Mayor({overview, report, theme}: Omit<Props, 'now'> & {theme: string}) {
	const mayor = overview.agents.find(agent => agent.role === 'mayor');
	return (
		<Panel id="mayor" title="Mayor">
			{mayor ? <>
				<p class="muted">{mayor.state.state} · {mayor.agent}{mayor.bead ? ` · ${mayor.bead}` : ''}</p>
				<AgentTerminal session={mayor.id} typing={false} report={report} theme={theme} />
				<InlineForm name="mayor-chat" field="text" body={{}} label="Send" placeholder="ask the Mayor (Ctrl+Enter sends)" report={report} multiline />
			</> : <>
				<Empty>The Mayor is not running.</Empty>
				<ActionButton name="start-mayor" body={{}} label="Start the Mayor" report={report} />
			</>}
		</Panel>
	);
}

export function Mail({overview, now, report}: Props) {
	const [open, setOpen] = useState<string | undefined>();
	const [to, setTo] = useState('mayor/');
	const [subject, setSubject] = useState('');
	const [body, setBody] = useState('');
	const send = async (event: Event) => {
		event.preventDefault();
		const result = await act('send-mail', {to, subject, body});
		report(result.ok, result.message);
		if (result.ok) {
			setSubject('');
			setBody('');
		}
	};
	const toggle = (id: string, read: boolean) => {
		setOpen(open === id ? undefined : id);
		if (!read) void act('read-mail', {mail: id});
	};
	return (
		<Panel id="mail" title="Mail" count={overview.mail.filter(message => !message.read).length}>
			{overview.mail.length === 0 ? <Empty>No mail.</Empty> : (
				<ul class="mail">
					{overview.mail.map(message => (
						<li key={message.id} class={message.read ? 'read' : 'unread'} data-mail={message.id}>
							<button type="button" class="link" onClick={() => toggle(message.id, message.read)} aria-expanded={open === message.id}>
								<span class="from">{message.from}</span> {message.subject} <span class="muted">{age(message.created_at, now)}</span>
							</button>
							{open === message.id ? <div class="message">
								<pre>{message.body}</pre>
								<InlineForm name="reply" field="body" body={{mail: message.id}} label="Reply" placeholder="reply" report={report} multiline />
								<ActionButton name="archive" body={{mail: message.id}} label="Archive" report={report} />
							</div> : null}
						</li>
					))}
				</ul>
			)}
			<form class="compose" onSubmit={event => void send(event)} data-form="send-mail">
				<input aria-label="to" value={to} onInput={event => setTo(event.currentTarget.value)} placeholder="to (mayor/, rig/polecat, @town)" />
				<input aria-label="subject" value={subject} onInput={event => setSubject(event.currentTarget.value)} placeholder="subject" />
				<textarea aria-label="body" value={body} onInput={event => setBody(event.currentTarget.value)} placeholder="message" rows={2} />
				<button type="submit" disabled={!subject.trim() || !to.trim()}>Send</button>
			</form>
		</Panel>
	);
}

function GatesEditor({rig, gates, report}: {rig: string; gates: readonly string[]; report: Report}) {
	const [text, setText] = useState(gates.join('\n'));
	const save = async (event: Event) => {
		event.preventDefault();
		const result = await act('rig-gates', {rig, gates: text.split('\n')});
		report(result.ok, result.message);
	};
	return (
		<form class="inline" onSubmit={event => void save(event)} data-form={`gates-${rig}`}>
			<textarea aria-label={`merge gates of ${rig}, one command per line`} value={text} rows={Math.max(1, gates.length)} onInput={event => setText(event.currentTarget.value)} placeholder="gates, one per line (e.g. npm test)" />
			<button type="submit">Save gates</button>
		</form>
	);
}

export function Rigs({overview, report}: Props) {
	return (
		<Panel id="rigs" title="Rigs" count={overview.rigs.length}>
			{overview.rigs.length === 0 ? <Empty>No rigs: <code>gt rig add &lt;name&gt; &lt;git-url&gt;</code></Empty> : overview.rigs.map(rig => (
				<div class="rig" key={rig.name} data-rig={rig.name}>
					<h3>{rig.name} <span class="muted">{rig.prefix} · {rig.defaultBranch} · {rig.polecats.length} polecats · {rig.crew.length} crew</span></h3>
					<GatesEditor rig={rig.name} gates={rig.gates} report={report} />
				</div>
			))}
		</Panel>
	);
}

const roles = ['mayor', 'polecat', 'crew', 'witness', 'refinery', 'deacon'];

export function Config({overview, report}: Props) {
	const {config} = overview;
	const names = config.agents.map(agent => agent.name);
	const set = async (key: string, value: string) => {
		const result = await act('config-set', {key, value});
		report(result.ok, result.message);
	};
	return (
		<Panel id="config" title="Configuration">
			<div class="row">
				<label>Default agent <select value={config.defaultAgent} onChange={event => void set('default_agent', event.currentTarget.value)} aria-label="default agent">
					{names.map(name => <option key={name} value={name}>{name}</option>)}
				</select></label>
			</div>
			<div class="row roles">
				{roles.map(role => (
					<label key={role}>{role} <select value={config.roles[role] ?? ''} onChange={event => void set(`roles.${role}`, event.currentTarget.value)} aria-label={`agent for ${role}`}>
						<option value="">(default)</option>
						{names.map(name => <option key={name} value={name}>{name}</option>)}
					</select></label>
				))}
			</div>
			<table class="runtimes">
				<thead><tr><th>Agent</th><th>Command</th><th>Runtime</th><th>Source</th></tr></thead>
				<tbody>
					{config.agents.map(agent => (
						<tr key={agent.name} data-runtime={agent.name}><td>{agent.name}{agent.name === config.defaultAgent ? ' ★' : ''}</td><td><code>{[agent.command, ...agent.args].join(' ')}</code></td><td>{agent.runtime}</td><td class="muted">{agent.source}</td></tr>
					))}
				</tbody>
			</table>
			<AgentCommandForm report={report} />
		</Panel>
	);
}

function AgentCommandForm({report}: {report: Report}) {
	const [name, setName] = useState('');
	const [command, setCommand] = useState('');
	const save = async (event: Event) => {
		event.preventDefault();
		const result = await act('config-set', {key: `agents.${name}.command`, value: command});
		report(result.ok, result.message);
		if (result.ok) {
			setName('');
			setCommand('');
		}
	};
	return (
		<form class="inline" onSubmit={event => void save(event)} data-form="agent-command">
			<input aria-label="agent name" placeholder="agent name" value={name} onInput={event => setName(event.currentTarget.value)} />
			<input aria-label="command" placeholder="command (e.g. claude)" value={command} onInput={event => setCommand(event.currentTarget.value)} />
			<button type="submit" disabled={!name.trim() || !command.trim()}>Set agent</button>
		</form>
	);
}

export function Activity({overview, now}: Omit<Props, 'report'>) {
	const lines = [...overview.activity].reverse();
	return (
		<Panel id="activity" title="Activity">
			{lines.length === 0 ? <Empty>Nothing yet.</Empty> : (
				<ol class="activity">
					{lines.map((line, index) => <li key={`${line.ts}-${index}`}><span class="muted">{age(line.ts, now)}</span> <span class="badge">{line.type}</span> {line.actor ?? ''} <span class="muted">{line.text}</span></li>)}
				</ol>
			)}
		</Panel>
	);
}
