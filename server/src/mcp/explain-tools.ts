/** `explain_error`: what a Bitrix24 REST error means for this app and how to fix it. */
import { explainInput, formatExplanations, type ExplainContext } from '../explain/explain';
import { resolveInWorkspace } from './workspace-tools';
import { limitOf, limitProperty, ToolInputError, type ToolContext, type ToolDefinition } from './tool-types';

export const explainError: ToolDefinition = {
  name: 'explain_error',
  title: 'Explain a Bitrix24 REST error',
  description:
    'Explains a Bitrix24 REST API error and gives the concrete fix: paste the JSON body the portal returned, a batch answer or its result_error map, ' +
    'a log line, or just the code (insufficient_scope, ACCESS_DENIED, METHOD_CONFIRM_WAITING, WRONG_AUTH_TYPE, expired_token, QUERY_LIMIT_EXCEEDED, ' +
    'OPERATION_TIME_LIMIT, BITRIX_REST_V3_EXCEPTION_*, …). With the method it tells which scope is missing (compared with this workspace’s manifest and, ' +
    'when a portal is connected, its granted scopes), whether it is a user right instead, and what to change. Offline.',
  inputSchema: {
    type: 'object',
    properties: {
      error: { type: 'string', description: 'The error: JSON body, batch result_error map, log text or the bare code.', maxLength: 100_000 },
      method: {
        type: 'string',
        description: 'The method that failed, e.g. "crm.lead.add" (errors never name it themselves, except in a batch with its cmd).',
        maxLength: 200,
      },
      manifest: { type: 'string', description: 'Manifest to compare with, relative to the workspace root (default: the first one).', maxLength: 1000 },
      limit: limitProperty,
    },
    required: ['error'],
    additionalProperties: false,
  },
  async run(input, ctx) {
    const ectx = await explainContext(ctx, typeof input.method === 'string' ? input.method.trim() || undefined : undefined, input.manifest);
    const result = explainInput(String(input.error), ectx);
    if (!result.explanations.length) throw new ToolInputError(`explain_error: ${result.problem ?? 'nothing to explain.'}`);
    return { text: formatExplanations(result, limitOf(input), ctx.locale) };
  },
};

/** What the engine may know around an error, from the tool context. */
export async function explainContext(ctx: ToolContext, method: string | undefined, manifestPath: unknown): Promise<ExplainContext> {
  const index = ctx.workspace;
  const only = resolveInWorkspace(ctx, manifestPath, 'manifest');
  const state = index ? (only ? index.manifests().find((m) => m.file === only) : index.manifests()[0]) : undefined;
  if (only && !state) throw new ToolInputError(`manifest "${String(manifestPath)}" is not a manifest of this workspace.`);
  const scopes = state?.parsed.manifest.scopes;
  const facts = await ctx.portal?.facts().catch(() => undefined);
  return {
    method,
    catalogue: ctx.catalogue,
    manifest: state && scopes ? { label: index!.label(state.file), scopes: scopes.map((s) => s.code), kind: state.parsed.manifest.kind } : undefined,
    portal: facts ? { scopes: facts.scopes, admin: facts.admin, auth: facts.auth } : undefined,
    now: ctx.now(),
    locale: ctx.locale,
  };
}
