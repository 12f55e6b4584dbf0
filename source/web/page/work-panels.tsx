// The panels about work: what needs you, agents, convoys, ready beads, the merge queue and hooks.
import {useState} from 'preact/hooks';
import type {TownOverview} from '../../core/overview/town-overview.js';
import {age, percent} from './format.js';
import {ActionButton, Empty, InlineForm, Panel, type Report} from './widgets.js';
import {act} from './api.js';

type Props = {overview: TownOverview; now: number; report: Report};

export function NeedsYou({overview, now, report, open}: Props & {open: (session: string) => void}) {
	const list = overview.needsYou;
	return (
		<Panel id="needs-you" title="Needs you" count={list.length}>
			{list.length === 0 ? <Empty>Nothing waits on you.</Empty> : (
				<ul class="attention">
					{list.map(item => (
						<li key={item.key} class={`kind-${item.kind}`} data-key={item.key}>
							<span class="badge">{item.kind}</span>
							<strong>{item.title}</strong>
							{item.detail ? <span class="detail">{item.detail}</span> : null}
							<span class="age">{age(item.since, now)}</span>
							<span class="buttons">
								{item.session ? <button type="button" onClick={() => open(item.session!)}>Terminal</button> : null}
								{item.kind === 'waiting' && item.session ? <InlineForm name="answer" field="text" body={{session: item.session}} label="Answer" placeholder="answer (sent with Enter)" report={report} /> : null}
								{item.mail ? <ActionButton name="archive" body={{mail: item.mail}} label="Acknowledge" report={report} /> : null}
								{item.request ? <ActionButton name="mq-retry" body={{id: item.request.id}} label="Retry merge" report={report} /> : null}
								{item.request ? <ActionButton name="mq-reject" body={{id: item.request.id}} label="Reject" report={report} kind="danger" confirm={`Reject ${item.request.id}? Its bead goes back to open.`} /> : null}
							</span>
						</li>
					))}
				</ul>
			)}
		</Panel>
	);
}

/** bead id → convoy title, for the agents table. */
function convoyOf(overview: TownOverview): Map<string, string> {
	const map = new Map<string, string>();
	for (const convoy of overview.convoys) for (const bead of convoy.tracked) map.set(bead.id, convoy.id);
	return map;
}

