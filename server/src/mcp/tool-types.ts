/**
 * The assistant tools' common shape: a name, a model-facing description, a
 * JSON input schema, and a `run` that answers with short quotable text. The
 * same definitions serve VS Code's language-model tools (through the language
 * server) and the `bitrix24-mcp` server. No tool writes to a portal or a file.
 */
import type { Catalogue } from '../catalogue/catalogue';
import type { WorkspaceIndex } from '../workspace/workspace-index';
import type { Locale } from '../l10n/locale';

/** The landing `scope` parameter a site of `type` needs (ordinary sites need none). */
export function landingSection(type: string | undefined): string | undefined {
  return type === 'KNOWLEDGE' || type === 'GROUP' || type === 'MAINPAGE' ? type : undefined;
}

/** The JSON Schema subset the tools use (also what package.json declares for VS Code). */
export interface InputSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  required?: string[];
  additionalProperties?: false;
}
export interface PropertySchema {
  type: 'string' | 'integer' | 'boolean';
  description: string;
  enum?: string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** What the connected portal told us (nothing secret). */
export interface PortalFactsView {
  portal: string;
  scopes: string[];
  admin: boolean;
  auth?: 'webhook' | 'oauth';
}

/** A site's access rules as the portal reports them for the current user. */
export interface PortalSiteRights {
  siteId: number;
  /** Operation letters or words the portal returned, e.g. ["read", "edit"]. */
  operations: string[];
}

/** Read-only portal access for tools; absent when offline. Implementations never expose credentials. */
export interface PortalReader {
  facts(): Promise<PortalFactsView | undefined>;
  /** `landing.site.getRights` for one site (of `type`, e.g. KNOWLEDGE): what the current user may do there. */
  siteRights(siteId: number, type?: string): Promise<PortalSiteRights>;
}

/** Everything a tool may read. */
export interface ToolContext {
  catalogue: Catalogue;
  /** The workspace index (scanned), or undefined when no folder is open. */
  workspace?: WorkspaceIndex;
  /** Workspace roots, absolute, forward slashes. */
  roots: string[];
  portal?: PortalReader;
  /** Reads a text file of the workspace (rights files); undefined when missing. */
  readFile?(path: string): Promise<string | undefined>;
  /** Lists a folder's entries (names); empty when missing. */
  listDir?(path: string): Promise<string[]>;
  now(): number;
  /** The language of explanations and of why a scope is needed (English when undefined); names and codes stay as they are. */
  locale?: Locale;
}

export interface ToolResult {
  text: string;
  /** True when the tool could not answer (bad input aside, which throws ToolInputError). */
  isError?: boolean;
}

export interface ToolDefinition {
  name: string;
  title: string;
  /** Model-facing: what the tool answers and when to use it. */
  description: string;
  inputSchema: InputSchema;
  /** The tool reads the connected portal (VS Code asks before running it). */
  readsPortal?: boolean;
  run(input: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
}

/** Input that does not match the tool's schema; the message says what to send instead. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

/** Checks `input` against `schema`; returns it typed as a record or throws ToolInputError. */
export function validateInput(tool: Pick<ToolDefinition, 'name' | 'inputSchema'>, input: unknown): Record<string, unknown> {
  const schema = tool.inputSchema;
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new ToolInputError(`${tool.name}: the input must be an object.`);
  const record = input as Record<string, unknown>;
  for (const key of schema.required ?? []) {
    if (record[key] === undefined || record[key] === '') throw new ToolInputError(`${tool.name}: "${key}" is required (${schema.properties[key].description})`);
  }
  for (const [key, value] of Object.entries(record)) {
    const p = schema.properties[key];
    if (!p) throw new ToolInputError(`${tool.name}: unknown input "${key}"; expected ${Object.keys(schema.properties).join(', ')}.`);
    if (value === undefined) continue;
    if (p.type === 'string') {
      if (typeof value !== 'string') throw new ToolInputError(`${tool.name}: "${key}" must be a string.`);
      if (p.maxLength !== undefined && value.length > p.maxLength) throw new ToolInputError(`${tool.name}: "${key}" is longer than ${p.maxLength} characters.`);
      if (p.enum && !p.enum.includes(value)) throw new ToolInputError(`${tool.name}: "${key}" must be one of ${p.enum.join(', ')}.`);
    } else if (p.type === 'integer') {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new ToolInputError(`${tool.name}: "${key}" must be a whole number.`);
      if ((p.minimum !== undefined && value < p.minimum) || (p.maximum !== undefined && value > p.maximum)) {
        throw new ToolInputError(`${tool.name}: "${key}" must be between ${p.minimum ?? '-∞'} and ${p.maximum ?? '∞'}.`);
      }
    } else if (typeof value !== 'boolean') throw new ToolInputError(`${tool.name}: "${key}" must be true or false.`);
  }
  return record;
}

/** Lists at most `limit` items, then "… N more" with how to narrow. */
export function capped<T>(items: readonly T[], limit: number, line: (item: T) => string, narrow: string): string[] {
  const out = items.slice(0, limit).map(line);
  if (items.length > limit) out.push(`… ${items.length - limit} more${narrow ? `; ${narrow}` : ''}`);
  return out;
}

/** The default number of lines a list in a tool result shows. */
export const DEFAULT_LIMIT = 20;
/** The largest `limit` a caller may ask for. */
export const MAX_LIMIT = 100;

export const limitProperty: PropertySchema = {
  type: 'integer',
  description: `How many entries to list (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}).`,
  minimum: 1,
  maximum: MAX_LIMIT,
};

/** The `limit` input, defaulted. */
export function limitOf(input: Record<string, unknown>): number {
  return typeof input.limit === 'number' ? input.limit : DEFAULT_LIMIT;
}
