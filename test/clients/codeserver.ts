/**
 * Drives a real VS Code (code-server) in headless Chromium, for end-to-end
 * tests of the extension. Offline: code-server and Node 24 come from the cache
 * filled by `.ci/install-clients.sh`, Chromium from Debian.
 *
 *   test('hover', { skip: !codeServerAvailable() && codeServerMissing() }, async () => {
 *     const s = await startCodeServer({ vsix: 'corroborate.vsix', workspace: 'samples' });
 *     try {
 *       await s.openFile('a.txt');
 *       await s.waitForExtensionActivation('corroborate.corroborate');
 *       assert.match(await s.hoverAt('Reuters'), /.../);
 *     } finally {
 *       await s.close();
 *     }
 *   });
 *
 * codeServerAvailable() throws under CI=true when the tools are missing, so CI
 * fails instead of skipping.
 *
 * All helpers poll the DOM with timeouts (no fixed sleeps) and, on failure,
 * save a screenshot under test-results/ before rethrowing.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

// DOM globals used inside page.evaluate() callbacks, which run in the browser.
// Declared module-locally so the test project doesn't need lib.dom.
declare const document: any;
declare const NodeFilter: any;
declare function getComputedStyle(el: any): any;

// ------------------------------------------------------------------ locating tools

export interface CodeServerTools {
  /** Wrapper script that runs code-server on its own Node 24. */
  codeServer: string;
  chromium: string;
  cache: string;
}

/** Where the tools are expected: env overrides, else the install script's defaults. */
export function codeServerTools(): CodeServerTools {
  const cache = process.env.CORROBORATE_CACHE || path.join(os.homedir(), '.cache', 'corroborate-ci');
  return {
    cache,
    codeServer: process.env.CODE_SERVER_BIN || path.join(cache, 'bin', 'code-server'),
    chromium: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  };
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Why code-server tests can't run here, or undefined when they can. */
export function codeServerMissing(): string | undefined {
  const t = codeServerTools();
  const missing: string[] = [];
  if (!isExecutable(t.codeServer)) missing.push(`code-server (${t.codeServer})`);
  if (!isExecutable(t.chromium)) missing.push(`chromium (${t.chromium})`);
  if (missing.length === 0) return undefined;
  return `missing ${missing.join(' and ')}: run \`bash .ci/install-clients.sh\``;
}

/**
 * True when code-server + Chromium are installed. Outside CI a missing tool
 * returns false (tests should skip, printing codeServerMissing()); in CI
 * (CI=true) it throws, so a broken install fails the build instead of
 * silently skipping.
 */
export function codeServerAvailable(): boolean {
  const why = codeServerMissing();
  if (!why) return true;
  if (process.env.CI === 'true') throw new Error(`code-server tests cannot run in CI: ${why}`);
  return false;
}

// ------------------------------------------------------------------ options / session

export interface StartCodeServerOptions {
  /** .vsix file(s) to install before starting. */
  vsix?: string | string[];
  /** Folder opened in the window. */
  workspace: string;
  /** User settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server (and so the extension host / language server). */
  env?: Record<string, string>;
  /** Where failure screenshots go. Default: $CORROBORATE_TEST_RESULTS or ./test-results. */
  resultsDir?: string;
  /** Prefix for screenshot names. Default: 'codeserver'. */
  name?: string;
  /** Timeout for startup (install, server, workbench). Default 90 s. */
  startTimeoutMs?: number;
  /** Default timeout of each helper. Default 30 s. */
  timeoutMs?: number;
  viewport?: { width: number; height: number };
  /** Keep the temp dir after close (also: CORROBORATE_KEEP_TMP=1). */
  keepTemp?: boolean;
}

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'editor.hover.sticky': true,
  'editor.accessibilitySupport': 'off',
  'window.restoreWindows': 'none',
  'window.commandCenter': false,
};

export interface Session {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly port: number;
  readonly url: string;
  readonly workspace: string;
  /** Temp root holding home/, user-data/, extensions/, chromium/. */
  readonly tmpDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;

