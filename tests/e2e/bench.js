#!/usr/bin/env node
// The page's figures in headless Chromium, printed as a table (`make bench-web`):
// - start-up: navigation → the welcome panel usable, and click "Open the example" → the
//   first ranking painted; then a reload with the saved scenario: navigation → ranking;
// - 10,000 requests: loading them, and a weight change: the script's own time (re-score
//   and render) and → the ranking painted again (median, p95 and worst of several);
// - compare and merge of two 10,000-request scenarios in the page's worker: request →
//   review (or merge) drawn, and the time inside the worker; a change taken (the main
//   thread's part: the Workbench's replace and the redraw);
// - bytes: every file the page loaded from dist/, raw and gzipped.
//
// - 100,000 requests: opening each view (click on its tab → painted), and the longest task
//   that blocked the page meanwhile (PerformanceObserver 'longtask'; goal: under 200 ms);
//
// - how sure the ranking is (issue 11): every weight's tipping points on the N requests
//   (recomputed on every weight move), and the sampling of 1,000 requests × --robust-samples
//   (default 2,000) in the worker, beside `cargo bench --bench robust` (1,000 × 10,000);
//
//   node tests/e2e/bench.js [--json] [--requests N] [--runs N] [--views N | --no-views] [--robust-samples N]
//
// The page marks its first painted ranking with performance.mark('thresh-first-ranking')
// and exposes window.__thresh.loadSynthetic(n) and .setWeight(k, w) (resolving after the
// paint). Without them the figures fall back to watching the DOM, or say "n/a".
// Figures on a shared two-core machine vary by tens of percent between runs.
'use strict';

const { startServer, launchBrowser, distFile, sizes, afterPaint, watchLongTasks, longestTask, sel, DIST } = require('./run.js');

function parseArgs(argv) {
  const args = { json: false, requests: 10_000, runs: 20, views: 100_000, robustSamples: 2_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--requests') args.requests = Number(argv[++i]);
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--views') args.views = Number(argv[++i]);
    else if (a === '--no-views') args.views = 0;
    else if (a === '--robust-samples') args.robustSamples = Number(argv[++i]);
    else {
      console.error(`usage: node tests/e2e/bench.js [--json] [--requests N] [--runs N] [--views N | --no-views] [--robust-samples N] (unknown ${a})`);
      process.exit(2);
    }
  }
  return args;
}

// Installed before the page's own scripts: notes when the welcome panel becomes usable,
// when the first rank row appears (and two frames later, painted), and the first click.
function instrument() {
  window.__bench = { ready: null, firstRow: null, firstPaint: null, click: null };
  const b = window.__bench;
  const visible = (el) => el && el.getClientRects().length > 0 && !el.closest('[hidden]');
  const check = () => {
    if (b.ready === null && visible(document.querySelector('[data-testid="open-example"]'))) b.ready = performance.now();
    if (b.firstRow === null && visible(document.querySelector('[data-testid="rank-row"]'))) {
      b.firstRow = performance.now();
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          b.firstPaint = performance.now();
          if (window.__thresh_first_paint === undefined) window.__thresh_first_paint = b.firstPaint;
        }),
      );
    }
    if (b.ready !== null && b.firstRow !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'class', 'style'] });
  window.addEventListener('pointerdown', () => (b.click ??= performance.now()), { capture: true });
}

/** Milliseconds from navigation start to the page's first-ranking mark (or our DOM watch). */
function firstRankingAt(page) {
  return page.evaluate(async () => {
    const b = window.__bench;
    for (let i = 0; i < 200; i++) {
      const mark = performance.getEntriesByName('thresh-first-ranking')[0];
      if (mark) return { at: mark.startTime, source: 'mark', click: b.click };
      if (b.firstPaint !== null && i > 20) return { at: b.firstPaint, source: 'dom', click: b.click };
      await new Promise((r) => setTimeout(r, 10));
    }
    return { at: null, source: 'none', click: b.click };
  });
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1], min: s[0] };
}

const ms = (x) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);
const kb = (x) => `${(x / 1024).toFixed(1)} KiB`;

