/**
 * Asking the portal about methods the catalogue does not know (on-premise
 * custom methods, methods newer than the catalogue): `method.get` says whether
 * each exists and whether the connection's scopes allow calling it.
 */
import type { RestClient } from './';
import type { PortalFacts } from '../../../server/src/protocol';

export type MethodAnswers = NonNullable<PortalFacts['methods']>;

/** At most this many names per check, so a large workspace cannot flood the portal. */
export const MAX_METHODS_PER_CHECK = 100;

const METHOD_NAME = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/;

/**
 * `method.get` answers for `names` (lower-cased, deduplicated, one batch per
 * 50). Names the portal could not answer for are left out, never guessed.
 */
export async function checkUnknownMethods(client: Pick<RestClient, 'batch'>, names: Iterable<string>, signal?: AbortSignal): Promise<MethodAnswers> {
  const wanted = [...new Set([...names].map((n) => n.trim().toLowerCase()))].filter((n) => METHOD_NAME.test(n)).slice(0, MAX_METHODS_PER_CHECK);
  if (wanted.length === 0) return {};
  const items = await client.batch(
    wanted.map((name) => ({ method: 'method.get', params: { name } })),
    { signal, write: false },
  );
  const answers: MethodAnswers = {};
  wanted.forEach((name, i) => {
    const item = items.get(String(i));
    if (!item?.ok || typeof item.result !== 'object' || item.result === null) return;
    const r = item.result as Record<string, unknown>;
    if (typeof r.isExisting !== 'boolean') return;
    answers[name] = { exists: r.isExisting, available: r.isExisting && r.isAvailable === true };
  });
  return answers;
}
