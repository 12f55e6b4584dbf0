// The keys that answer a runtime's permission prompt, typed into its terminal from the
// attention list. Yes is the first choice ("1") except codex's "y"; no is esc in every
// runtime (a bare "2" means "yes, and don't ask again" in claude's menu).
export type Answer = {readonly approve: string; readonly deny: string};

const approve: Readonly<Record<string, string>> = {codex: 'y'};

/** By the agent's name (a custom agent built on codex gets the default: a known gap). */
export const answerFor = (agent: string | undefined): Answer => ({approve: approve[agent ?? ''] ?? '1', deny: '\x1b'});