  /** Quick Open (Ctrl+P) relPath + Enter; waits until its tab is active. */
  openFile(relPath: string, opts?: WaitOpts): Promise<void>;
  /** Command palette (F1), type the title, run the matching entry. */
  runCommand(title: string, opts?: WaitOpts): Promise<void>;
  /** Go to Line (Ctrl+G) line:column, both 1-based. */
  goToLine(line: number, column?: number, opts?: WaitOpts): Promise<void>;
  moveCursorTo(line: number, column: number, opts?: WaitOpts): Promise<void>;
  /**
   * Hover the first occurrence of `text` in the active editor and return the
   * hover's text. `via: 'mouse'` (default) moves the mouse onto the text when it
   * is on screen, otherwise (or with 'keyboard') finds it with the Find widget and
   * runs Show Hover (Ctrl+K Ctrl+I) at the start of the match. `offset` picks a
   * character inside the match (default 0 for keyboard, the middle for mouse).
   */
  hoverAt(text: string, opts?: WaitOpts & { via?: 'mouse' | 'keyboard'; offset?: number }): Promise<string>;
  /** Show Hover at the cursor; returns the hover text. */
  hoverAtCursor(opts?: WaitOpts): Promise<string>;
  /** Closes hovers, widgets and quick inputs (Escape). */
  dismiss(): Promise<void>;
  /** Title of the active editor tab, e.g. "a.txt" ('' when none). */
  activeEditorTitle(): Promise<string>;
  /** Text of the active editor's visible lines (only rendered lines!). */
  visibleEditorText(): Promise<string>;
  /** Waits for an element matching `selector` whose innerText contains `text`; returns that innerText. */
  waitForText(selector: string, text: string | RegExp, opts?: WaitOpts): Promise<string>;
  /** Texts of the visible notification toasts. */
  notifications(): Promise<string[]>;
  /** Waits until a notification toast contains `text`; returns its text. */
  waitForNotification(text: string | RegExp, opts?: WaitOpts): Promise<string>;
  screenshot(file: string): Promise<string>;
  /** Extension host log(s) from the user-data-dir, incl. extension output channels. */
  extensionHostLog(): string;
  /** All log files under the user-data-dir logs folder, by relative path. */
  logFiles(): string[];
  /** code-server's own stdout/stderr. */
  serverLog(): string;
  /** Polls the exthost log until the extension `id` (publisher.name) has been activated. */
  waitForExtensionActivation(id: string, opts?: WaitOpts): Promise<void>;
  /** Runs `fn`, screenshotting under test-results/ on failure (for custom steps on `page`). */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface WaitOpts {
  timeoutMs?: number;
}

// ------------------------------------------------------------------ process cleanup

interface Live {
  pgid: number;
  /** Temp dir to remove on abnormal exit ('' to keep it). */
  tmp: string;
}
const live = new Set<Live>();
let handlersInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

function onExit(): void {
  for (const l of live) {
    killGroup(l.pgid, 'SIGKILL');
    if (l.tmp) fs.rmSync(l.tmp, { recursive: true, force: true, maxRetries: 2 });
  }
  live.clear();
}
function onSignal(sig: NodeJS.Signals): void {
  onExit();
  process.exit(sig === 'SIGINT' ? 130 : 143);
}
function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
function uninstallHandlersIfIdle(): void {
  if (!handlersInstalled || live.size > 0) return;
  handlersInstalled = false;
  process.off('exit', onExit);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

// ------------------------------------------------------------------ helpers

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Thrown inside a poll() callback to stop polling at once. */
class Fatal extends Error {}

/** Polls `fn` until it returns a non-undefined value or the deadline passes. */
async function poll<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (let i = 0; ; i++) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      if (e instanceof Fatal) throw new Error(e.message);
      lastErr = e;
    }
    if (Date.now() > deadline) {
      const extra = lastErr instanceof Error ? ` (last error: ${lastErr.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${extra}`);
    }
    await delay(Math.min(50 * (i + 1), 250));
  }
}

