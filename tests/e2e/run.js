// The end-to-end harness: serves dist/ on 127.0.0.1, drives Debian's Chromium through
// playwright-core, and fails a test on anything the page should never do — a request to
// another origin, a console error, an uncaught exception, a failed local request.
//
// A test file (tests/e2e/*.test.js, run by `make e2e` with `node --test`):
//
//   const test = require('node:test');
//   const assert = require('node:assert/strict');
//   const { withPage, openExample, rankIds } = require('./run.js');
//
//   test('the example ranks FS-103 first', () => withPage(async ({ page }) => {
//     await openExample(page);
//     assert.equal((await rankIds(page))[0], 'FS-103');
//   }));
//
// Each withPage call gets a fresh browser context (empty storage) on the shared server and
// browser, which close when the file's tests end. withProfile runs a browser of its own on
// a profile directory, which a test can kill (SIGKILL) and relaunch to see what reached the
// disk; quotaOverride acts out a full disk.
//
// Environment:
//   THRESH_DIST      the directory to serve (default: dist/ of this repository)
//   THRESH_CHROMIUM  the browser binary (default: /usr/bin/chromium)
//   THRESH_HEADFUL=1 show the browser window (needs a display)
//   THRESH_SLOWMO=ms slow every browser action down, to watch a test
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.resolve(process.env.THRESH_DIST || path.join(ROOT, 'dist'));
const CHROMIUM = process.env.THRESH_CHROMIUM || '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'test-results');
/** Without the networking flags Chromium keeps trying to reach the internet. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const AXE = require.resolve('axe-core/axe.min.js');
let axeText = null;
const axeSource = () => (axeText ??= fs.readFileSync(AXE, 'utf8'));

// ----- the server -----

/**
 * Serves `dir` with `python3 -m http.server` (it sends `application/wasm`) on a free
 * port of 127.0.0.1, chosen by the server itself (port 0), so nothing races for it.
 * @returns {Promise<{origin: string, port: number, dir: string, log: string[], close: () => Promise<void>}>}
 */
function startServer(dir = DIST) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    return Promise.reject(new Error(`${dir}/index.html does not exist: run \`make build\` first`));
  }
  const child = spawn('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '--directory', dir, '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) if (line) log.push(line);
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      close();
      reject(new Error(`the static server did not start in 10 s: ${out} ${log.join('\n')}`));
    }, 10_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start python3 -m http.server: ${e.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the static server exited (${code}): ${out} ${log.join('\n')}`));
    });
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        const port = Number(m[1]);
        resolve({ origin: `http://127.0.0.1:${port}`, port, dir, log, close });
      }
    });
  });
}

// ----- the browser -----

/** Launches headless Chromium with the flags these machines need. */
function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: !process.env.THRESH_HEADFUL,
    slowMo: Number(process.env.THRESH_SLOWMO || 0) || undefined,
    ...options,
  });
}

let shared = null;

