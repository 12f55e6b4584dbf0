// "Did you mean …?" for mistyped commands and flags.

/** Edit distance counting a swap of two neighbours as one edit ("lsit" is one away from "list"). */
export function distance(a: string, b: string): number {
	const rows: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
			rows[i]![j] = best;
		}
	}
	return rows[a.length]![b.length]!;
}

/** The candidate nearest to `typed`, if it is near enough to be a typo (or `typed` is a prefix of it). */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
	let best: {name: string; score: number} | undefined;
	for (const name of candidates) {
		const score = name.startsWith(typed) && typed.length >= 3 ? 0.5 : distance(typed, name);
		if (!best || score < best.score) best = {name, score};
	}
	return best && best.score <= Math.max(2, Math.floor(typed.length / 3)) ? best.name : undefined;
}