/** The environment for code-server: redirected home dirs, nothing inherited that would reconfigure it. */
function childEnv(tmp: string, extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // VSCODE_IPC_HOOK_CLI etc. would make the CLI talk to the VS Code this test runs in;
    // PORT/PASSWORD/CS_*/CODE_SERVER_* reconfigure code-server.
    if (/^(VSCODE_|ELECTRON_|CS_|CODE_SERVER_)/.test(k)) continue;
    if (['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN', 'NODE_OPTIONS'].includes(k)) continue;
    env[k] = v;
  }
  Object.assign(env, {
    HOME: path.join(tmp, 'home'),
    TMPDIR: path.join(tmp, 'tmp'),
    XDG_CONFIG_HOME: path.join(tmp, 'home', '.config'),
    XDG_DATA_HOME: path.join(tmp, 'home', '.local', 'share'),
    XDG_CACHE_HOME: path.join(tmp, 'home', '.cache'),
    XDG_RUNTIME_DIR: path.join(tmp, 'run'),
  });
  return { ...env, ...(extra ?? {}) };
}

/**
 * Runs the command under a tiny shell watchdog in a new process group: if this
 * (test) process dies, even by SIGKILL, the watchdog TERMs the group, removes
 * the temp dir ($2, if non-empty) and KILLs what is left, within ~2 s.
 * (dash's kill takes no `--`, hence `kill -SIG 0` for "my process group".)
 */
const WATCHDOG = `parent=$1; tmp=$2; shift 2
"$@" &
child=$!
while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
trap '' TERM
kill -TERM 0 2>/dev/null
if kill -0 "$parent" 2>/dev/null; then exit 0; fi
sleep 1
[ -n "$tmp" ] && rm -rf "$tmp"
kill -KILL 0 2>/dev/null`;

function listFiles(dir: string, base = dir): string[] {
  let out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(listFiles(p, base));
    else out.push(path.relative(base, p));
  }
  return out.sort();
}

// ------------------------------------------------------------------ start

