/** Every assistant tool, and the one way to run one: validate, run, turn input mistakes into a clear error. */
import { describeMethod, searchMethods } from './catalogue-tools';
import { explainError } from './explain-tools';
import { siteRights } from './site-rights-tool';
import { checkManifest, checkSnippet, neededScopesTool } from './workspace-tools';
import { validateInput, type ToolContext, type ToolDefinition, type ToolResult } from './tool-types';

export const TOOLS: readonly ToolDefinition[] = [describeMethod, searchMethods, neededScopesTool, checkManifest, checkSnippet, explainError, siteRights];

/** The tool called `name`, if any. */
export function toolNamed(name: string): ToolDefinition | undefined {
  return TOOLS.find((t) => t.name === name);
}

/** Runs a tool on unvalidated input; throws ToolInputError for bad input, Error for an unknown tool. */
export async function runTool(name: string, input: unknown, ctx: ToolContext): Promise<ToolResult> {
  const tool = toolNamed(name);
  if (!tool) throw new Error(`No tool named "${name}"; tools: ${TOOLS.map((t) => t.name).join(', ')}.`);
  return tool.run(validateInput(tool, input), ctx);
}