function table(rows) {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([a, b, c = '']) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd()).join('\n');
}

async function measureLarge(page, hooks, args, out) {
  if (hooks.load) {
    out.large.requests = args.requests;
    const load = await page.evaluate(async (n) => {
      const t0 = performance.now();
      const done = window.__thresh.loadSynthetic(n);
      const t1 = performance.now();
      if (done && typeof done.then === 'function') await done;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { script: t1 - t0, paint: performance.now() - t0 };
    }, args.requests);
    out.large.loadScript = load.script;
    out.large.load = load.paint;
    out.large.rows = await page.locator(sel('rank-row')).count();
  }
  if (hooks.load && hooks.weight) {
    const times = await page.evaluate(async (runs) => {
      const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const script = [];
      const layout = [];
      const paint = [];
      for (let i = 0; i < runs + 3; i++) {
        const k = i % 2;
        const w = 1 + (i % 5);
        const t0 = performance.now();
        const done = window.__thresh.setWeight(k, w);
        const t1 = performance.now();
        // Style and layout, forced now, so that the cost of getting the frame ready is
        // measured without the wait for the next frame.
        void document.body.offsetHeight;
        const tLayout = performance.now();
        // The hook resolves after the paint; if it returns nothing, wait two frames.
        if (done && typeof done.then === 'function') await done;
        else await frames();
        const t2 = performance.now();
        if (i >= 3) {
          // the first three warm up
          script.push(t1 - t0);
          layout.push(tLayout - t0);
          paint.push(t2 - t0);
        }
      }
      return { script, layout, paint };
    }, args.runs);
    out.large.weightLayout = stats(times.layout);
    out.large.weightScript = stats(times.script);
    out.large.weightToPaint = stats(times.paint);
  }
  if (hooks.load && (await page.evaluate(() => typeof window.__thresh?.timeTipping === 'function'))) {
    out.large.tipping = await page.evaluate(() => window.__thresh.timeTipping(11));
  }
}

/**
 * The "How sure?" analysis of 1,000 generated requests × `samples` in the page's worker:
 * run twice (the first starts the worker and loads its module), the second reported — from
 * the request to the result on the page, and inside the worker.
 */
async function measureRobust(page, samples, out) {
  if (!(await page.evaluate(() => typeof window.__thresh?.robustSynthetic === 'function'))) return;
  const first = await page.evaluate((s) => window.__thresh.robustSynthetic(1000, s), samples);
  const warm = await page.evaluate((s) => window.__thresh.robustSynthetic(1000, s), samples);
  out.robust = { n: 1000, samples, ...warm, firstMs: first.ms };
}

/**
 * Opens each view of a generated scenario of `n` requests: click on its tab → painted
 * (two frames; the plan view: until its plan is shown), and the longest task that blocked
 * the page from the click until a second after (PerformanceObserver 'longtask').
 */
async function measureViews(page, n, out) {
  await page.evaluate((n) => window.__thresh.loadSynthetic(n), n);
  await afterPaint(page);
  out.views = { n, list: [] };
  for (const view of ['chart', 'accounts', 'plan', 'data', 'ranking']) {
    await watchLongTasks(page);
    const t0 = Date.now();
    await page.locator(`#tab-${view}`).click();
    if (view === 'plan') await page.locator('.plan-summary .big').first().waitFor({ timeout: 120_000 }).catch(() => {});
    await afterPaint(page);
    const shown = Date.now() - t0;
    await page.waitForTimeout(1000);
    const longest = await longestTask(page);
    out.views.list.push({ view, shown, longest });
  }
}

