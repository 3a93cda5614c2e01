/**
 * Drives a language server from a real Neovim (0.7.2, Debian's) in headless
 * mode: the client is Neovim's built-in LSP client, so this checks what a
 * non-VS Code editor sees (initialize handshake, position encoding, shapes of
 * results).
 *
 *   const [hover] = await runNeovimLsp({
 *     serverCmd: [process.execPath, 'dist/server.js', '--stdio'],
 *     rootDir: 'samples', file: 'samples/a.txt',
 *     requests: [{ method: 'textDocument/hover', line: 0, character: 4 }],
 *   });
 *   hover.result?.contents
 *
 * Positions are LSP positions: 0-based line and UTF-16 character.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface NeovimRequest {
  method: string;
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 character. */
  character: number;
  /** Extra params merged over { textDocument, position } (e.g. { context: { includeDeclaration: true } }). */
  params?: Record<string, unknown>;
}

export interface NeovimResponse {
  method: string;
  line: number;
  character: number;
  /** The server's result (null/undefined when it returned none). */
  result?: any;
  /** The server's ResponseError, or a client-side failure such as a timeout. */
  error?: any;
}

export interface NeovimLspOptions {
  /** Server command line, e.g. [process.execPath, 'dist/server.js', '--stdio']. */
  serverCmd: string[];
  rootDir: string;
  /** File to open (absolute, or relative to the cwd). */
  file: string;
  requests: NeovimRequest[];
  /** Extra wait after the client is initialized and attached, before the first request. Default 0. */
  settleMs?: number;
  /** Per-request timeout inside Neovim. Default 10 s. */
  requestTimeoutMs?: number;
  /** Timeout for the initialize handshake. Default 20 s. */
  initTimeoutMs?: number;
  /** Hard limit for the whole Neovim run. Default: init + settle + requests + 15 s. */
  timeoutMs?: number;
  /** Answer to workspace/configuration, also sent as workspace/didChangeConfiguration. */
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** Extra environment for Neovim and so the server. */
  env?: Record<string, string>;
  /** Wait (up to settle/init time) until the server has published diagnostics for the file. */
  waitForDiagnostics?: boolean;
}

export interface NeovimLspRun {
  responses: NeovimResponse[];
  serverCapabilities?: any;
  /** textDocument/publishDiagnostics params received, in order. */
  diagnostics: any[];
  /** window/showMessage and window/logMessage params received. */
  messages: any[];
  /** Failures inside the Lua script (e.g. initialize timed out). */
  errors: string[];
  /** Neovim's lsp.log (warnings and errors) and stderr, for debugging. */
  lspLog: string;
  stderr: string;
  durationMs: number;
}

export function neovimBin(): string {
  return process.env.NVIM_BIN || 'nvim';
}

/** Why the Neovim tests can't run here, or undefined when they can. */
export function neovimMissing(): string | undefined {
  const r = spawnSync(neovimBin(), ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) return `nvim not found (${neovimBin()}): run \`bash .ci/install-clients.sh\``;
  const m = /NVIM v(\d+)\.(\d+)/.exec(r.stdout);
  if (!m || Number(m[1]) === 0 && Number(m[2]) < 7) return `Neovim >= 0.7 needed, found: ${r.stdout.split('\n')[0]}`;
  return undefined;
}

/** True when Neovim >= 0.7 is installed; in CI (CI=true) a missing Neovim throws instead. */
export function neovimAvailable(): boolean {
  const why = neovimMissing();
  if (!why) return true;
  if (process.env.CI === 'true') throw new Error(`Neovim tests cannot run in CI: ${why}`);
  return false;
}

/** Runs the requests and returns one response per request, in order. */
export async function runNeovimLsp(opts: NeovimLspOptions): Promise<NeovimResponse[]> {
  const run = await runNeovimLspDetailed(opts);
  if (run.errors.length > 0) {
    throw new Error(`Neovim LSP run failed: ${run.errors.join('; ')}\n--- lsp.log ---\n${run.lspLog}\n--- stderr ---\n${run.stderr}`);
  }
  return run.responses;
}

