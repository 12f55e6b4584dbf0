// The page's one way to act: POST /api/actions/<name> with the CSRF token the server
// put in the page. Answers {ok, message} or {error}; the caller shows either.
const csrf = document.querySelector<HTMLMetaElement>('meta[name="gt-csrf"]')?.content ?? '';

export type ActionResult = {readonly ok: boolean; readonly message: string};

export async function act(name: string, body: Record<string, unknown>): Promise<ActionResult> {
	try {
		const response = await fetch(`/api/actions/${encodeURIComponent(name)}`, {
			method: 'POST',
			headers: {'content-type': 'application/json', 'x-gt-csrf': csrf},
			body: JSON.stringify(body),
			credentials: 'same-origin',
		});
		const answer = (await response.json()) as {message?: string; error?: string};
		return response.ok ? {ok: true, message: answer.message ?? 'Done'} : {ok: false, message: answer.error ?? `HTTP ${response.status}`};
	} catch (error) {
		return {ok: false, message: `the dashboard does not answer (${(error as Error).message})`};
	}
}