/** Import of a generated file of `n` requests → ranking painted (the page's own reader). */
async function measureImport(page, out) {
  if (!(await page.evaluate(() => typeof window.__thresh?.importSynthetic === 'function'))) return;
  out.imports = [];
  for (const n of [10_000, 100_000]) {
    try {
      out.imports.push({ n, ...(await page.evaluate((n) => window.__thresh.importSynthetic(n), n)) });
    } catch (e) {
      out.imports.push({ n, error: String(e?.message ?? e) });
    }
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = await startServer();
  const browser = await launchBrowser();
  const out = { dist: DIST, chromium: browser.version(), startup: {}, large: {}, bytes: {} };
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(60_000);
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(server.origin) || u.startsWith('data:')) return route.continue();
      problems.push(`request to another origin: ${u}`);
      return route.abort('blockedbyclient');
    });
    await context.addInitScript(instrument);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    const loaded = new Map();
    page.on('response', (r) => {
      if (r.status() === 200) {
        const file = distFile(r.url(), server.origin);
        if (file) loaded.set(file, r.url());
      }
    });

    // 1. First visit: welcome, then the example.
    await page.goto(server.origin + '/', { waitUntil: 'load' });
    await page.locator(sel('open-example')).waitFor({ state: 'visible' });
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, ready: window.__bench.ready };
    });
    await page.locator(sel('open-example')).click();
    await page.locator(sel('rank-row')).first().waitFor({ state: 'visible' });
    const first = await firstRankingAt(page);
    out.startup.domContentLoaded = nav.dcl;
    out.startup.load = nav.load;
    out.startup.welcomeReady = nav.ready;
    out.startup.clickToFirstRanking = first.at !== null && first.click !== null ? first.at - first.click : null;
    out.startup.firstRankingSource = first.source;

    // 2. A reload opens the saved scenario straight away: navigation → ranking.
    await page.reload({ waitUntil: 'load' });
    let reload = { at: null, source: 'none' };
    try {
      await page.locator(sel('rank-row')).first().waitFor({ state: 'visible', timeout: 10_000 });
      reload = await firstRankingAt(page);
    } catch {
      // The page showed no ranking on reload (it does not restore the open scenario).
    }
    out.startup.reloadToFirstRanking = reload.at;

    // 3. Many requests, through the page's hooks.
    const hooks = await page.evaluate(() => ({
      load: typeof window.__thresh?.loadSynthetic === 'function',
      weight: typeof window.__thresh?.setWeight === 'function',
    }));
    try {
      await measureLarge(page, hooks, args, out);
    } catch (e) {
      out.large.error = String(e.message).split('\n')[0];
      problems.push(`the ${args.requests} requests figures failed: ${out.large.error}`);
    }

    // What the page itself loaded (the plan view's worker and its module come on top).
    const pageFiles = new Set(loaded.keys());

    // Each view opened on a very large scenario: nothing may block the page for long.
    if (args.views > 0 && hooks.load) {
      try {
        await measureViews(page, args.views, out);
      } catch (e) {
        problems.push(`the views figures failed: ${String(e.message).split('\n')[0]}`);
      }
    }


    // Import of a generated file → ranking painted (goal: 10k within 300 ms, 100k 1.5 s).
    try {
      await measureImport(page, out);
    } catch (e) {
      problems.push(`the import figures failed: ${String(e.message).split('\n')[0]}`);
    }

    // 4. Plans, in the page's Web Worker: a quarter of 1,000 and of 10,000 requests. The
    // first plan starts the worker (its module is loaded then); each size is planned
    // twice, the second time with the worker warm, whose search time inside the worker is
    // what compares with the native planner (`cargo bench --bench plan`: portfolio 1,000).
    out.plans = [];
    if (await page.evaluate(() => typeof window.__thresh?.planSynthetic === 'function')) {
      for (const n of [1000, 10000]) {
        try {
          const first = await page.evaluate((n) => window.__thresh.planSynthetic(n), n);
          const warm = await page.evaluate((n) => window.__thresh.planSynthetic(n), n);
          out.plans.push({ n, ...warm, firstMs: first.ms });
        } catch (e) {
          problems.push(`planning ${n} requests failed: ${String(e.message).split('\n')[0]}`);
        }
      }
    }

    // 4b. How sure the ranking is: 1,000 requests sampled in the worker.
    try {
      await measureRobust(page, args.robustSamples, out);
      if (out.robust?.error) problems.push(`the robustness run failed: ${out.robust.error}`);
    } catch (e) {
      problems.push(`the robustness figures failed: ${String(e.message).split('\n')[0]}`);
    }

    // 5. Compare and merge of two edited copies of a generated scenario, in the page's
    // worker (the compare dialog's own; benches/compare.rs has the native figures).
    if (await page.evaluate(() => typeof window.__thresh?.compareSynthetic === 'function')) {
      try {
        out.compare = await page.evaluate((n) => window.__thresh.compareSynthetic(n), args.requests);
        for (const part of ['first', 'review', 'merge']) {
          if (out.compare[part]?.error) problems.push(`compare (${part}): ${out.compare[part].error}`);
        }
      } catch (e) {
        problems.push(`comparing ${args.requests} requests failed: ${String(e.message).split('\n')[0]}`);
      }
    }

    // 6. Bytes of everything the page loaded from dist/: before its first paint, and what
    // each worker adds when a view first needs it.
    const files = [...loaded.keys()].sort();
    const groupOf = (/** @type {string} */ f) => (pageFiles.has(f) ? 'page'
      : /plan-worker\.js$|\/pkg-plan\//.test(f) ? 'plan'
        : /analysis-worker\.js$|\/pkg-analysis\//.test(f) ? 'analysis' : 'other');
    out.bytes.groups = {};
    out.bytes.files = files.map((f) => {
      const s = sizes(f);
      const group = groupOf(f);
      const sum = (out.bytes.groups[group] ??= { raw: 0, gzip: 0 });
      sum.raw += s.raw;
      sum.gzip += s.gzip;
      return { file: f.slice(DIST.length + 1), group, plan: group !== 'page', ...s };
    });
    const firstLoad = out.bytes.groups.page ?? { raw: 0, gzip: 0 };
    out.bytes.raw = firstLoad.raw;
    out.bytes.gzip = firstLoad.gzip;
    out.bytes.planRaw = out.bytes.groups.plan?.raw ?? 0;
    out.bytes.planGzip = out.bytes.groups.plan?.gzip ?? 0;
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  out.problems = problems;

  if (args.json) {
    console.log(JSON.stringify(out, null, 2));
  } else {
    const rows = [
      ['start-up', '', ''],
      ['navigation → DOMContentLoaded', ms(out.startup.domContentLoaded)],
      ['navigation → "Open the example" visible', ms(out.startup.welcomeReady)],
      ['click "Open the example" → first ranking painted', ms(out.startup.clickToFirstRanking), `(${out.startup.firstRankingSource})`],
      ['reload with the saved scenario → ranking painted', ms(out.startup.reloadToFirstRanking), '(navigation start → mark)'],
      [`${args.requests.toLocaleString('en')} requests`, '', ''],
    ];
    if (out.large.load !== undefined) {
      rows.push(['load them: script (generate, score, render)', ms(out.large.loadScript)]);
      rows.push(['load them → ranking painted', ms(out.large.load), `(${out.large.rows} rank rows in the DOM)`]);
    } else rows.push(['load them', 'n/a', out.large.error ? '(failed, see below)' : '(window.__thresh.loadSynthetic missing)']);
    if (out.large.weightToPaint) {
      const c = out.large.weightScript;
      rows.push(['weight change: script (re-score, render), median', ms(c.median), `(${c.n} changes)`]);
      rows.push(['weight change: script, p95', ms(c.p95)]);
      const s = out.large.weightToPaint;
      if (out.large.weightLayout) {
        const l = out.large.weightLayout;
        rows.push(['weight change: script + style + layout, median', ms(l.median), '(the work a frame must hold)']);
        rows.push(['weight change: script + style + layout, p95', ms(l.p95)]);
      }
      rows.push(['weight change → ranking painted, median', ms(s.median), '(includes the wait for the next frame, ~16.7 ms apart)']);
      rows.push(['weight change → ranking painted, p95', ms(s.p95)]);
      rows.push(['weight change → ranking painted, worst', ms(s.max)]);
    } else rows.push(['weight change', 'n/a', out.large.error ? '(failed, see below)' : '(window.__thresh.setWeight missing)']);
    if (out.large.tipping !== undefined) {
      rows.push(['tipping points of every weight (the sliders\' bands), median', ms(out.large.tipping), '(native: cargo bench --bench robust, "tipping_10000")']);
    }
    if (out.views) {
      rows.push([`${out.views.n.toLocaleString('en')} requests: open each view`, 'shown', 'longest task']);
      for (const v of out.views.list) rows.push([`  ${v.view}`, ms(v.shown), `${ms(v.longest)}${v.longest >= 200 ? '  (over 200 ms)' : ''}`]);
    }
    for (const im of out.imports ?? []) {
      rows.push([`import ${im.n.toLocaleString('en')} requests → ranking painted`, im.error ? 'n/a' : ms(im.paint),
        im.error ? `(${im.error})` : `(a ${(im.bytes / 1e6).toFixed(1)} MB file, read by the page's reader)`]);
    }
    for (const p of out.plans ?? []) {
      const quality = p.error ? p.error : p.optimal ? `optimal, ${p.selected} selected`
        : `gap ${(100 * (p.upperBound - p.value) / Math.abs(p.upperBound)).toFixed(4)}%, ${p.selected} selected`;
      rows.push([`plan ${p.n.toLocaleString('en')} requests, 4 buckets: request → report`, ms(p.ms), `(${quality}; the first, starting the worker, ${ms(p.firstMs).trim()})`]);
      rows.push([`  of which the search in the worker`, ms(p.solveMs), `(native: cargo bench --bench plan, "portfolio" ${p.n.toLocaleString('en')})`]);
    }
    if (out.robust) {
      const r = out.robust;
      const per = r.workerMs / (r.samples / 1000);
      rows.push([`how sure: ${r.n.toLocaleString('en')} requests × ${r.samples.toLocaleString('en')} samples → result`, ms(r.ms), `(the first, starting the worker, ${ms(r.firstMs).trim()})`]);
      rows.push(['  of which in the worker', ms(r.workerMs), `(${per.toFixed(0)} ms per 1,000 samples; native: cargo bench --bench robust, "sampling_1000x10000", every effort a range)`]);
    }
    if (out.compare) {
      const c = out.compare;
      const n = args.requests.toLocaleString('en');
      rows.push(['the compare dialog\'s worker: start, warm-up, the open scenario read', ms(c.warmUp), '(while the PM picks a file)']);
      rows.push([`compare ${n} requests with an edited copy → review drawn`, ms(c.review.ms), `(${c.review.changes} changes; in the worker ${ms(c.review.workerMs).trim()}; the first after the warm-up ${ms(c.first.ms).trim()})`]);
      if (c.take) rows.push(['  take one change → done', ms(c.take.ms), `(main thread ${ms(c.take.mainMs).trim()}: replace and redraw; → reviewed again ${ms(c.take.reviewedMs).trim()})`]);
      rows.push([`merge ${n} requests (base, ours, theirs) → merge drawn`, ms(c.merge.ms), `(${c.merge.incoming} changes in, ${c.merge.conflicts} conflicts; in the worker ${ms(c.merge.workerMs).trim()}; native: cargo bench --bench compare)`]);
    }
    const titles = {
      page: 'bytes the page loaded (its first load)',
      plan: 'bytes the plan view adds (its Web Worker)',
      analysis: 'bytes How sure? and compare add (their Web Workers)',
      other: 'bytes loaded later, by other workers',
    };
    for (const [group, title] of Object.entries(titles)) {
      const sum = out.bytes.groups[group];
      if (!sum) continue;
      rows.push([title, 'raw', 'gzip -9']);
      for (const f of out.bytes.files.filter((f) => f.group === group)) rows.push([`  ${f.file}`, kb(f.raw), kb(f.gzip)]);
      rows.push(['  total', kb(sum.raw), `${kb(sum.gzip)} (${sum.gzip} bytes)`]);
    }
    console.log(`Thresh page figures — Chromium ${out.chromium}, dist ${DIST}`);
    console.log(table(rows));
    if (problems.length) console.log(`\nproblems seen while measuring:\n- ${problems.join('\n- ')}`);
  }
  if (problems.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`bench: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
