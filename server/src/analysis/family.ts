/** Which analysis family a document belongs to, by language id or file name. */
import type { LanguageFamily } from './types';

const BY_LANGUAGE: Record<string, LanguageFamily> = {
  javascript: 'js',
  javascriptreact: 'js',
  typescript: 'js',
  typescriptreact: 'js',
  vue: 'js',
  php: 'php',
  python: 'python',
  go: 'go',
  java: 'java',
  csharp: 'csharp',
  shellscript: 'shell',
  http: 'http',
  markdown: 'markdown',
};

const BY_EXTENSION: Record<string, LanguageFamily> = {
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  ts: 'js',
  mts: 'js',
  cts: 'js',
  tsx: 'js',
  jsx: 'js',
  vue: 'js',
  php: 'php',
  py: 'python',
  go: 'go',
  java: 'java',
  cs: 'csharp',
  sh: 'shell',
  bash: 'shell',
  http: 'http',
  rest: 'http',
  md: 'markdown',
};

/**
 * The family for a VS Code language id; when the id is empty or unknown,
 * the file name's extension decides. Undefined when neither is ours.
 */
export function familyOf(languageId: string, fileName?: string): LanguageFamily | undefined {
  const byId = BY_LANGUAGE[languageId];
  if (byId) return byId;
  if (!fileName) return undefined;
  const dot = fileName.lastIndexOf('.');
  if (dot < 0 || dot < fileName.lastIndexOf('/') || dot < fileName.lastIndexOf('\\')) return undefined;
  return BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()];
}
