// A cache that outlives Ink's frames, dropped whole past a size so a stream of
// never-repeated strings cannot grow it without bound.
const limit = 20_000;

export function remembering<V>(compute: (key: string) => V): (key: string) => V {
	let cache = new Map<string, V>();
	return key => {
		let value = cache.get(key);
		if (value === undefined) {
			value = compute(key);
			if (cache.size >= limit) cache = new Map();
			cache.set(key, value);
		}
		return value;
	};
}
