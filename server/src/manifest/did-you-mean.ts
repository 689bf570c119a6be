/** "Did you mean" suggestions for mistyped scope codes and manifest keys. */
import { editDistance } from '../catalogue/edit-distance';

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo
 * (a third of the word's length, at least 1, at most 3 edits). Ties go to the
 * first candidate in order, so callers control the preference.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    // Case-insensitive, and a swap of neighbours counts as one typo.
    const d = editDistance(word.toLowerCase(), c.toLowerCase(), limit, true);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
