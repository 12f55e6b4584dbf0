// The dashboard page: one live overview from /api/events (server-sent events; the
// browser reconnects by itself), "needs you" first, then work, then the town.
import {useCallback, useEffect, useRef, useState} from 'preact/hooks';
import type {TownOverview} from '../../core/overview/town-overview.js';
import {Agents, Convoys, Hooks, MergeQueue, NeedsYou, Ready} from './work-panels.js';
import {Activity, Config, Mail, Mayor, Rigs, TerminalPanel} from './town-panels.js';

type Notice = {ok: boolean; message: string; at: number};

function useOverview(): {overview: TownOverview | undefined; connected: boolean} {
	const [overview, setOverview] = useState<TownOverview | undefined>();
	const [connected, setConnected] = useState(false);
	useEffect(() => {
		const source = new EventSource('/api/events');
		source.addEventListener('overview', event => {
			setOverview(JSON.parse((event as MessageEvent<string>).data) as TownOverview);
			setConnected(true);
		});
		source.onerror = () => setConnected(false);
		return () => source.close();
	}, []);
	return {overview, connected};
}

function useNow(): number {
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, []);
	return now;
}

const themes = ['auto', 'light', 'dark'] as const;
type Theme = (typeof themes)[number];

function useTheme(): [Theme, () => void] {
	const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem('gt-theme') as Theme | null) ?? 'auto');
	useEffect(() => {
		if (theme === 'auto') delete document.documentElement.dataset.theme;
		else document.documentElement.dataset.theme = theme;
		localStorage.setItem('gt-theme', theme);
	}, [theme]);
	return [theme, () => setTheme(themes[(themes.indexOf(theme) + 1) % themes.length]!)];
}

const keys: Array<[string, string]> = [['?', 'this help'], ['m', 'write to the Mayor'], ['n', 'jump to what needs you'], ['a', 'agents'], ['c', 'convoys'], ['t', 'type into the open terminal'], ['Ctrl+]', 'stop typing (Esc goes to the agent)'], ['Esc', 'leave a field, close the terminal'], ['Tab', 'move between controls; Enter or Space acts']];

export function App() {
	const {overview, connected} = useOverview();
	const now = useNow();
	const [theme, nextTheme] = useTheme();
	const [notice, setNotice] = useState<Notice | undefined>();
	const [terminal, setTerminal] = useState<string | undefined>();
	const [help, setHelp] = useState(false);
	const report = useCallback((ok: boolean, message: string) => setNotice({ok, message, at: Date.now()}), []);
	const main = useRef<HTMLElement>(null);

	useEffect(() => {
		const onKey = (event: KeyboardEvent) => {
			const target = event.target as HTMLElement;
			// While typing into an agent, every key is the agent's (Ctrl+] stops, in the terminal).
			if (target.closest('.terminal.typing')) return;
			const inField = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
			if (event.key === 'Escape') {
				if (inField) (target as HTMLElement).blur();
				else if (help) setHelp(false);
				else setTerminal(undefined);
				return;
			}
			if (inField || event.ctrlKey || event.metaKey || event.altKey) return;
			const focus = (selector: string) => document.querySelector<HTMLElement>(selector)?.focus();
			if (event.key === '?') setHelp(!help);
			else if (event.key === 'm') focus('[data-form="mayor-chat"] textarea, #mayor button[data-action="start-mayor"]');
			else if (event.key === 'n') focus('#needs-you button, #needs-you h2');
			else if (event.key === 'a') focus('#agents button');
			else if (event.key === 'c') focus('#convoys summary, #convoys input');
			else if (event.key === 't') document.querySelector<HTMLElement>('[data-toggle="typing"]')?.click();
			else return;
			event.preventDefault();
		};
		window.addEventListener('keydown', onKey);
		return () => window.removeEventListener('keydown', onKey);
	}, [help]);

	if (!overview) return <main class="boot"><p>{connected ? 'Reading the town…' : 'Connecting to the dashboard…'}</p></main>;
	const working = overview.agents.filter(agent => agent.state.state === 'working').length;
	const themeLabel = `Theme: ${theme}`;
	return (
		<>
			<header>
				<h1>{overview.town.name || 'Gas Town'} <span class="muted">· Gas Town</span></h1>
				<span class={`pill ${overview.daemon === 'up' ? 'ok' : 'bad'}`} data-daemon={overview.daemon}>daemon {overview.daemon}</span>
				<span class="pill">{overview.agents.length} agents · {working} working</span>
				<span class={`pill ${overview.needsYou.length > 0 ? 'warn' : ''}`}>{overview.needsYou.length} need you</span>
				{connected ? <span class="pill ok" data-live="on">live</span> : <span class="pill bad" data-live="off">reconnecting…</span>}
				<span class="spacer" />
				<button type="button" onClick={nextTheme} aria-label={themeLabel}>{themeLabel}</button>
				<button type="button" onClick={() => setHelp(!help)} aria-expanded={help}>Keys (?)</button>
			</header>
			<p class={`notice ${notice ? (notice.ok ? 'ok' : 'bad') : ''}`} role="status" aria-live="polite" data-notice>{notice?.message ?? ''}</p>
			{help ? <aside class="help" aria-label="keyboard keys"><dl>{keys.map(([key, what]) => <div key={key}><dt><kbd>{key}</kbd></dt><dd>{what}</dd></div>)}</dl></aside> : null}
			<main ref={main}>
				<NeedsYou overview={overview} now={now} report={report} open={setTerminal} />
				<div class="columns">
					<div class="column">
						<Agents overview={overview} now={now} report={report} selected={terminal} select={id => setTerminal(id === terminal ? undefined : id)} />
						{terminal ? <TerminalPanel key={terminal} overview={overview} report={report} session={terminal} close={() => setTerminal(undefined)} theme={theme} /> : null}
						<Mayor overview={overview} report={report} theme={theme} />
						<Hooks overview={overview} now={now} report={report} />
					</div>
					<div class="column">
						<Convoys overview={overview} now={now} report={report} />
						<Ready overview={overview} now={now} report={report} />
						<MergeQueue overview={overview} now={now} report={report} />
						<Mail overview={overview} now={now} report={report} />
					</div>
				</div>
				<div class="columns">
					<div class="column"><Rigs overview={overview} now={now} report={report} /><Config overview={overview} now={now} report={report} /></div>
					<div class="column"><Activity overview={overview} now={now} /></div>
				</div>
			</main>
		</>
	);
}
