// A seeded, generated ledger for tests that compare the read index with the full read.

function rng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * issues.jsonl and wisps.jsonl text with a bit of everything: every status, parents
 * two deep, blocks / conditional-blocks / waits-for (both gates) / related edges,
 * edges to beads that do not exist, deferral by status, by date (past and future)
 * and by a deferred parent, labels and assignees, ephemeral beads with and without
 * the flag, and lines written by others: Beads exports that need normalising, and
 * lines that are valid JSON but not exactly JSON.stringify's text.
 */
export function generateLedger(total: number, seed: number): {issues: string; wisps: string} {
	const random = rng(seed);
	const int = (n: number) => Math.floor(random() * n);
	const pick = <T>(list: readonly T[]) => list[int(list.length)]!;
	const statuses = ['open', 'open', 'open', 'in_progress', 'blocked', 'hooked', 'deferred', 'pinned', 'closed', 'closed'];
	const types = ['task', 'bug', 'feature', 'epic', 'chore', 'message', 'molecule', 'gate'];
	const beads: Array<Record<string, unknown>> = [];
	for (let index = 0; index < total; index++) {
		const parent = index > 5 && random() < 0.25 ? beads[int(beads.length)] : undefined;
		const id = parent && String(parent.id).split('.').length < 3 ? `${parent.id}.${index}` : `gx-${index.toString(36)}`;
		const created = Date.parse('2025-06-01T00:00:00Z') + int(40) * 86_400_000; // repeated dates: ties broken by id
		const bead: Record<string, unknown> = {
			id,
			title: `${pick(['Fix', 'Add', 'Ship'])} <thing> "${index}" ünïcode ${pick(['', '🚀', 'tab\there'])}`,
			status: pick(statuses),
			priority: int(5),
			issue_type: pick(types),
			created_at: new Date(created).toISOString(),
			updated_at: new Date(created + 1000).toISOString(),
		};
		if (random() < 0.3) bead.description = `line one\nline two ${index}`;
		if (random() < 0.4) bead.labels = [...new Set([pick(['a', 'b', 'c']), pick(['b', 'c', 'd'])])].sort();
		if (random() < 0.3) bead.assignee = pick(['alice', 'bob', '']);
		if (random() < 0.15) bead.defer_until = pick(['2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'not a date']);
		const dependencies: Array<Record<string, unknown>> = [];
		if (parent && id.startsWith(`${parent.id}.`)) dependencies.push({issue_id: id, depends_on_id: parent.id, type: 'parent-child', created_at: bead.created_at});
		if (beads.length > 3 && random() < 0.35) {
			const target = beads[int(beads.length)]!.id;
			const type = pick(['blocks', 'blocks', 'conditional-blocks', 'waits-for', 'related']);
			if (target !== parent?.id) dependencies.push({issue_id: id, depends_on_id: target, type, created_at: bead.created_at, ...(type === 'waits-for' && random() < 0.5 ? {metadata: {gate: 'any-children'}} : {})});
		}
		if (random() < 0.05) dependencies.push({issue_id: id, depends_on_id: 'other-zzz', type: 'blocks', created_at: bead.created_at});
		// Hand-made edges: no issue_id, or another bead's, which counts that bead as the target's child.
		if (beads.length > 3 && random() < 0.05) dependencies.push({depends_on_id: beads[int(beads.length)]!.id, type: 'waits-for'});
		if (beads.length > 3 && random() < 0.05) dependencies.push({issue_id: beads[int(beads.length)]!.id, depends_on_id: beads[int(beads.length)]!.id, type: 'parent-child'});
		if (dependencies.length > 0) bead.dependencies = dependencies;
		if (random() < 0.1) bead.ephemeral = true;
		beads.push(bead);
	}
	const durable: string[] = [];
	const ephemeral: string[] = [];
	for (const [index, bead] of beads.entries()) {
		let line = JSON.stringify(bead);
		const kind = index % 13;
		if (kind === 1) line = JSON.stringify({...bead, status: undefined, priority: undefined, dependency_count: 2}); // Beads export: normalised on read
		else if (kind === 2) line = line.replace(/</g, '\\u003c').replace(/>/g, '\\u003e'); // Go's escaping: same bead, other text
		else if (kind === 3) line = line.replace('","', '", "'); // a space: same bead, other text
		else if (kind === 4) line = JSON.stringify({...bead, wisp: true, ephemeral: undefined});
		(bead.ephemeral || kind === 4 || index % 17 === 0 ? ephemeral : durable).push(line);
	}
	// A memory record and a tombstone: not beads.
	durable.unshift(JSON.stringify({_type: 'memory', key: 'k', value: 'v'}));
	durable.push(JSON.stringify({id: 'gx-gone', title: 'gone', status: 'tombstone', priority: 1, issue_type: 'task', created_at: '2025-01-01T00:00:00Z'}));
	return {issues: `${durable.join('\n')}\n`, wisps: `${ephemeral.join('\n')}\n`};
}

