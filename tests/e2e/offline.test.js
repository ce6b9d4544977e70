// The one-file page (sharing-v1 §6): dist/thresh.html opened from file:// with the network
// off — the example opens and ranks, the planner plans (its worker and WebAssembly come
// from inside the file), a CSV is imported through the mapping step (the import's worker
// too), the printed report is made, and after a reload the scenario is still there. No
// request leaves the file: everything it loads is file:, blob: or data:.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { launchBrowser, sel, rankIds, DIST, ROOT, sizes } = require('./run.js');

const T = { timeout: 120_000 };
const FILE = path.join(DIST, 'thresh.html');

test('dist/thresh.html from file:// offline: example, ranking, plan, CSV import, report, reload', T, async () => {
  assert.ok(fs.existsSync(FILE), 'run `make build` first');
  const { raw, gzip } = sizes(FILE);
  console.log(`thresh.html: ${raw} bytes, ${gzip} gzipped`);
  const browser = await launchBrowser();
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await context.setOffline(true);
    context.setDefaultTimeout(15_000);
    const inside = (u) => /^(file|blob|data):/.test(u) || u === 'about:blank';
    context.on('request', (r) => { if (!inside(r.url())) problems.push(`request: ${r.method()} ${r.url()}`); });
    context.on('requestfailed', (r) => { if (inside(r.url())) problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`); });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

    await page.goto(pathToFileURL(FILE).href);
    // The one-file page does not offer itself for download.
    assert.equal(await page.locator('[data-offline-download]').count(), 0);
    await page.locator(sel('open-example')).click();
    await page.locator(sel('rank-row')).first().waitFor();
    assert.equal((await rankIds(page))[0], 'FS-103');

    // The planner: its worker is a blob: made from the file's own code.
    await page.locator('#tab-plan').click();
    await page.locator(`${sel('plan-row')}[data-in-plan="true"]`).first().waitFor();

    // A CSV through the mapping step (the import's worker), into the example.
    await page.locator('#tab-ranking').click();
    await page.locator(sel('import-file')).setInputFiles(path.join(ROOT, 'tests/data/csv/jira-export.csv'));
    await page.locator(`${sel('import-mapping')}[data-state="ready"]`).waitFor();
    assert.match(await page.locator(sel('import-summary')).innerText(), /7 requests added/);
    await page.locator(sel('import-confirm')).click();
    await page.locator(sel('import-mapping')).waitFor({ state: 'hidden' });
    await page.locator(`${sel('rank-row')}[data-request-id="FSM-412"]`).waitFor({ state: 'attached' });

    // The report for the meeting, with its plan.
    await page.evaluate(() => window.__thresh.prepareReport());
    assert.equal(await page.locator(sel('report-title')).textContent(), 'Field-service app — Q2 2027');
    assert.ok(await page.locator(`${sel('report')} .report-plan tbody tr`).count() > 0, 'the report has the plan');

    // Saved in the file's own storage: a reload finds it.
    await page.waitForFunction(() => !/saving|unsaved/i.test(document.querySelector('#save-status')?.textContent ?? ''));
    await page.reload();
    await page.locator(`${sel('rank-row')}[data-request-id="FSM-412"]`).waitFor({ state: 'attached' });
    assert.equal((await rankIds(page)).includes('FS-103'), true);
    await context.close();
  } finally {
    await browser.close();
  }
  assert.deepEqual(problems, []);
});