// The script reads its job from a JSON file (no Lua string escaping), runs it
// once the file's buffer is loaded (VimEnter), writes JSON and quits.
const INIT_LUA = String.raw`
local job_path = os.getenv('CORROBORATE_NVIM_JOB')
local job = vim.fn.json_decode(table.concat(vim.fn.readfile(job_path), '\n'))
local out = { responses = {}, diagnostics = {}, messages = {}, errors = {} }

local function write_out()
  local ok, text = pcall(vim.fn.json_encode, out)
  if not ok then
    ok, text = pcall(vim.json.encode, out)
  end
  if not ok then
    text = vim.fn.json_encode({ responses = {}, diagnostics = {}, messages = {}, errors = { 'cannot encode results: ' .. tostring(text) } })
  end
  vim.fn.writefile({ text }, job.out)
end

vim.lsp.set_log_level(job.log_level or 'warn')
local diag_count = 0
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(_, params)
  table.insert(out.diagnostics, params)
  diag_count = diag_count + 1
end
vim.lsp.handlers['window/showMessage'] = function(_, params) table.insert(out.messages, params) end
vim.lsp.handlers['window/logMessage'] = function(_, params) table.insert(out.messages, params) end
-- The default handler asks the user with inputlist(), which blocks a headless Neovim forever.
vim.lsp.handlers['window/showMessageRequest'] = function(_, params)
  table.insert(out.messages, params)
  return vim.NIL
end
vim.o.more = false

local server_exited = false

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = 'corroborate-test',
    cmd = job.cmd,
    root_dir = job.root_dir,
    workspace_folders = { { uri = vim.uri_from_fname(job.root_dir), name = vim.fn.fnamemodify(job.root_dir, ':t') } },
    on_exit = function(code, signal)
      server_exited = true
      if code ~= 0 then table.insert(out.errors, 'server exited with code ' .. tostring(code) .. ', signal ' .. tostring(signal)) end
    end,
  }
  local has_settings = job.settings ~= vim.NIL and job.settings ~= nil
  if has_settings then config.settings = job.settings end
  if job.init_options ~= vim.NIL and job.init_options ~= nil then config.init_options = job.init_options end
  local client_id = vim.lsp.start_client(config)
  if not client_id then
    table.insert(out.errors, 'vim.lsp.start_client failed (bad cmd?)')
    return
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local ok = vim.wait(job.init_timeout, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return server_exited or (c ~= nil and c.initialized == true)
  end, 20)
  local client = vim.lsp.get_client_by_id(client_id)
  if server_exited then
    table.insert(out.errors, 'server exited before initializing')
    return
  end
  if not ok or not client then
    table.insert(out.errors, 'server did not initialize within ' .. job.init_timeout .. ' ms')
    return
  end
  out.server_capabilities = client.server_capabilities
  if has_settings then
    client.notify('workspace/didChangeConfiguration', { settings = config.settings })
  end
  if job.wait_for_diagnostics then
    vim.wait(math.max(job.settle, job.init_timeout), function() return diag_count > 0 end, 20)
  end
  if job.settle > 0 then
    vim.wait(job.settle, function() return false end, 20)
  end
  local uri = vim.uri_from_bufnr(bufnr)
  for _, req in ipairs(job.requests) do
    local params = { textDocument = { uri = uri }, position = { line = req.line, character = req.character } }
    if req.params ~= vim.NIL and req.params ~= nil then
      params = vim.tbl_deep_extend('force', params, req.params)
    end
    local entry = { method = req.method, line = req.line, character = req.character }
    local results, err
    -- Neovim 0.7 silently drops requests the server didn't advertise (the wait would just time out).
    if client.supports_method(req.method) then
      results, err = vim.lsp.buf_request_sync(bufnr, req.method, params, job.request_timeout)
    else
      err = 'server does not advertise ' .. req.method
    end
    if not results then
      entry.error = { message = 'client: ' .. tostring(err) }
    else
      local r = results[client_id]
      if r == nil then
        entry.error = { message = 'client: no response from the server' }
      else
        if r.err ~= nil then entry.error = r.err end
        if r.result ~= nil then entry.result = r.result else entry.result = vim.NIL end
      end
    end
    table.insert(out.responses, entry)
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = xpcall(run, debug.traceback)
    if not ok then table.insert(out.errors, 'lua error: ' .. tostring(err)) end
    write_out()
    vim.cmd('qa!')
  end,
})
`;