export function Agents({overview, now, report, selected, select}: Props & {selected?: string; select: (session: string) => void}) {
	const convoys = convoyOf(overview);
	if (overview.daemon === 'down') return <Panel id="agents" title="Agents"><Empty>The daemon is not running: <code>gt up</code> starts it (a sling from here starts it too).</Empty></Panel>;
	return (
		<Panel id="agents" title="Agents" count={overview.agents.length}>
			{overview.agents.length === 0 ? <Empty>No agents. Sling a ready bead to start one.</Empty> : (
				<table class="agents">
					<thead><tr><th>Agent</th><th>Runtime</th><th>State</th><th>Source</th><th>Bead</th><th>Convoy</th><th>Output</th><th /></tr></thead>
					<tbody>
						{overview.agents.map(agent => (
							<tr key={agent.id} data-agent={agent.address} class={agent.id === selected ? 'selected' : ''}>
								<td><button type="button" class="link" onClick={() => select(agent.id)} aria-pressed={agent.id === selected}>{agent.address}</button></td>
								<td>{agent.agent}</td>
								<td><span class={`state state-${agent.patrol?.state ?? agent.state.state}`} data-state={agent.state.state}>{agent.patrol && agent.patrol.state !== 'escalated' ? `${agent.state.state} · ${agent.patrol.state}` : agent.state.state}</span></td>
								<td class="muted" title={agent.state.detail ?? ''}>{agent.state.source} {Math.round(agent.state.confidence * 100)}%{agent.state.reason ? <div class="reason">{agent.state.reason}</div> : null}</td>
								<td>{agent.bead ?? '–'}</td>
								<td>{agent.bead ? convoys.get(agent.bead) ?? '–' : '–'}</td>
								<td class="muted">{age(agent.lastOutputAt, now)}</td>
								<td class="buttons">
									{agent.role === 'mayor' ? null : agent.state.state === 'paused'
										? <ActionButton name="resume" body={{session: agent.id}} label="Resume" report={report} />
										: agent.state.state === 'exited' ? null : <ActionButton name="pause" body={{session: agent.id}} label="Pause" report={report} />}
									<ActionButton name="restart" body={{session: agent.id}} label="Restart" report={report} confirm={`Restart ${agent.address}? It resumes on the same hook.`} />
									{agent.state.state === 'exited' ? null : <ActionButton name="stop" body={{session: agent.id}} label="Stop" report={report} kind="danger" confirm={`Stop ${agent.address}? Its hook stays.`} />}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</Panel>
	);
}

export function Convoys({overview, now, report}: Props) {
	const [title, setTitle] = useState('');
	const [beads, setBeads] = useState('');
	const create = async (event: Event) => {
		event.preventDefault();
		const result = await act('create-convoy', {title, beads: beads.split(/[\s,]+/).filter(Boolean)});
		report(result.ok, result.message);
		if (result.ok) {
			setTitle('');
			setBeads('');
		}
	};
	return (
		<Panel id="convoys" title="Convoys" count={overview.convoys.length}>
			{overview.convoys.length === 0 ? <Empty>No open convoys.</Empty> : overview.convoys.map(convoy => (
				<details key={convoy.id} class="convoy" data-convoy={convoy.id} open={convoy.total <= 6}>
					<summary>
						<span class="id">{convoy.id}</span> {convoy.title}
						<progress max={Math.max(1, convoy.total)} value={convoy.done} aria-label={`${convoy.done} of ${convoy.total} done`} />
						<span class="muted">{convoy.done}/{convoy.total} · {percent(convoy.done, convoy.total)}%</span>
					</summary>
					<ul class="tracked">
						{convoy.tracked.map(bead => <li key={bead.id} class={`status-${bead.status}`}><span class="mark">{bead.status === 'closed' ? '✓' : '○'}</span> <span class="id">{bead.id}</span> {bead.title} <span class="muted">{bead.status}{bead.assignee ? ` · ${bead.assignee}` : ''}</span></li>)}
					</ul>
				</details>
			))}
			{overview.landed.length > 0 ? <>
				<h3>Landed today</h3>
				<ul class="landed">
					{overview.landed.map(convoy => <li key={convoy.id} data-landed={convoy.id}><span class="mark">✓</span> <span class="id">{convoy.id}</span> {convoy.title} <span class="muted">{convoy.total} bead{convoy.total === 1 ? '' : 's'}{convoy.closed_at ? ` · ${age(convoy.closed_at, now)} ago` : ''}</span></li>)}
				</ul>
			</> : null}
			<form class="inline" onSubmit={event => void create(event)} data-form="create-convoy">
				<input aria-label="convoy title" placeholder="new convoy title" value={title} onInput={event => setTitle(event.currentTarget.value)} />
				<input aria-label="bead ids" placeholder="bead ids" value={beads} onInput={event => setBeads(event.currentTarget.value)} />
				<button type="submit" disabled={!title.trim()}>Create convoy</button>
			</form>
		</Panel>
	);
}

export function Ready({overview, report}: Props) {
	const targets = [...overview.rigs.map(rig => rig.name), ...overview.workers, 'mayor'];
	const runtimes = overview.config.agents.map(agent => agent.name);
	const [target, setTarget] = useState('');
	const [runtime, setRuntime] = useState('');
	const [rig, setRig] = useState('');
	return (
		<Panel id="ready" title="Ready to sling" count={overview.ready.length}>
			<div class="row">
				<label>Target <select value={target} onChange={event => setTarget(event.currentTarget.value)} aria-label="sling target">
					<option value="">the bead's rig</option>
					{targets.map(name => <option key={name} value={name}>{name}</option>)}
				</select></label>
				<label>Runtime <select value={runtime} onChange={event => setRuntime(event.currentTarget.value)} aria-label="runtime">
					<option value="">default ({overview.config.defaultAgent})</option>
					{runtimes.map(name => <option key={name} value={name}>{name}</option>)}
				</select></label>
			</div>
			{overview.ready.length === 0 ? <Empty>No ready beads.</Empty> : (
				<ul class="ready">
					{overview.ready.map(bead => (
						<li key={bead.id} data-bead={bead.id}>
							<span class="id">{bead.id}</span> <span class="muted">P{bead.priority}</span> {bead.title}
							<ActionButton name="sling" body={{bead: bead.id, target: target || bead.rig, ...(runtime ? {runtime} : {})}} label="Sling" report={report} />
						</li>
					))}
				</ul>
			)}
			<div class="row">
				<select value={rig || overview.rigs[0]?.name} onChange={event => setRig(event.currentTarget.value)} aria-label="rig for a new bead">
					{overview.rigs.map(one => <option key={one.name} value={one.name}>{one.name}</option>)}
				</select>
				<InlineForm name="create-bead" field="title" body={{rig: rig || overview.rigs[0]?.name}} label="New bead" placeholder="new bead title" report={report} />
			</div>
		</Panel>
	);
}

export function MergeQueue({overview, now, report}: Props) {
	return (
		<Panel id="merge-queue" title="Merge queue" count={overview.mergeQueue.length}>
			{overview.mergeQueue.length === 0 ? <Empty>The merge queue is empty.</Empty> : (
				<ul class="mq">
					{overview.mergeQueue.map(request => (
						<li key={request.id} data-request={request.id} class={`mq-${request.state}`}>
							<span class="badge">{request.state}</span> <span class="id">{request.id}</span> {request.title}
							<span class="muted"> {request.rig} · {request.branch} · {request.attempts} attempt{request.attempts === 1 ? '' : 's'} · {age(request.created_at, now)}</span>
							{request.last_error ? <p class="error">{request.last_error}</p> : null}
							{request.gate_output ? <details><summary>Gate output</summary><pre>{request.gate_output}</pre></details> : null}
							{request.state === 'failed' ? <span class="buttons">
								<ActionButton name="mq-retry" body={{id: request.id}} label="Retry" report={report} />
								<ActionButton name="mq-reject" body={{id: request.id}} label="Reject" report={report} kind="danger" confirm={`Reject ${request.id}?`} />
							</span> : null}
						</li>
					))}
				</ul>
			)}
		</Panel>
	);
}

export function Hooks({overview, now}: Props) {
	return (
		<Panel id="hooks" title="Hooks" count={overview.hooks.length}>
			{overview.hooks.length === 0 ? <Empty>No work is hooked.</Empty> : (
				<table class="hooks">
					<thead><tr><th>Agent</th><th>Hook</th><th>Bead</th><th>Hooked</th><th>Session</th></tr></thead>
					<tbody>
						{overview.hooks.map(hook => (
							<tr key={hook.agent} data-hook={hook.agent}>
								<td>{hook.agent}</td>
								<td class={hook.state === 'suspended' ? 'stale' : ''} data-hook-state={hook.state}>{hook.state}</td>
								<td><span class="id">{hook.bead}</span> {hook.title}</td>
								<td class={hook.stale ? 'stale' : 'muted'}>{age(hook.since, now)}{hook.stale ? ' · stale' : ''}</td>
								<td>{hook.session}</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</Panel>
	);
}