/** The server and the browser shared by the tests of one file (started on first use). */
function resources() {
  if (!shared) {
    shared = (async () => {
      const server = await startServer();
      try {
        return { server, browser: await launchBrowser() };
      } catch (e) {
        await server.close();
        throw e;
      }
    })();
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}

/** Closes the shared browser and server. Test files get this as an `after` hook. */
async function shutdown() {
  if (!shared) return;
  const s = shared;
  shared = null;
  const { server, browser } = await s.catch(() => ({}));
  if (browser) await browser.close().catch(() => {});
  if (server) await server.close();
}

// Under `node --test` (or `node x.test.js`), close everything when the file's tests end.
if (process.env.NODE_TEST_CONTEXT || /\.test\.js$/.test((require.main && require.main.filename) || '')) {
  require('node:test').after(shutdown);
}

// ----- one page -----

/**
 * @typedef {object} PageContext
 * @property {import('playwright-core').Page} page
 * @property {import('playwright-core').BrowserContext} context
 * @property {string} origin           `http://127.0.0.1:PORT`
 * @property {(p?: string) => string} url  an address on the origin
 * @property {string} dist             the directory being served
 * @property {{url: string, method: string, resourceType: string}[]} requests  every request, in order
 * @property {{url: string, status: number}[]} responses
 * @property {string[]} problems       what will fail the test (see withPage)
 * @property {string[]} consoleMessages every console message, `type: text`
 */

/**
 * Runs `fn` with a fresh page (a new browser context: empty storage) on the served page.
 * Afterwards — also when `fn` throws — the test fails if the page:
 * - made a request to anything but the served origin (it is also blocked), or
 * - logged a console error, threw an uncaught exception or crashed, or
 * - got an HTTP error or a network failure for one of its own files.
 *
 * Options:
 * - `path`: where to go first (default `/`); `goto: false` to start on about:blank;
 * - `localStorage`: `{key: value}` present before the page first loads;
 * - `allowConsole`: regular expressions for console errors a test provokes on purpose;
 * - `viewport`, `contextOptions`: passed to Playwright.
 * @template T
 * @param {(ctx: PageContext) => Promise<T>} fn
 * @param {{path?: string, goto?: boolean, localStorage?: Record<string, string>,
 *          allowConsole?: RegExp[], viewport?: {width: number, height: number},
 *          contextOptions?: object}} [options]
 * @returns {Promise<T>}
 */
async function withPage(fn, options = {}) {
  const { server, browser } = await resources();
  const origin = server.origin;
  const contextOptions = {
    viewport: options.viewport || { width: 1280, height: 800 },
    acceptDownloads: true,
    ...options.contextOptions,
  };
  if (options.localStorage) {
    contextOptions.storageState = {
      cookies: [],
      origins: [{ origin, localStorage: Object.entries(options.localStorage).map(([name, value]) => ({ name, value })) }],
    };
  }
  const context = await browser.newContext(contextOptions);
  const record = newRecord();
  await watch(context, origin, options.allowConsole || [], record);
  const page = await context.newPage();

  const ctx = {
    page,
    context,
    origin,
    url: (p = '/') => new URL(p, origin + '/').href,
    dist: server.dir,
    ...record,
  };
  let result;
  let failure = null;
  try {
    if (options.goto !== false) await page.goto(ctx.url(options.path || '/'));
    result = await fn(ctx);
  } catch (e) {
    failure = e;
  }
  await context.close().catch(() => {});
  return settle(result, failure, record.problems);
}

/** @returns {{requests: object[], responses: object[], problems: string[], consoleMessages: string[]}} */
function newRecord() {
  return { requests: [], responses: [], problems: [], consoleMessages: [] };
}

/** Throws `failure` (with the page's problems added), or fails on the problems, or returns `result`. */
function settle(result, failure, problems) {
  if (failure) {
    if (problems.length && failure instanceof Error) {
      failure.message += `\n\nThe page also had these problems:\n- ${problems.join('\n- ')}`;
    }
    throw failure;
  }
  if (problems.length) throw new Error(`the page had ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  return result;
}

/**
 * Watches a browser context for what fails a test (see withPage), on every page it opens
 * (each tab a test opens included), and records its requests, responses and console.
 * @param {import('playwright-core').BrowserContext} context @param {string} origin
 * @param {RegExp[]} allowConsole @param {ReturnType<typeof newRecord>} record
 */
async function watch(context, origin, allowConsole, record) {
  const { problems, requests, responses, consoleMessages } = record;
  context.setDefaultTimeout(15_000);
  const problem = (text) => {
    if (!problems.includes(text)) problems.push(text);
  };
  const isLocal = (u) => {
    try {
      const url = new URL(u);
      return url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === origin;
    } catch {
      return false;
    }
  };

  // Every request passes through here; anything not local is refused and reported.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    problem(`request to another origin: ${route.request().method()} ${url}`);
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => {
    requests.push({ url: r.url(), method: r.method(), resourceType: r.resourceType() });
    if (!isLocal(r.url()) && r.url() !== 'about:blank') problem(`request to another origin: ${r.method()} ${r.url()}`);
  });
  context.on('response', (r) => {
    responses.push({ url: r.url(), status: r.status() });
    if (isLocal(r.url()) && r.status() >= 400) problem(`HTTP ${r.status()} for ${r.url()}`);
  });
  context.on('requestfailed', (r) => {
    const why = (r.failure() && r.failure().errorText) || 'failed';
    // Aborted requests (a navigation replacing another, our own blocking) are not failures.
    if (isLocal(r.url()) && !/ERR_ABORTED|ERR_BLOCKED_BY_CLIENT/.test(why)) problem(`request failed: ${r.url()} (${why})`);
  });

  const watchPage = (page) => {
    page.on('console', (m) => {
      consoleMessages.push(`${m.type()}: ${m.text()}`);
      if (m.type() !== 'error') return;
      if (allowConsole.some((re) => re.test(m.text()))) return;
      const loc = m.location();
      problem(`console error: ${m.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    });
    page.on('pageerror', (e) => problem(`page error: ${e.stack || e.message}`));
    page.on('crash', () => problem('the page crashed'));
  };
  for (const page of context.pages()) watchPage(page);
  context.on('page', watchPage);
}

