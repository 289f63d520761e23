-- Neovim's own LSP client (0.7+) against winsock-lens-lsp, headless: open a C file, wait for the
-- server's diagnostics, ask for the hover on a word, ask for the code actions of one diagnostic and
-- apply the one whose title is given, then wait for the diagnostics to change. Everything observed
-- goes to a JSON file. Driven by test/unit/lsp-neovim.test.ts through environment variables:
--   WL_SERVER (the server bundle), WL_NODE (node), WL_FILE (the C file), WL_OUT (the JSON file),
--   WL_SETTINGS (JSON: the client's `settings`), WL_HOVER_WORD, WL_ACTION_RULE (the rule whose
--   "Disable … for this line" action is applied), WL_TIMEOUT_MS.
local env = function(name) return os.getenv(name) or error(name .. ' is not set') end
local out = env('WL_OUT')
local timeout = tonumber(os.getenv('WL_TIMEOUT_MS') or '30000')
local result = { steps = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end

local function step(name, fn)
  local ok, err = pcall(fn)
  table.insert(result.steps, name)
  if not ok then
    result.error = name .. ': ' .. tostring(err)
    finish()
  end
end

local function now_ms() return vim.loop.hrtime() / 1e6 end

local bufnr, client_id, client
step('open', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env('WL_FILE')))
  bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'c'
  -- Neovim answers workspace/configuration from `settings` (its handler), but 0.7 does not say so
  -- in its capabilities; say it, so that the server asks (newer Neovims advertise it themselves).
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.workspace = capabilities.workspace or {}
  capabilities.workspace.configuration = true
  client_id = vim.lsp.start_client({
    capabilities = capabilities,
    name = 'winsock-lens',
    cmd = { env('WL_NODE'), env('WL_SERVER'), '--stdio' },
    root_dir = vim.fn.fnamemodify(env('WL_FILE'), ':h'),
    settings = vim.fn.json_decode(env('WL_SETTINGS')),
  })
  assert(client_id, 'start_client gave no client')
  vim.lsp.buf_attach_client(bufnr, client_id)
end)

local function our_diagnostics()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'winsock-lens' then table.insert(list, d) end
  end
  return list
end

local function describe(list)
  local out_list = {}
  for _, d in ipairs(list) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(out_list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity,
      message = d.message, source = d.source, code = lsp.code or d.code,
      href = (lsp.codeDescription or {}).href, related = lsp.relatedInformation,
    })
  end
  return out_list
end

step('diagnostics', function()
  local started = now_ms()
  local ok = vim.wait(timeout, function() return #our_diagnostics() > 0 end, 20)
  assert(ok, 'no diagnostics from the server within ' .. timeout .. ' ms')
  result.diagnostics_ms = now_ms() - started
  result.diagnostics = describe(our_diagnostics())
  client = vim.lsp.get_client_by_id(client_id)
  result.server_name = client.name
  result.server_capabilities = client.server_capabilities or client.resolved_capabilities
end)

step('hover', function()
  local word = env('WL_HOVER_WORD')
  local line, col
  for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local at = text:find(word, 1, true)
    if at and not text:match('^%s*//') then line, col = i - 1, at end
    if line then break end
  end
  assert(line, word .. ' is not in the file')
  vim.api.nvim_win_set_cursor(0, { line + 1, col })
  local params = vim.lsp.util.make_position_params()
  local started = now_ms()
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
  result.hover_ms = now_ms() - started
  for _, r in pairs(responses or {}) do
    if r.result and r.result.contents then
      local c = r.result.contents
      result.hover = type(c) == 'table' and (c.value or vim.fn.json_encode(c)) or c
      result.hover_kind = type(c) == 'table' and c.kind or nil
    end
    if r.err then result.hover_error = r.err.message end
  end
  assert(result.hover, 'no hover for ' .. word)
end)

step('code action', function()
  local rule = env('WL_ACTION_RULE')
  local target
  for _, d in ipairs(our_diagnostics()) do
    local lsp = (d.user_data or {}).lsp or {}
    if (lsp.code or d.code) == rule then target = d break end
  end
  assert(target, 'no diagnostic of ' .. rule)
  local params = vim.lsp.util.make_range_params()
  params.range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } }
  -- The diagnostics of that line as the client hands them back (0.7's helper; newer Neovims keep
  -- the server's own copy in user_data.lsp).
  local line_diagnostics = {}
  if vim.lsp.diagnostic.get_line_diagnostics then
    line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, target.lnum)
  else
    for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = target.lnum })) do
      if d.user_data and d.user_data.lsp then table.insert(line_diagnostics, d.user_data.lsp) end
    end
  end
  params.context = { diagnostics = line_diagnostics }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout)
  result.actions = {}
  local chosen
  for _, r in pairs(responses or {}) do
    for _, a in ipairs(r.result or {}) do
      table.insert(result.actions, a.title)
      if a.title == 'Disable ' .. rule .. ' for this line' then chosen = a end
    end
  end
  assert(chosen, 'no "Disable ' .. rule .. ' for this line" action')
  local before = #our_diagnostics()
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  result.line_after_edit = vim.api.nvim_buf_get_lines(bufnr, target.lnum, target.lnum + 2, false)
  local ok = vim.wait(timeout, function()
    for _, d in ipairs(our_diagnostics()) do
      local lsp = (d.user_data or {}).lsp or {}
      if (lsp.code or d.code) == rule then return false end
    end
    return #our_diagnostics() < before
  end, 20)
  assert(ok, 'the diagnostic of ' .. rule .. ' stayed after the edit')
  result.diagnostics_after = describe(our_diagnostics())
end)

step('stop', function()
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
finish()