export async function runNeovimLspDetailed(opts: NeovimLspOptions): Promise<NeovimLspRun> {
  const why = neovimMissing();
  if (why) throw new Error(`cannot run Neovim: ${why}`);
  const t0 = Date.now();
  const initTimeout = opts.initTimeoutMs ?? 20_000;
  const requestTimeout = opts.requestTimeoutMs ?? 10_000;
  const settle = opts.settleMs ?? 0;
  const hardTimeout =
    opts.timeoutMs ?? initTimeout + (opts.waitForDiagnostics ? Math.max(settle, initTimeout) : 0) + settle + requestTimeout * opts.requests.length + 15_000;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-nvim-'));
  try {
    const outPath = path.join(tmp, 'out.json');
    const jobPath = path.join(tmp, 'job.json');
    const initPath = path.join(tmp, 'init.lua');
    const file = path.resolve(opts.file);
    const rootDir = path.resolve(opts.rootDir);
    fs.writeFileSync(initPath, INIT_LUA);
    fs.writeFileSync(
      jobPath,
      JSON.stringify({
        cmd: opts.serverCmd,
        root_dir: rootDir,
        requests: opts.requests.map((r) => ({ method: r.method, line: r.line, character: r.character, params: r.params ?? null })),
        settle,
        request_timeout: requestTimeout,
        init_timeout: initTimeout,
        settings: opts.settings ?? null,
        init_options: opts.initializationOptions ?? null,
        wait_for_diagnostics: !!opts.waitForDiagnostics,
        out: outPath,
      }),
    );
    for (const d of ['config', 'data', 'state', 'cache', 'run']) fs.mkdirSync(path.join(tmp, d), { recursive: true });
    fs.chmodSync(path.join(tmp, 'run'), 0o700);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: tmp,
      XDG_CONFIG_HOME: path.join(tmp, 'config'),
      XDG_DATA_HOME: path.join(tmp, 'data'),
      XDG_STATE_HOME: path.join(tmp, 'state'),
      XDG_CACHE_HOME: path.join(tmp, 'cache'),
      XDG_RUNTIME_DIR: path.join(tmp, 'run'),
      NVIM_LOG_FILE: path.join(tmp, 'nvim.log'),
      CORROBORATE_NVIM_JOB: jobPath,
      ...(opts.env ?? {}),
    };
    delete env.NVIM_LISTEN_ADDRESS;
    delete env.NVIM;
    delete env.VIMINIT;
    delete env.MYVIMRC;

    const args = ['--headless', '--noplugin', '-n', '-i', 'NONE', '-u', initPath, file];
    const { stderr, timedOut } = await new Promise<{ stderr: string; timedOut: boolean }>((resolve, reject) => {
      // Own process group, so the server (a child of nvim) is killed with it.
      const child = spawn(neovimBin(), args, { cwd: rootDir, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      let timedOut = false;
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
      const killGroup = (sig: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, sig);
        } catch {
          /* gone */
        }
      };
      const onParentExit = () => killGroup('SIGKILL');
      process.on('exit', onParentExit);
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup('SIGKILL');
      }, hardTimeout);
      child.on('error', (e) => {
        clearTimeout(timer);
        process.off('exit', onParentExit);
        reject(e);
      });
      child.on('close', () => {
        clearTimeout(timer);
        process.off('exit', onParentExit);
        killGroup('SIGKILL'); // a server that ignored shutdown/exit
        resolve({ stderr: err, timedOut });
      });
    });

    const readIf = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '');
    const lspLog = readIf(path.join(tmp, 'cache', 'nvim', 'lsp.log')) + readIf(path.join(tmp, 'state', 'nvim', 'lsp.log'));
    const raw = readIf(outPath);
    const durationMs = Date.now() - t0;
    if (!raw) {
      const reason = timedOut ? `Neovim did not finish within ${hardTimeout} ms` : 'Neovim wrote no results';
      return { responses: [], diagnostics: [], messages: [], errors: [reason], lspLog, stderr, durationMs };
    }
    const out = JSON.parse(raw);
    // json_encode turns empty Lua tables into [], whichever they were meant to be.
    const list = (v: unknown) => (Array.isArray(v) ? v : []);
    return {
      responses: list(out.responses),
      serverCapabilities: out.server_capabilities,
      diagnostics: list(out.diagnostics),
      messages: list(out.messages),
      errors: list(out.errors),
      lspLog,
      stderr,
      durationMs,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
