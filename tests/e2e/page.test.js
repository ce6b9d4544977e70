// The page as a PM uses it: weights, edits, files in and out, storage trouble, hostile
// text, two tabs, keyboard only. Every test also fails on a console error or a request
// that leaves 127.0.0.1 (see run.js).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { withPage, openExample, rankIds, importText, download, afterPaint, screenshot, assertAccessible, quotaOverride, sel, ROOT } = require('./run.js');

const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/field-service-q2.thresh.json'), 'utf8');
const T = { timeout: 90_000 };

/** `thresh fmt` of a text, from the native build when there is one. */
function thresholdFmt(text) {
  const bin = [path.join(ROOT, 'target/debug/thresh'), path.join(ROOT, 'target/release/thresh')].find((f) => fs.existsSync(f));
  if (!bin) return null;
  return execFileSync(bin, ['fmt', '-'], { input: text }).toString('utf8');
}

async function waitForSaved(page) {
  await page.locator('#save-status.ok').waitFor();
}

test('moving a weight re-ranks live, shows movement, and undo restores the order', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    const before = await rankIds(page);
    assert.equal(before[0], 'FS-103');
    // Drag the revenue slider to its end with the mouse, as a PM would.
    const slider = page.locator('input[aria-label="ARR behind the asks weight slider"]');
    const box = await slider.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    const during = await rankIds(page); // live, before the gesture ends
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await afterPaint(page);
    const after = await rankIds(page);
    assert.notDeepEqual(after, before, 'the order changed');
    assert.ok(during.length === before.length);
    assert.ok(Number(await page.locator(sel('weight-revenue')).inputValue()) > 5);
    assert.ok(await page.locator('.move.up').count() > 0, 'movement arrows are shown');
    await page.locator('#undo').click();
    await afterPaint(page);
    assert.deepEqual(await rankIds(page), before);
    assert.equal(await page.locator(sel('weight-revenue')).inputValue(), '2');
    await page.keyboard.press('Control+Shift+Z');
    await afterPaint(page);
    assert.deepEqual(await rankIds(page), after);
  }));

test('editing a request in its drawer: invalid input is explained, valid input re-ranks', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await page.locator(`${sel('rank-row')}[data-request-id="FS-107"]`).click();
    const drawer = page.locator('#drawer');
    await drawer.waitFor({ state: 'visible' });
    // The derivation is written out.
    await assert.doesNotReject(drawer.getByText('Northgrid Utilities 0.5 (Key-account managers)', { exact: false }).first().waitFor());
    // A confidence above 1 is refused next to the field, and nothing changes.
    const confidence = drawer.locator('#req-confidence');
    await confidence.fill('3');
    await confidence.dispatchEvent('change');
    await assert.doesNotReject(drawer.locator('#req-confidence-error').getByText('from 0 to 1').waitFor());
    assert.equal(await confidence.getAttribute('aria-invalid'), 'true');
    const ids = await rankIds(page);
    assert.equal(ids[ids.length - 1], 'FS-107');
    // A valid change applies: cheaper, fitter, more confident.
    await confidence.fill('1');
    await drawer.locator('#req-values-effort').fill('1');
    await drawer.locator('#req-values-effort').dispatchEvent('change');
    await drawer.locator('#req-title').fill('Parts sync with SAP (phase 1)');
    await drawer.locator('#req-title').dispatchEvent('change');
    await afterPaint(page);
    const row = page.locator(`${sel('rank-row')}[data-request-id="FS-107"]`);
    await assert.doesNotReject(row.getByText('Parts sync with SAP (phase 1)').waitFor());
    const moved = await rankIds(page);
    assert.ok(moved.indexOf('FS-107') < ids.length - 1, `FS-107 moved up: ${moved}`);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  }));

