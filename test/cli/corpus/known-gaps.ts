// Corpus lines that do not yet have the original's effect here, each with why; they run as
// expected failures (it.fails), so one that starts working fails the suite until it moves off
// this list. The closing note of issue 12 counts them.
/** CORPUS_GAPS=show runs the known gaps as ordinary tests, to read why each fails. */
export const showGaps = process.env.CORPUS_GAPS === 'show';

export const knownGaps: ReadonlyMap<string, string> = new Map([
]);
