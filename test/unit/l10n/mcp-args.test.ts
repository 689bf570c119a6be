/** The MCP server VS Code starts answers in the extension's language. */
import assert from 'node:assert/strict';
import { mcpArgs } from '../../../client/src/ai/mcp-args';
import { serverLocale } from '../../../client/src/l10n/server-locale';

describe('bitrix24-mcp command line from VS Code', () => {
  it('adds --lang ru in a Russian session, by setting or by display language, and nothing otherwise', () => {
    assert.deepEqual(mcpArgs('/ext/dist/bin/mcp.js', '/ws', serverLocale('auto', 'ru')), ['/ext/dist/bin/mcp.js', '/ws', '--lang', 'ru']);
    assert.deepEqual(mcpArgs('/ext/dist/bin/mcp.js', '/ws', serverLocale('ru', 'en')), ['/ext/dist/bin/mcp.js', '/ws', '--lang', 'ru']);
    assert.deepEqual(mcpArgs('/ext/dist/bin/mcp.js', '/ws', serverLocale('en', 'ru')), ['/ext/dist/bin/mcp.js', '/ws']);
    assert.deepEqual(mcpArgs('/ext/dist/bin/mcp.js', '/ws', serverLocale('auto', 'de')), ['/ext/dist/bin/mcp.js', '/ws']);
  });
});