export async function startCodeServer(opts: StartCodeServerOptions): Promise<Session> {
  const why = codeServerMissing();
  if (why) throw new Error(`cannot start code-server: ${why}`);
  const tools = codeServerTools();
  const startTimeout = opts.startTimeoutMs ?? 90_000;
  const defaultTimeout = opts.timeoutMs ?? 30_000;
  const workspace = path.resolve(opts.workspace);
  if (!fs.statSync(workspace).isDirectory()) throw new Error(`workspace is not a folder: ${workspace}`);
  const resultsDir = path.resolve(opts.resultsDir ?? process.env.CORROBORATE_TEST_RESULTS ?? 'test-results');
  const name = opts.name ?? 'codeserver';

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-cs-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const profileDir = path.join(tmp, 'chromium');
  for (const d of ['home/.config', 'home/.local/share', 'home/.cache', 'tmp', 'run', 'user-data/User', 'extensions', 'chromium']) {
    fs.mkdirSync(path.join(tmp, d), { recursive: true });
  }
  fs.chmodSync(path.join(tmp, 'run'), 0o700);
  const env = childEnv(tmp, opts.env);
  const keepTemp = opts.keepTemp || process.env.CORROBORATE_KEEP_TMP === '1';
  const serverLogPath = path.join(tmp, 'code-server.log');

  const cleanupTmp = () => {
    if (!keepTemp) fs.rmSync(tmp, { recursive: true, force: true });
  };

  // 1. extensions
  const vsixes = opts.vsix === undefined ? [] : Array.isArray(opts.vsix) ? opts.vsix : [opts.vsix];
  for (const vsix of vsixes) {
    const abs = path.resolve(vsix);
    const r = spawnSync(
      tools.codeServer,
      ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', abs, '--force'],
      { env, encoding: 'utf8', timeout: startTimeout },
    );
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0 || !/successfully installed/i.test(out)) {
      cleanupTmp();
      throw new Error(`installing ${abs} into code-server failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${out}`);
    }
  }

  // 2. settings
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings ?? {}) }, null, 2),
  );

  // 3. server
  const port = await freePort();
  const logFd = fs.openSync(serverLogPath, 'a');
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    '--config', path.join(tmp, 'code-server-config.yaml'),
    '--ignore-last-opened',
  ];
  fs.writeFileSync(path.join(tmp, 'code-server-config.yaml'), '# generated by test/clients/codeserver.ts\nauth: none\n');
  const watchdogArgs = [String(process.pid), keepTemp ? '' : tmp, tools.codeServer, ...args];
  const child: ChildProcess = spawn('/bin/sh', ['-c', WATCHDOG, 'corroborate-cs-watchdog', ...watchdogArgs], {
    cwd: workspace,
    env,
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  const pgid = child.pid!;
  const entry: Live = { pgid, tmp: keepTemp ? '' : tmp };
  live.add(entry);
  installHandlers();
  let exited: string | undefined;
  child.on('exit', (code, sig) => {
    exited = `code-server exited (code ${code}, signal ${sig})`;
  });
  child.unref();

  const readServerLog = () => {
    try {
      return fs.readFileSync(serverLogPath, 'utf8');
    } catch {
      return '';
    }
  };
  const killServer = async () => {
    killGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      try {
        process.kill(-pgid, 0);
      } catch {
        break; // group gone
      }
      await delay(100);
    }
    killGroup(pgid, 'SIGKILL');
    live.delete(entry);
    uninstallHandlersIfIdle();
  };

  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  let context: BrowserContext | undefined;
  try {
    await poll('code-server /healthz', startTimeout, async () => {
      if (exited) throw new Fatal(exited);
      const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      return r?.ok ? true : undefined;
    }).catch((e: Error) => {
      throw new Error(`${e.message}\n--- code-server log ---\n${readServerLog()}`);
    });

    // 4. browser
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: tools.chromium,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
      env: { ...env, HOME: path.join(tmp, 'home') } as Record<string, string>,
      viewport: opts.viewport ?? { width: 1400, height: 900 },
      timeout: startTimeout,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(defaultTimeout);
    await page.goto(url, { timeout: startTimeout });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: startTimeout });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: startTimeout });
    return new SessionImpl(page, context, port, url, workspace, tmp, userDataDir, extensionsDir, {
      defaultTimeout,
      resultsDir,
      name,
      readServerLog,
      killServer,
      cleanupTmp,
    });
  } catch (e) {
    if (context) {
      const page = context.pages()[0];
      if (page) {
        fs.mkdirSync(resultsDir, { recursive: true });
        await page.screenshot({ path: path.join(resultsDir, `${name}-startup-failed.png`) }).catch(() => undefined);
      }
      await context.close().catch(() => undefined);
    }
    await killServer();
    cleanupTmp();
    throw e;
  }
}

// ------------------------------------------------------------------ session

interface Internals {
  defaultTimeout: number;
  resultsDir: string;
  name: string;
  readServerLog: () => string;
  killServer: () => Promise<void>;
  cleanupTmp: () => void;
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
const ACTIVE_TAB = '.editor-group-container.active .tab.active';
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';
const VISIBLE_HOVER = '.monaco-editor .monaco-hover:not(.hidden)';

let shotCounter = 0;

class SessionImpl implements Session {
  private closed = false;

  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly port: number,
    readonly url: string,
    readonly workspace: string,
    readonly tmpDir: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    private readonly x: Internals,
  ) {}

