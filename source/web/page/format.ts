// Small pure formatters shared by the panels.
export function age(iso: string | undefined, now: number): string {
	if (!iso) return '–';
	const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
	if (seconds < 60) return `${seconds}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
	return `${Math.floor(seconds / 86400)}d`;
}

export const percent = (done: number, total: number) => (total === 0 ? 0 : Math.round((done / total) * 100));

/** "mp.polecats.furiosa" for "mp/polecats/furiosa", as the daemon names sessions. */
export const sessionIdOf = (address: string) => address.replace(/\/+$/, '').replaceAll('/', '.');
