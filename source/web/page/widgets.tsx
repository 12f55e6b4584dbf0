// Small pieces every panel uses: a panel frame, an action button that reports its
// result, and a one-field form.
import type {ComponentChildren} from 'preact';
import {useState} from 'preact/hooks';
import {act} from './api.js';

export type Report = (ok: boolean, message: string) => void;

export function Panel({id, title, count, children}: {id: string; title: string; count?: number; children: ComponentChildren}) {
	return (
		<section class="panel" id={id} aria-labelledby={`${id}-title`}>
			<h2 id={`${id}-title`}>{title}{count === undefined ? null : <span class="count">{count}</span>}</h2>
			{children}
		</section>
	);
}

/** A button that runs one action; busy while it runs, the answer goes to the status line. */
export function ActionButton({name, body, label, report, confirm, kind}: {name: string; body: Record<string, unknown>; label: string; report: Report; confirm?: string; kind?: 'danger'}) {
	const [busy, setBusy] = useState(false);
	const run = async () => {
		if (confirm && !window.confirm(confirm)) return;
		setBusy(true);
		const result = await act(name, body);
		setBusy(false);
		report(result.ok, result.message);
	};
	return <button type="button" class={kind ?? ''} disabled={busy} onClick={() => void run()} data-action={name}>{label}</button>;
}

/** One text field and a submit button; cleared after a successful action. */
export function InlineForm({name, field, body, label, placeholder, report, multiline}: {name: string; field: string; body: Record<string, unknown>; label: string; placeholder: string; report: Report; multiline?: boolean}) {
	const [value, setValue] = useState('');
	const [busy, setBusy] = useState(false);
	const submit = async (event: Event) => {
		event.preventDefault();
		if (!value.trim()) return;
		setBusy(true);
		const result = await act(name, {...body, [field]: value});
		setBusy(false);
		report(result.ok, result.message);
		if (result.ok) setValue('');
	};
	const onInput = (event: Event) => setValue((event.currentTarget as HTMLInputElement).value);
	return (
		<form class="inline" onSubmit={event => void submit(event)} data-form={name}>
			{multiline
				? <textarea aria-label={placeholder} placeholder={placeholder} value={value} onInput={onInput} rows={2} onKeyDown={event => {
					if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
				}} />
				: <input aria-label={placeholder} placeholder={placeholder} value={value} onInput={onInput} />}
			<button type="submit" disabled={busy}>{label}</button>
		</form>
	);
}

export function Empty({children}: {children: ComponentChildren}) {
	return <p class="empty">{children}</p>;
}
