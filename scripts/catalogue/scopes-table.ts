/**
 * Reads the scope table of `api-reference/scopes/permissions.md`: each code
 * with its Bitrix24 tool and section link, the "versions" listed inside a
 * cell (user_brief, user_basic), rows that name two codes
 * ("sonet_group, socialnetwork"), and the footnote naming deprecated scopes.
 */
import type { ScopeInfo } from '../../server/src/catalogue/types';
import { plainText } from './markdown';
import { parseTables } from './params-table';
import { resolveLink } from './index-blocks';

const CODE = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;

/** Page path (no `.md`) → official URL. */
export function pageUrl(path: string): string {
  return `https://apidocs.bitrix24.com/${path}.html`;
}

/** Parses the scopes page; `path` is its location under `en/` without `.md`. */
export function parseScopesTable(path: string, text: string): ScopeInfo[] {
  const lines = text.split('\n');
  const out: ScopeInfo[] = [];
  const add = (s: ScopeInfo) => {
    if (!out.some((x) => x.code === s.code)) out.push(s);
  };
  for (const table of parseTables(lines)) {
    const header = table.rows[0]?.map((c) => plainText(c).toLowerCase()) ?? [];
    const codeCol = header.findIndex((c) => c.includes('code') || c.includes('код'));
    const toolCol = header.findIndex((c) => c.includes('tool') || c.includes('инструмент'));
    if (codeCol < 0 || toolCol < 0) continue;
    for (const row of table.rows.slice(1)) {
      const tool = plainText(row[toolCol] ?? '');
      const nameCell = row[codeCol + 1] ?? '';
      // The section link when the scope's name is that link; otherwise the scopes page itself.
      const link = /^\s*\[[^\]]*\]\(([^)\s]+\.md)\)/.exec(nameCell)?.[1];
      const target = link ? resolveLink(path, link) : undefined;
      const url = target ? pageUrl(target) : pageUrl(path);
      for (const code of plainText(row[codeCol] ?? '')
        .split(',')
        .map((c) => c.trim())) {
        if (CODE.test(code)) add({ code, tool, url });
      }
      // "Versions: - **user_brief** — Users (minimal)" inside the name cell.
      for (const m of nameCell.matchAll(/\*\*([a-z][a-z0-9_.]*)\*\*\s*[—–-]/g)) add({ code: m[1], tool, url });
    }
  }
  for (const line of lines) {
    const m = /deprecated scopes?[^—:]*[—:]\s*([^.]+)\./i.exec(plainText(line));
    if (!m) continue;
    for (const code of m[1].split(/,|\band\b/).map((c) => c.trim())) {
      if (!CODE.test(code)) continue;
      const existing = out.find((s) => s.code === code);
      if (existing) existing.deprecated = true;
      else add({ code, tool: '', deprecated: true, url: pageUrl(path) });
    }
  }
  return out;
}
