/**
 * "Explain Error" as a follow-up to a portal failure: for an error the portal
 * itself answered with a Bitrix24 code, runs **Bitrix24: Explain Error…** on
 * that code and method. Duck-typed, like the rights failures it extends.
 */
import { localize } from '../l10n/localize';

export interface ExplainAction {
  title: string;
  command: string;
  args: unknown[];
}

/** The action for `e`, or undefined when there is no portal error code to explain. */
export function explainAction(e: unknown): ExplainAction | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const x = e as { code?: unknown; status?: unknown; method?: unknown };
  // Only answers from a portal carry an HTTP status; codes raised on this side do not.
  if (typeof x.code !== 'string' || typeof x.status !== 'number') return undefined;
  const error = JSON.stringify({ error: x.code, status: x.status });
  return {
    title: localize('Explain Error'),
    command: 'bitrix24.explainError',
    args: [{ error, ...(typeof x.method === 'string' ? { method: x.method } : {}) }],
  };
}
