/** Another editor: Neovim's built-in LSP client drives `bitrix24-language-server --stdio`. */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SERVER } from './lsp-client';
import { requireComponent } from '../support/requirements';

const hasNvim = spawnSync('nvim', ['--version']).status === 0;

// Neovim 0.7 (Debian 12) has start_client/buf_attach_client; vim.lsp.start came in 0.8.
const lua = (file: string, server: string, out: string) => `
local file, server, out = ${JSON.stringify(file)}, ${JSON.stringify(server)}, ${JSON.stringify(out)}
vim.cmd('edit ' .. file)
local id = vim.lsp.start_client({ name = 'bitrix24', cmd = { 'node', server, '--stdio' }, root_dir = vim.fn.fnamemodify(file, ':h') })
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(10000, function()
  local c = vim.lsp.get_client_by_id(id)
  return c ~= nil and c.initialized == true
end, 20)
local result = {}
if ok then
  result = vim.lsp.buf_request_sync(0, 'textDocument/hover', { textDocument = { uri = vim.uri_from_fname(file) }, position = { line = 0, character = 20 } }, 10000) or {}
end
local text = ''
for _, r in pairs(result) do
  if r.result and r.result.contents then text = text .. (r.result.contents.value or '') end
end
local f = io.open(out, 'w'); f:write(text); f:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
`;

describe('Neovim (headless) as the LSP client', function () {
  before(function () {
    requireComponent(this, hasNvim, 'Neovim (nvim)', '`npm test` and `npm run test:server` install Debian neovim when root');
  });

  it('shows our hover for a method in a JS file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'b24-nvim-'));
    const file = path.join(dir, 'app.js');
    const script = path.join(dir, 'hover.lua');
    const out = path.join(dir, 'hover.txt');
    writeFileSync(file, "BX24.callMethod('user.current', {}, (r) => r);\n");
    writeFileSync(script, lua(file, SERVER, out));
    const code = await new Promise<number | null>((resolve) => {
      const nvim = spawn('nvim', ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${script}`], {
        stdio: 'ignore',
      });
      nvim.on('exit', resolve);
      nvim.on('error', () => resolve(-1));
    });
    assert.equal(code, 0);
    const hover = readFileSync(out, 'utf8');
    assert.match(hover, /user\.current/);
    assert.match(hover, /Scope/);
  });
});