test('export is byte-identical to thresh fmt, and import → export round-trips exactly', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    const exported = await download(page, sel('export-json'));
    assert.equal(exported.name, 'field-service-app-q2-2027.thresh.json');
    assert.equal(exported.text, EXAMPLE, 'the example exports exactly as the canonical file');
    const fmt = thresholdFmt(EXAMPLE);
    if (fmt !== null) assert.equal(exported.text, fmt);

    // A file with unknown fields and a range: it opens as a new scenario and exports
    // exactly as `thresh fmt` writes it.
    const doc = JSON.parse(EXAMPLE);
    doc.x_team_notes = { owner: 'Dana', reviewed: ['2027-03-30'] };
    doc.requests[0].x_jira = 'FS-9911';
    doc.requests[1].values.effort.x_estimator = 'platform team';
    doc.name = 'Imported copy';
    const text = JSON.stringify(doc);
    await importText(page, 'copy.json', text);
    // An edited copy of the open scenario: compare and merge are offered beside this.
    await page.locator(sel('import-open-new')).click();
    await page.locator('#scenario-select').getByText('Imported copy').first().waitFor({ state: 'attached' });
    const again = await download(page, sel('export-json'));
    assert.equal(again.name, 'imported-copy.thresh.json');
    assert.ok(again.text.includes('"x_jira": "FS-9911"'));
    assert.ok(again.text.includes('"x_estimator": "platform team"'));
    if (fmt !== null) assert.equal(again.text, thresholdFmt(text));
    // Both scenarios are kept.
    assert.equal(await page.locator('#scenario-select option').count(), 2);
  }));

test('a bad file is explained with its place, and the open scenario is untouched', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    const before = await download(page, sel('export-json'));
    const doc = JSON.parse(EXAMPLE);
    doc.requests[3].values.effort = 'eight';
    await importText(page, 'broken.json', JSON.stringify(doc, null, 2));
    const error = page.locator(sel('error')).filter({ hasText: 'broken.json' });
    await error.waitFor();
    const text = await error.innerText();
    assert.match(text, /requests\[3\]\.values\.effort/);
    assert.match(text, /"eight"/);
    assert.match(text, /unchanged/);
    // Not JSON: line and column.
    await importText(page, 'cut.json', '{\n  "format": "thresh.scenario",\n  "version": 1,\n');
    await assert.doesNotReject(page.locator(sel('error')).filter({ hasText: 'line 4' }).waitFor());
    // A newer version says so.
    await importText(page, 'future.json', '{"format": "thresh.scenario", "version": 7}');
    await assert.doesNotReject(page.locator(sel('error')).filter({ hasText: 'version 7' }).waitFor());
    const after = await download(page, sel('export-json'));
    assert.equal(after.text, before.text);
    assert.equal(await page.locator('#scenario-select option').count(), 1);
  }));

test('work persists across a reload', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await page.locator(sel('weight-fit')).fill('7');
    await page.locator(sel('weight-fit')).dispatchEvent('change');
    await waitForSaved(page);
    const ranked = await rankIds(page);
    await page.reload();
    await page.locator(sel('rank-row')).first().waitFor();
    assert.equal(await page.locator(sel('weight-fit')).inputValue(), '7');
    assert.deepEqual(await rankIds(page), ranked);
  }));

test('corrupt saved data is kept aside, never overwritten, and the page starts anyway', T, () =>
  withPage(async ({ page }) => {
    // Found in the earlier version's localStorage: a damaged list and a damaged scenario.
    // Both are moved into IndexedDB byte for byte: the list kept aside, the scenario as a
    // damaged record.
    await page.locator(sel('warning')).filter({ hasText: 'kept aside' }).first().waitFor();
    const stored = (store, key) => page.evaluate(([store, key]) => new Promise((resolve, reject) => {
      const open = indexedDB.open('thresh');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = key === null ? open.result.transaction(store).objectStore(store).getAll() : open.result.transaction(store).objectStore(store).get(key);
        req.onsuccess = () => { open.result.close(); resolve(req.result ?? null); };
      };
    }), [store, key]);
    const aside = await stored('aside', null);
    assert.deepEqual(aside.map((a) => a.text), ['{"scenarios": [oops']);
    await page.locator(sel('warning')).filter({ hasText: 'saved scenario "s1"' }).first().waitFor();
    // The damaged scenario is listed but not opened, and its bytes are untouched.
    assert.equal((await stored('scenarios', 's1')).text, '{"format": "thresh.scenario", "version": 1, "name": "Old plan"');
    assert.match(await page.locator('#scenario-select option[value="s1"]').innerText(), /damaged/);
    await openExample(page);
    await waitForSaved(page);
    assert.equal((await stored('scenarios', 's1')).text, '{"format": "thresh.scenario", "version": 1, "name": "Old plan"');
  }, {
    localStorage: {
      'thresh.v1.index': '{"scenarios": [oops',
      'thresh.v1.scenario.s1': '{"format": "thresh.scenario", "version": 1, "name": "Old plan"',
    },
  }));