// ----- a browser on a profile that survives it -----

/**
 * @typedef {object} ProfileContext  like PageContext, on a persistent profile
 * @property {string} dir  the profile directory (removed afterwards)
 * @property {() => Promise<void>} kill  ends the browser at once with SIGKILL (every process
 *   of it; nothing is flushed or closed cleanly), as a crash or a power cut would
 * @property {() => Promise<import('playwright-core').Page>} relaunch  starts the browser
 *   again on the same profile and opens the page (ctx.page and ctx.context follow)
 */

/**
 * Runs `fn` with a browser of its own on a fresh persistent profile (a directory), on the
 * served page; the same checks as withPage, across every launch. What survives
 * `ctx.kill()` and `ctx.relaunch()` is what had reached the disk.
 * @template T
 * @param {(ctx: PageContext & ProfileContext) => Promise<T>} fn
 * @param {{path?: string, allowConsole?: RegExp[], viewport?: {width: number, height: number}}} [options]
 * @returns {Promise<T>}
 */
async function withProfile(fn, options = {}) {
  const { server } = await resources();
  const origin = server.origin;
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'thresh-profile-'));
  const record = newRecord();
  const url = (p = '/') => new URL(p, origin + '/').href;
  const ctx = { page: null, context: null, origin, url, dist: server.dir, dir, ...record, kill, relaunch };
  let pid = 0;

  async function launch() {
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: !process.env.THRESH_HEADFUL,
      viewport: options.viewport || { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    pid = browserPid(dir);
    await watch(context, origin, options.allowConsole || [], record);
    const page = context.pages()[0] || (await context.newPage());
    ctx.context = context;
    ctx.page = page;
    await page.goto(url(options.path || '/'));
    return page;
  }

  async function kill() {
    if (!pid) throw new Error('no browser to kill');
    const context = ctx.context;
    const closed = new Promise((resolve) => context.once('close', resolve));
    // The browser leads its own process group (Playwright starts it detached): the whole
    // group — renderers, the storage service — dies at the same instant.
    process.kill(-pid, 'SIGKILL');
    await closed;
    for (let i = 0; i < 100 && fs.existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 50));
    pid = 0;
  }

  async function relaunch() {
    if (pid) throw new Error('the browser is still running: kill() it first');
    return launch();
  }

  let result;
  let failure = null;
  try {
    await launch();
    result = await fn(ctx);
  } catch (e) {
    failure = e;
  }
  if (pid) await ctx.context.close().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
  return settle(result, failure, record.problems);
}

/** The pid of the browser (not a helper process) running on profile `dir`. */
function browserPid(dir) {
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let args;
    try {
      args = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes(`--user-data-dir=${dir}`) && !args.some((a) => a.startsWith('--type='))) return Number(name);
  }
  throw new Error(`no browser process found for the profile ${dir}`);
}

/**
 * The storage quota of the page's origin (IndexedDB and the rest obey it), through the
 * DevTools protocol: `set(bytes)` below what is used acts out a full disk, `set(null)`
 * gives the browser's own quota back. The override lasts while the session does (until
 * `detach()` or the page closes). `origin`: the page's own by default (give it when the
 * page has not loaded the origin yet).
 * @param {import('playwright-core').Page} page @param {string} [origin]
 */
async function quotaOverride(page, origin = new URL(page.url()).origin) {
  const cdp = await page.context().newCDPSession(page);
  return {
    /** @param {number | null} bytes */
    set: (bytes) => cdp.send('Storage.overrideQuotaForOrigin', bytes === null ? { origin } : { origin, quotaSize: bytes }),
    detach: () => cdp.detach().catch(() => {}),
  };
}

// ----- helpers for the page -----

const sel = (testid) => `[data-testid="${testid}"]`;

