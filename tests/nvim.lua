-- Neovim as a client of `seolint server` (run by tests/nvim.sh): attach the server to the
-- buffer, wait for its diagnostics, write them to $OUT with the document's figures, quit.
local bin, out = os.getenv("SEOLINT_BIN"), os.getenv("OUT")
local buf = vim.api.nvim_get_current_buf()
local config = { name = "seolint", cmd = { bin, "server" }, root_dir = vim.fn.getcwd() }
local id
if vim.lsp.start then
  id = vim.lsp.start(config)
else
  -- Neovim 0.7 (Debian 12) has no vim.lsp.start yet
  id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, id)
end
local lines = {}
local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
if not got then
  lines = { "no diagnostics within 30 s" }
else
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    local code = d.code or lsp.code
    -- Neovim turns the server's positions into byte columns of the buffer
    table.insert(lines, string.format("%d:%d-%d:%d %s %s", d.lnum, d.col, d.end_lnum, d.end_col, d.severity, code))
  end
  table.sort(lines)
  local client = vim.lsp.get_client_by_id(id)
  local uri = vim.uri_from_bufnr(buf)
  local stats = client.request_sync("workspace/executeCommand",
    { command = "seolint.stats", arguments = { uri } }, 10000, buf)
  if stats and stats.result then
    table.insert(lines, "words " .. tostring(stats.result.words))
  else
    table.insert(lines, "stats failed: " .. vim.inspect(stats))
  end
  local lens = client.request_sync("textDocument/codeLens", { textDocument = { uri = uri } }, 10000, buf)
  if lens and lens.result and lens.result[1] then
    table.insert(lines, "lens " .. lens.result[1].command.title)
  end
end
vim.fn.writefile(lines, out)
vim.cmd("qa!")