test('hostile text is shown as text and the layout holds', T, () =>
  withPage(async ({ page }) => {
    const doc = JSON.parse(EXAMPLE);
    const evil = '<img src=x onerror="window.__pwned=1">';
    doc.requests[0].title = evil;
    doc.requests[1].title = 'مرحبا بالعالم — طلب الميزة 🚀🔥 with emoji';
    doc.requests[2].title = 'W'.repeat(10_000);
    doc.accounts[0].name = '<script>window.__pwned=2</script>';
    doc.requests[3].asks = [{ account: doc.accounts[0].id, note: '"><svg onload=window.__pwned=3>' }];
    await page.locator(sel('open-example')).waitFor(); // the page is ready
    await importText(page, 'evil.json', JSON.stringify(doc));
    await page.locator(sel('rank-row')).first().waitFor();
    await page.locator(`${sel('rank-row')}[data-request-id="${doc.requests[0].id}"]`).getByText(evil).waitFor();
    const heights = await page.locator(sel('rank-row')).evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    assert.ok(heights.every((h) => h >= 30 && h <= 34), `row heights ${heights}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    assert.ok(width, 'no horizontal overflow');
    await page.locator(`${sel('rank-row')}[data-request-id="${doc.requests[3].id}"]`).click();
    await page.locator('#tab-accounts').click();
    await page.getByText('<script>window.__pwned=2</script>').first().waitFor();
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('img[src=x], svg[onload]').count(), 0);
    await screenshot(page, 'hostile-text');
  }));

test('keyboard only: filter, move, open, edit, close, add, undo', T, () =>
  withPage(async ({ page }) => {
    // The welcome panel shows once saved scenarios have been looked for (asynchronously).
    await page.locator(sel('open-example')).waitFor();
    await page.locator(sel('open-example')).focus();
    await page.keyboard.press('Enter');
    await page.locator(sel('rank-row')).first().waitFor();
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'filter-text');
    await page.keyboard.type('sync');
    await afterPaint(page);
    assert.deepEqual((await rankIds(page)).sort(), ['FS-107', 'FS-108']);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    // Tab from the filter reaches the ranking through the filter controls.
    for (let i = 0; i < 8 && !(await page.evaluate(() => document.activeElement?.closest('#ranking'))); i++) {
      await page.keyboard.press('Tab');
    }
    assert.ok(await page.evaluate(() => document.activeElement?.closest('#ranking')), 'the ranking is reachable by Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const selected = await page.evaluate(() => document.activeElement?.getAttribute('data-request-id'));
    assert.equal(selected, (await rankIds(page))[2]);
    // The focused row shows a focus ring.
    const ring = await page.evaluate(() => getComputedStyle(/** @type {Element} */ (document.activeElement)).boxShadow);
    assert.notEqual(ring, 'none');
    await page.keyboard.press('Enter');
    await page.locator('#drawer').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('#drawer').waitFor({ state: 'hidden' });
    // n adds a request and opens it; Ctrl+Z (outside a field) takes it back.
    await page.locator('#ranking').focus();
    await page.keyboard.press('n');
    await page.locator('#drawer').waitFor({ state: 'visible' });
    assert.equal(await page.locator(sel('rank-row')).count() >= 13, true);
    await page.keyboard.press('Escape');
    await page.locator('#ranking').focus();
    await page.keyboard.press('Control+z');
    await afterPaint(page);
    assert.equal(await page.locator('#filter-count').innerText(), '12 requests');
  }));

test('a full storage is reported, work stays, export works, saving resumes', T, () =>
  withPage(async ({ page, url, origin }) => {
    // The origin's quota below what it uses (set before the page writes: Chromium caches
    // the free space for about 30 s after a write).
    const quota = await quotaOverride(page, origin);
    await quota.set(1);
    await page.goto(url('/'));
    await openExample(page);
    // A change cannot be saved.
    await page.locator('#scenario-name').fill('A much longer name for this scenario, so it needs more room than there is');
    await page.locator('#scenario-name').dispatchEvent('change');
    const warning = page.locator(sel('warning')).filter({ hasText: 'storage is full' });
    await warning.waitFor();
    await page.locator('#save-status.bad').waitFor();
    const exported = await download(page, sel('export-json'));
    assert.ok(exported.text.includes('A much longer name'), 'the work is still there, and exports');
    // Room returns: saving goes through and the warning clears.
    await quota.set(null);
    await page.locator(sel('weight-fit')).fill('2');
    await page.locator(sel('weight-fit')).dispatchEvent('change');
    await waitForSaved(page);
    assert.equal(await warning.count(), 0);
    await quota.detach();
  }, { goto: false }));

test('two tabs on one scenario: the other tab follows at once, and nothing is lost silently', T, () =>
  withPage(async ({ page, context, url }) => {
    await openExample(page);
    await waitForSaved(page);
    const other = await context.newPage();
    await other.goto(url('/'));
    await other.locator(sel('rank-row')).first().waitFor();
    await other.locator(sel('weight-fit')).fill('9');
    await other.locator(sel('weight-fit')).dispatchEvent('change');
    await other.locator('#save-status.ok').waitFor();
    // This tab had nothing pending: it shows the other tab's version at once, without a
    // question (with changes of its own pending, it would ask: see storage.test.js).
    for (let i = 0; i < 100 && (await page.locator(sel('weight-fit')).inputValue()) !== '9'; i++) await page.waitForTimeout(50);
    assert.equal(await page.locator(sel('weight-fit')).inputValue(), '9');
    assert.equal(await page.locator(sel('warning')).count(), 0);
    await other.close();
  }));

test('every view renders: chart, accounts, lists; screenshots for a person to look at', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await screenshot(page, 'ranking');
    await page.locator('#tab-chart').click();
    assert.equal(await page.locator('#view-chart circle.dot').count(), 12);
    await page.locator('#view-chart circle.dot').first().click();
    await page.locator('#drawer').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await screenshot(page, 'chart');
    await assertAccessible(page, 'the chart');
    await page.locator('#tab-accounts').click();
    assert.equal(await page.locator('#view-accounts .card').count(), 7);
    await screenshot(page, 'accounts');
    await assertAccessible(page, 'the accounts');
    await page.locator('#tab-data').click();
    // Credibility edits re-rank: trust key-account managers fully.
    await page.locator('input[aria-label="Credibility 0–1 of key-account"]').fill('1');
    await page.locator('input[aria-label="Credibility 0–1 of key-account"]').dispatchEvent('change');
    await screenshot(page, 'data');
    await assertAccessible(page, 'the lists');
    await page.locator('#tab-ranking').click();
    await page.locator(sel('rank-row')).first().click();
    await screenshot(page, 'drawer');
    await assertAccessible(page, 'the drawer');
    // The model panel's settings, opened.
    await page.keyboard.press('Escape');
    await page.locator('.criterion summary').first().click();
    await assertAccessible(page, 'a criterion\'s settings');
  }));

test('plan: pinning a request shows what it displaces; an impossible pin is explained; undo restores', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await page.locator('#tab-plan').click();
    const row = (id) => page.locator(`${sel('plan-row')}[data-request-id="${id}"]`);
    await page.locator(`${sel('plan-row')}[data-request-id="FS-103"][data-in-plan="true"]`).waitFor();
    assert.equal(await row('FS-107').getAttribute('data-in-plan'), 'false');
    // FS-108 ranks above the cut line but does not fit: the plan says why.
    await assert.doesNotReject(row('FS-108').getByText('needs 5 of Effort').waitFor());
    await assertAccessible(page, 'the plan');

    await page.locator(`${sel('pin')}[data-request-id="FS-107"]`).selectOption('must');
    const changeBox = page.locator(sel('plan-change'));
    await changeBox.waitFor();
    assert.match(await changeBox.locator(sel('displaced')).innerText(), /FS-101/);
    assert.match(await changeBox.locator(sel('added')).innerText(), /FS-107/);
    await page.locator(`${sel('plan-row')}[data-request-id="FS-107"][data-in-plan="true"]`).waitFor();
    assert.equal(await row('FS-107').getAttribute('data-in-plan'), 'true');
    await screenshot(page, 'plan-pinned');

    // Two more musts overflow the growth bucket: no plan, and the page says why.
    await page.locator(`${sel('pin')}[data-request-id="FS-102"]`).selectOption('must');
    await page.locator(`${sel('pin')}[data-request-id="FS-101"]`).selectOption('must');
    const error = page.locator(sel('plan-error'));
    await error.waitFor();
    assert.match(await error.innerText(), /bucket "growth".*over by/);
    await screenshot(page, 'plan-infeasible');

    // Undo three times: the pins are gone and FS-107 is out again.
    for (let i = 0; i < 3; i++) {
      await page.locator('#undo').click();
    }
    await error.waitFor({ state: 'detached' });
    await page.locator(`${sel('plan-row')}[data-request-id="FS-103"][data-in-plan="true"]`).waitFor();
    await page.locator(`${sel('plan-row')}[data-request-id="FS-107"][data-in-plan="false"]`).waitFor();
    assert.equal(await page.locator(`${sel('pin')}[data-request-id="FS-107"]`).inputValue(), '');
  }));

test('plan: capacity is edited beside the plan and re-plans at once', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await page.locator('#tab-plan').click();
    await page.locator(`${sel('plan-row')}[data-request-id="FS-108"][data-in-plan="false"]`).waitFor();
    await page.locator(sel('capacity-0')).fill('60');
    await page.locator(sel('capacity-0')).dispatchEvent('change');
    await page.locator(`${sel('plan-row')}[data-request-id="FS-108"][data-in-plan="true"]`).waitFor();
    assert.match(await page.locator('.plan-bar').first().innerText(), /of 60/);
  }));

test('the report prints the plan view\'s plan without planning again; after a change it plans anew', T, () =>
  withPage(async ({ page, context }) => {
    // Counts the planner's workers the page starts (the plan view's and the report's).
    await context.addInitScript(() => {
      const Native = window.Worker;
      /** @type {any} */ (window).__planWorkers = 0;
      window.Worker = class extends Native {
        constructor(url, options) {
          super(url, options);
          if (String(url).includes('plan-worker')) /** @type {any} */ (window).__planWorkers++;
        }
      };
    });
    await page.reload();
    await openExample(page);
    await page.locator('#tab-plan').click();
    await page.locator(`${sel('plan-row')}[data-in-plan="true"]`).first().waitFor();
    const inPlan = await page.locator(`${sel('plan-row')}[data-in-plan="true"]`).count();
    assert.equal(await page.evaluate(() => window.__planWorkers), 1, 'the plan view started its worker');
    await page.evaluate(() => window.__thresh.prepareReport());
    assert.equal(await page.locator(`${sel('report')} .report-plan tbody tr`).count(), inPlan, 'the report lists the plan view\'s plan');
    assert.equal(await page.evaluate(() => window.__planWorkers), 1, 'the report reused the plan view\'s solution');

    // A change while the plan view is not shown: its plan is stale, so the report plans.
    await page.locator('#tab-ranking').click();
    await page.evaluate(() => window.__thresh.setWeight(0, 9));
    await page.evaluate(() => window.__thresh.prepareReport());
    assert.equal(await page.evaluate(() => window.__planWorkers), 2, 'the report planned for the changed scenario');
    assert.ok(await page.locator(`${sel('report')} .report-plan tbody tr`).count() > 0);
  }));

test('switching scenarios shows the new one in full; the drawer follows its request through undo', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    const doc = JSON.parse(EXAMPLE);
    doc.name = 'Other';
    doc.requests = doc.requests.slice(0, 3).map((r, i) => ({ ...r, id: `X-${i}`, title: `Other ${i}` }));
    await importText(page, 'other.json', JSON.stringify(doc));
    await page.locator(`${sel('rank-row')}[data-request-id="X-0"]`).waitFor();
    const titles = await page.locator(`${sel('rank-row')} .title-text`).allInnerTexts();
    assert.ok(titles.every((t) => t.startsWith('Other ')), `titles of the new scenario: ${titles}`);
    // Back to the first one through the list: its own titles again.
    const first = await page.locator('#scenario-select option').first().getAttribute('value');
    await page.locator('#scenario-select').selectOption(first);
    await page.locator(`${sel('rank-row')}[data-request-id="FS-103"]`).waitFor();
    assert.match(await page.locator(`${sel('rank-row')}[data-request-id="FS-103"] .title-text`).innerText(), /Photo annotations/);

    // Duplicate in the drawer, then undo: the copy is gone, so the drawer closes.
    await page.locator(`${sel('rank-row')}[data-request-id="FS-103"]`).click();
    await page.locator('#drawer').getByRole('button', { name: 'Duplicate' }).click();
    await page.locator('#drawer h2').getByText('FS-103-copy').waitFor();
    await page.locator('#drawer').getByRole('button', { name: 'Done' }).focus();
    await page.keyboard.press('Control+z');
    await page.locator('#drawer').waitFor({ state: 'hidden' });
    assert.equal(await page.locator(`${sel('rank-row')}[data-request-id="FS-103-copy"]`).count(), 0);
  }));

test('editing a criterion keeps its weight and unknown fields; Enter on a button presses it', T, () =>
  withPage(async ({ page }) => {
    const doc = JSON.parse(EXAMPLE);
    doc.model.criteria[0].x_note = 'kept';
    await page.locator(sel('open-example')).waitFor();
    await importText(page, 'notes.json', JSON.stringify(doc));
    await page.locator(sel('rank-row')).first().waitFor();
    await page.locator(sel('weight-reach')).fill('9');
    await page.locator(sel('weight-reach')).dispatchEvent('change');
    await page.locator('.criterion summary').first().click();
    await page.locator('#crit-0-label').fill('Reach (asks)');
    await page.locator('#crit-0-label').dispatchEvent('change');
    assert.equal(await page.locator(sel('weight-reach')).inputValue(), '9');
    const exported = await download(page, sel('export-json'));
    const out = JSON.parse(exported.text);
    assert.equal(out.model.criteria[0].weight, 9);
    assert.equal(out.model.criteria[0].label, 'Reach (asks)');
    assert.equal(out.model.criteria[0].x_note, 'kept');
    // With a row selected, Enter on "+ request" adds a request (it does not open the drawer of the row).
    await page.locator(sel('rank-row')).first().click();
    await page.keyboard.press('Escape');
    await page.locator('#add-request').focus();
    await page.keyboard.press('Enter');
    await page.locator('#drawer h2').getByText('New request').waitFor();
  }));

test('plan: a bucket target edited beside its bar re-plans', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await page.locator('#tab-plan').click();
    await page.locator(`${sel('plan-row')}[data-request-id="FS-103"][data-in-plan="true"]`).waitFor();
    // "Support cost" (bucket 2) may take at most 30%; at 0% its requests leave the plan.
    await page.locator(sel('bucket-2-max_share')).fill('0');
    await page.locator(sel('bucket-2-max_share')).dispatchEvent('change');
    await page.locator(`${sel('plan-row')}[data-request-id="FS-103"][data-in-plan="false"]`).waitFor();
    await assert.doesNotReject(page.locator(`${sel('plan-row')}[data-request-id="FS-103"]`).getByText('maximum share').waitFor());
  }));