  private t(opts?: WaitOpts): number {
    return opts?.timeoutMs ?? this.x.defaultTimeout;
  }

  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const safe = name.replace(/[^\w.-]+/g, '_').slice(0, 60);
      const file = path.join(this.x.resultsDir, `${this.x.name}-${safe}-${process.pid}-${++shotCounter}.png`);
      let note = '';
      try {
        await this.screenshot(file);
        note = `\n  screenshot: ${file}`;
      } catch {
        /* page may be gone */
      }
      if (e instanceof Error) {
        e.message = `[code-server ${name}] ${e.message}${note}`;
        throw e;
      }
      throw new Error(`[code-server ${name}] ${String(e)}${note}`);
    }
  }

  // ---- quick input

  private async quickInputVisible(): Promise<boolean> {
    return this.page.locator(QUICK_INPUT).isVisible();
  }

  private async waitQuickInputHidden(timeoutMs: number): Promise<void> {
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** Opens a quick input with `key` and sets its value, as if typed. */
  private async openQuickInput(keys: string[], value: string, timeoutMs: number): Promise<void> {
    if (await this.quickInputVisible()) {
      await this.page.keyboard.press('Escape');
      await this.waitQuickInputHidden(timeoutMs);
    }
    for (const k of keys) await this.page.keyboard.press(k);
    const box = this.page.locator(QUICK_INPUT_BOX);
    await box.waitFor({ state: 'visible', timeout: timeoutMs });
    await box.fill(value);
    await poll(`quick input value ${JSON.stringify(value)}`, timeoutMs, async () =>
      (await box.inputValue()) === value ? true : undefined,
    );
  }

  /** Text of the rows of the visible quick input list. */
  private async quickInputRows(): Promise<{ label: string; aria: string; focused: boolean }[]> {
    return this.page.evaluate((sel) => {
      const rows = Array.from(document.querySelectorAll(sel) as ArrayLike<any>);
      return rows
        .filter((r) => r.offsetParent !== null)
        .map((r) => ({
          label: (r.querySelector('.label-name')?.innerText ?? r.innerText).trim(),
          aria: r.getAttribute('aria-label') ?? '',
          focused: r.classList.contains('focused'),
        }));
    }, `${QUICK_INPUT} .monaco-list-row`);
  }

  // ---- editor / commands

  async openFile(relPath: string, opts?: WaitOpts): Promise<void> {
    return this.step(`openFile ${relPath}`, async () => {
      const timeout = this.t(opts);
      const base = path.basename(relPath);
      // Ctrl+P; if the browser swallowed it, fall back to F1 without the '>' prefix (= file search).
      try {
        await this.openQuickInput(['Control+P'], relPath, Math.min(5000, timeout));
      } catch {
        await this.openQuickInput(['F1'], relPath, timeout);
      }
      // Quick Open fills its list in stages (history, then file search) and may reorder it: pick the row only
      // once two consecutive reads of the list agree, or Enter can open a neighbour (`x.md.yaml` for `x.md`).
      let previous = '';
      let since = Date.now();
      const rowIndex = await poll(`Quick Open result for ${relPath}`, timeout, async () => {
        const rows = await this.quickInputRows();
        const i = rows.findIndex((r) => r.label === base);
        const snapshot = rows.map((r) => r.label).join('\n');
        if (snapshot !== previous) [previous, since] = [snapshot, Date.now()];
        return i >= 0 && Date.now() - since >= 400 ? i : undefined;
      });
      const rows = this.page.locator(`${QUICK_INPUT} .monaco-list-row`);
      if (rowIndex === 0) await this.page.keyboard.press('Enter');
      else await rows.nth(rowIndex).click();
      await this.waitQuickInputHidden(timeout);
      await poll(`editor tab ${base}`, timeout, async () => ((await this.activeEditorTitle()) === base ? true : undefined));
      await this.page.locator(`${ACTIVE_EDITOR} .view-lines`).first().waitFor({ state: 'visible', timeout });
    });
  }

  async runCommand(title: string, opts?: WaitOpts): Promise<void> {
    return this.step(`runCommand ${title}`, async () => {
      const timeout = this.t(opts);
      const want = title.toLowerCase();
      const find = async (): Promise<number | undefined> => {
        const rows = await this.quickInputRows();
        // Command rows are labelled "Category: Title"; prefer an exact match.
        let i = rows.findIndex((r) => r.label.toLowerCase() === want || r.aria.toLowerCase().startsWith(want));
        if (i < 0) i = rows.findIndex((r) => r.label.toLowerCase().endsWith(`: ${want}`));
        return i >= 0 ? i : undefined;
      };
      // The palette lists what its commands' `when` clauses allow at the moment it opens: a command that becomes
      // available later (ours wait for the extension's `corroborate.active` context key) shows only once it is opened
      // again, as a user would. So open it afresh every few seconds until the entry is there.
      const deadline = Date.now() + timeout;
      const rowIndex = await poll(`command palette entry "${title}"`, timeout, async () => {
        await this.openQuickInput(['F1'], `>${title}`, Math.max(1000, deadline - Date.now()));
        return poll(`command palette entry "${title}" in this opening`, Math.min(3000, Math.max(0, deadline - Date.now())), find);
      });
      if (rowIndex === 0) await this.page.keyboard.press('Enter');
      else await this.page.locator(`${QUICK_INPUT} .monaco-list-row`).nth(rowIndex).click();
      await this.waitQuickInputHidden(timeout).catch(() => {
        // Some commands open a quick input of their own: that's fine.
      });
    });
  }

  async goToLine(line: number, column = 1, opts?: WaitOpts): Promise<void> {
    return this.step(`goToLine ${line}:${column}`, async () => {
      const timeout = this.t(opts);
      await this.focusEditor(timeout);
      await this.openQuickInput(['F1'], `:${line}:${column}`, timeout);
      // The line picker's only row says e.g. "Go to line 3 and character 5."; wait for it before Enter.
      await poll('Go to Line entry', timeout, async () => ((await this.quickInputRows()).length > 0 ? true : undefined));
      await this.page.keyboard.press('Enter');
      await this.waitQuickInputHidden(timeout);
      await poll(`cursor at ${line}:${column}`, timeout, async () => {
        const pos = await this.cursorPosition();
        return pos && pos.line === line && pos.column === column ? true : undefined;
      });
    });
  }

  moveCursorTo(line: number, column: number, opts?: WaitOpts): Promise<void> {
    return this.goToLine(line, column, opts);
  }

  /** Cursor position from the status bar ("Ln 3, Col 5"). */
  private async cursorPosition(): Promise<{ line: number; column: number } | undefined> {
    const text = await this.page.evaluate(() => {
      const el = document.querySelector('#status\\.editor\\.selection');
      return el?.innerText ?? '';
    });
    const m = /Ln\s*(\d+),\s*Col\s*(\d+)/.exec(text);
    return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
  }

  private async focusEditor(timeoutMs: number): Promise<void> {
    const editor = this.page.locator(ACTIVE_EDITOR).first();
    await editor.waitFor({ state: 'visible', timeout: timeoutMs });
    const focused = await this.page.evaluate(
      (sel) => !!document.querySelector(sel)?.contains(document.activeElement),
      ACTIVE_EDITOR,
    );
    if (!focused) {
      // Focus the editor without moving the cursor: "View: Focus Active Editor Group".
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+1');
      await poll('editor focus', timeoutMs, () =>
        this.page.evaluate((sel) => (document.querySelector(sel)?.contains(document.activeElement) ? true : undefined), ACTIVE_EDITOR),
      );
    }
  }

  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
  }

  private async readHover(what: string, timeoutMs: number): Promise<string> {
    return poll(what, timeoutMs, () =>
      this.page.evaluate((sel) => {
        for (const h of Array.from(document.querySelectorAll(sel) as ArrayLike<any>)) {
          if (h.offsetParent === null && getComputedStyle(h).position !== 'fixed') continue;
          const r = h.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          const text = h.innerText.trim();
          if (text && !/^Loading\.*$/i.test(text)) return text;
        }
        return undefined;
      }, VISIBLE_HOVER),
    );
  }

  private async closeHover(timeoutMs: number): Promise<void> {
    await this.page.mouse.move(0, 0);
    if (await this.page.locator(VISIBLE_HOVER).first().isVisible().catch(() => false)) {
      await this.page.keyboard.press('Escape');
      await this.page.locator(VISIBLE_HOVER).first().waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => undefined);
    }
  }

  /**
   * Triggers a hover and reads it; if none shows up, dismisses and re-triggers
   * (a hover requested before the extension/server was ready never fills in).
   */
  private async retryHover(what: string, timeoutMs: number, trigger: () => Promise<void>): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await this.closeHover(5000);
      await trigger();
      const slice = Math.min(deadline - Date.now(), 2000 * 2 ** Math.min(attempt, 3));
      try {
        return await this.readHover(what, Math.max(0, slice));
      } catch (e) {
        if (Date.now() >= deadline) throw e;
      }
    }
  }

  private async showHoverKeys(): Promise<void> {
    // Ctrl+K Ctrl+I = editor.action.showHover
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
  }

  async hoverAtCursor(opts?: WaitOpts): Promise<string> {
    return this.step('hoverAtCursor', async () => {
      const timeout = this.t(opts);
      await this.focusEditor(timeout);
      await this.closeHover(timeout);
      return this.retryHover('hover at cursor', timeout, () => this.showHoverKeys());
    });
  }

  async hoverAt(text: string, opts?: WaitOpts & { via?: 'mouse' | 'keyboard'; offset?: number }): Promise<string> {
    return this.step(`hoverAt ${text}`, async () => {
      const timeout = this.t(opts);
      await this.page.locator(`${ACTIVE_EDITOR} .view-lines`).first().waitFor({ state: 'visible', timeout });
      await this.closeHover(timeout);
      if ((opts?.via ?? 'mouse') === 'mouse') {
        const offset = opts?.offset ?? Math.floor(text.length / 2);
        if (await this.locateVisibleText(text, offset)) {
          return this.retryHover(`hover over "${text}"`, timeout, async () => {
            const point = await this.locateVisibleText(text, offset);
            if (!point) throw new Error(`"${text}" is no longer visible in the editor`);
            // Approach from the side so the editor sees a real mouse move onto the text.
            await this.page.mouse.move(point.x - 40, point.y);
            await this.page.mouse.move(point.x, point.y, { steps: 4 });
          });
        }
      }
      // Keyboard: Find reveals and selects the match; Left collapses to its start.
      await this.focusEditor(timeout);
      await this.findInEditor(text, timeout);
      await this.page.keyboard.press('ArrowLeft');
      for (let i = 0; i < (opts?.offset ?? 0); i++) await this.page.keyboard.press('ArrowRight');
      return this.retryHover(`hover at "${text}" (keyboard)`, timeout, () => this.showHoverKeys());
    });
  }

  /** Ctrl+F text, Enter, Escape: selects the first match after the cursor, from the top of the file. */
  private async findInEditor(text: string, timeoutMs: number): Promise<void> {
    await this.page.keyboard.press('Control+Home');
    await this.page.keyboard.press('Control+F');
    const input = this.page.locator('.editor-group-container.active .find-widget .input').first();
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(text);
    await poll(`find match for "${text}"`, timeoutMs, () =>
      this.page.evaluate(() => {
        const el = document.querySelector('.editor-group-container.active .find-widget .matchesCount');
        const t = el?.innerText ?? '';
        if (/^No results/i.test(t)) throw new Error(`no match`);
        return /\d+\s+of\s+\d+/i.test(t) || /^\?\s+of/.test(t) ? true : undefined;
      }),
    );
    // Find selects the first match at/after the cursor as you type; Escape closes the widget
    // and puts focus back in the editor with the match selected.
    await this.page.keyboard.press('Escape');
    await poll(`selection of "${text}"`, timeoutMs, async () => {
      const t = await this.page.evaluate(() => {
        const el = document.querySelector('#status\\.editor\\.selection');
        return el?.innerText ?? '';
      });
      return /\(\d+ selected\)/.test(t) ? true : undefined;
    });
  }

  /** Screen point of character `offset` of the first visible occurrence of `text` in the active editor. */
  private async locateVisibleText(text: string, offset: number): Promise<{ x: number; y: number } | undefined> {
    return this.page.evaluate(
      ({ sel, text, offset }) => {
        const lines = Array.from(document.querySelectorAll(`${sel} .view-lines .view-line`) as ArrayLike<any>);
        lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
        for (const line of lines) {
          // Monaco renders spaces as U+00A0; walk text nodes so offsets map back to DOM positions.
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          const nodes: any[] = [];
          let full = '';
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            nodes.push(n);
            full += n.data.replace(/\u00a0/g, ' ');
          }
          const idx = full.indexOf(text);
          if (idx < 0) continue;
          let target = idx + Math.max(0, Math.min(offset, text.length - 1));
          for (const n of nodes) {
            if (target < n.data.length) {
              const range = document.createRange();
              range.setStart(n, target);
              range.setEnd(n, target + 1);
              const r = range.getBoundingClientRect();
              const editorRect = document.querySelector(sel)!.getBoundingClientRect();
              if (r.width === 0 || r.top < editorRect.top || r.bottom > editorRect.bottom) return undefined;
              return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            }
            target -= n.data.length;
          }
        }
        return undefined;
      },
      { sel: ACTIVE_EDITOR, text, offset },
    );
  }

  async activeEditorTitle(): Promise<string> {
    return this.page.evaluate((sel) => {
      const tab = document.querySelector(sel);
      if (!tab) return '';
      // The label splits name and extension into separate elements; the attributes don't.
      const label = tab.querySelector('.monaco-icon-label');
      return String(tab.getAttribute('data-resource-name') || label?.innerText.replace(/\n/g, '') || '').trim();
    }, ACTIVE_TAB);
  }

  async visibleEditorText(): Promise<string> {
    return this.page.evaluate((sel) => {
      const lines = Array.from(document.querySelectorAll(`${sel} .view-lines .view-line`) as ArrayLike<any>);
      lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
    }, ACTIVE_EDITOR);
  }

  async waitForText(selector: string, text: string | RegExp, opts?: WaitOpts): Promise<string> {
    return this.step(`waitForText ${selector}`, async () => {
      const pattern = typeof text === 'string' ? { source: text, flags: '', literal: true } : { source: text.source, flags: text.flags, literal: false };
      return poll(`${selector} containing ${String(text)}`, this.t(opts), () =>
        this.page.evaluate(
          ({ selector, pattern }) => {
            for (const el of Array.from(document.querySelectorAll(selector) as ArrayLike<any>)) {
              const t = el.innerText ?? el.textContent ?? '';
              const ok = pattern.literal ? t.includes(pattern.source) : new RegExp(pattern.source, pattern.flags).test(t);
              if (ok) return t;
            }
            return undefined;
          },
          { selector, pattern },
        ),
      );
    });
  }

  async notifications(): Promise<string[]> {
    return this.page.evaluate(() =>
      Array.from(document.querySelectorAll('.notifications-toasts .notification-toast') as ArrayLike<any>)
        .filter((t) => t.offsetParent !== null)
        .map((t) => t.innerText.trim()),
    );
  }

  async waitForNotification(text: string | RegExp, opts?: WaitOpts): Promise<string> {
    return this.step(`waitForNotification ${String(text)}`, () =>
      poll(`notification ${String(text)}`, this.t(opts), async () =>
        (await this.notifications()).find((n) => (typeof text === 'string' ? n.includes(text) : text.test(n))),
      ),
    );
  }

  async screenshot(file: string): Promise<string> {
    const abs = path.resolve(file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    await this.page.screenshot({ path: abs });
    return abs;
  }

  logFiles(): string[] {
    return listFiles(path.join(this.userDataDir, 'logs'));
  }

  extensionHostLog(): string {
    const logs = path.join(this.userDataDir, 'logs');
    return this.logFiles()
      .filter((f) => /exthost/i.test(f))
      .map((f) => `===== ${f}\n${fs.readFileSync(path.join(logs, f), 'utf8')}`)
      .join('\n');
  }

  serverLog(): string {
    return this.x.readServerLog();
  }

  async waitForExtensionActivation(id: string, opts?: WaitOpts): Promise<void> {
    return this.step(`waitForExtensionActivation ${id}`, async () => {
      const lower = id.toLowerCase();
      await poll(`activation of ${id} in the extension host log`, this.t(opts), () => {
        const log = this.extensionHostLog().toLowerCase();
        if (log.includes(`activating extension '${lower}' failed`)) {
          throw new Fatal(`extension ${id} failed to activate:\n${this.extensionHostLog()}`);
        }
        return log.includes(`extensionservice#_doactivateextension ${lower}`) ? true : undefined;
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.context.close().catch(() => undefined),
      new Promise<void>((r) => (timer = setTimeout(r, 10_000))),
    ]);
    clearTimeout(timer);
    await this.x.killServer();
    this.x.cleanupTmp();
  }
}