/** Clicks "Open the example" on the welcome panel and waits for the ranking. */
async function openExample(page) {
  await page.locator(sel('open-example')).click();
  await page.locator(sel('rank-row')).first().waitFor({ state: 'visible' });
}

/** The request ids of the rank rows in the DOM, top to bottom. */
function rankIds(page) {
  return page
    .locator(sel('rank-row'))
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-request-id')));
}

/** Opens a scenario through the import input, from text or from a file. */
async function importText(page, name, text) {
  // The file input's handler is attached once the page has started (its hooks are set
  // then): a file given before that would go unnoticed on a slow machine.
  await page.waitForFunction(() => /** @type {any} */ (window).__thresh !== undefined);
  await page.locator(sel('import-file')).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Clicks `selector` and returns the downloaded file's name and text. */
async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** Resolves after the next two animation frames (the page has painted). */
function afterPaint(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Sets a criterion's weight as a PM typing it does (a gesture that ends with `change`). */
async function setWeight(page, id, value) {
  await page.locator(sel(`weight-${id}`)).fill(value);
  await page.locator(sel(`weight-${id}`)).dispatchEvent('change');
}

/** The weight field of criterion `id`, as shown. */
const weight = (page, id) => page.locator(sel(`weight-${id}`)).inputValue();

/** Starts recording the page's long tasks (PerformanceObserver 'longtask'). */
function watchLongTasks(page) {
  return page.evaluate(() => {
    window.__longest = 0;
    window.__observer?.disconnect();
    window.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    });
    window.__observer.observe({ type: 'longtask' });
  });
}

/** Stops recording and gives the longest task since `watchLongTasks`, in ms. */
function longestTask(page) {
  return page.evaluate(() => { window.__observer.disconnect(); return window.__longest; });
}

/** Saves a screenshot under test-results/ (look at it with an image viewer). */
async function screenshot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Runs axe-core in the page (injected from node_modules) and returns the violations of
 * at least `minImpact` (default "serious": serious and critical).
 */
async function runAxe(page, { include, minImpact = 'serious', options } = {}) {
  // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses an injected
  // <script>, and bypassCSP would hide the page's own CSP violations from the tests.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource());
  const results = await page.evaluate(
    ([include, options]) => window.axe.run(include ? { include: [include] } : document, { resultTypes: ['violations'], ...options }),
    [include || null, options || {}],
  );
  const order = ['minor', 'moderate', 'serious', 'critical'];
  const min = order.indexOf(minImpact);
  return results.violations
    .filter((v) => order.indexOf(v.impact) >= min)
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
}

/** Axe violations as readable text for an assertion message (5 elements per rule). */
function formatAxe(violations) {
  return violations
    .map((v) => {
      const shown = v.nodes.slice(0, 5).map((n) => `    ${n.target}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`);
      if (v.nodes.length > 5) shown.push(`    … and ${v.nodes.length - 5} more elements`);
      return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl.replace(/\?.*/, '')})\n${shown.join('\n')}`;
    })
    .join('\n');
}

/** Fails with a readable message when axe finds serious or critical violations. */
async function assertAccessible(page, label = 'the page', options = {}) {
  const violations = await runAxe(page, options);
  if (violations.length) {
    throw new Error(`axe on ${label}: ${violations.length} serious or critical rule(s) violated\n${formatAxe(violations)}`);
  }
}

// ----- bytes -----

/** The dist file an address of the origin serves (`/` is index.html), or null. */
function distFile(url, origin, dir = DIST) {
  const u = new URL(url);
  if (u.origin !== origin) return null;
  let p = decodeURIComponent(u.pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(dir, p);
  return file.startsWith(dir + path.sep) && fs.existsSync(file) ? file : null;
}

/** Raw and gzip (level 9) sizes of a file. */
function sizes(file) {
  const bytes = fs.readFileSync(file);
  return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}

module.exports = {
  ROOT,
  DIST,
  CHROMIUM,
  CHROMIUM_ARGS,
  startServer,
  launchBrowser,
  resources,
  shutdown,
  withPage,
  withProfile,
  quotaOverride,
  sel,
  openExample,
  rankIds,
  importText,
  download,
  afterPaint,
  setWeight,
  weight,
  watchLongTasks,
  longestTask,
  screenshot,
  runAxe,
  formatAxe,
  assertAccessible,
  distFile,
  sizes,
};
