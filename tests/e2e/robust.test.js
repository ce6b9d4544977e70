// How sure the ranking is, on the page (issue 11, robustness-v1): each weight's tipping
// band keeps its promise (dragging past its end brings in the request it names), the
// "How sure?" view runs in a worker on the example and on 1,000 requests without blocking
// the page (long tasks under 50 ms), cancels, goes stale on a change and refreshes by
// itself, and values typed as `3-5-9` or `3..9` become ranges (marked in the ranking).
// Screenshots go to /work/shots/robust/ (or THRESH_SHOTS). Every test also fails on a
// console error or a request leaving 127.0.0.1 (see run.js).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { withPage, openExample, rankIds, afterPaint, assertAccessible, importText, watchLongTasks, longestTask, sel, ROOT } = require('./run.js');

const T = { timeout: 180_000 };
const SHOTS = process.env.THRESH_SHOTS || '/work/shots/robust';

async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** The band of a criterion: its words and its ends as the words say them. */
async function band(page, id) {
  const words = await page.locator(`${sel('tipping-band')}[data-criterion="${id}"] .tipping-words`).innerText();
  const above = /above ([\d.]+), (\S+) replaces (\S+)/.exec(words);
  return { words, high: above ? Number(above[1]) : null, enters: above?.[2], leaves: above?.[3] };
}

/**
 * The longest task (ms) while an analysis runs and its results are drawn: `start` starts
 * the first; if a task took 50 ms or more, "Run again" is measured too, up to `attempts`
 * runs in all. On this shared two-core machine another process can stretch any task past
 * 50 ms now and then; a page that blocks does so on every run. Returns every attempt's.
 */
async function longestWhileRunning(page, start, attempts = 3) {
  const seen = [];
  for (let i = 0; i < attempts && !(seen.at(-1) < 50); i++) {
    await watchLongTasks(page);
    if (i === 0) await start();
    else await page.locator(sel('robust-run')).click();
    await statusIs(page, 'done', 170_000);
    // The rows are drawn a dozen per task after the results.
    await page.waitForTimeout(300);
    seen.push(await longestTask(page));
  }
  return seen;
}

async function openRobust(page) {
  await page.locator(sel('robust-tab')).click();
  await page.locator(sel('robust-view')).waitFor({ state: 'visible' });
}

/** Waits until the view's status says `state` (done, stale, running, cancelled). */
async function statusIs(page, state, timeout = 120_000) {
  await page.locator(`${sel('robust-status')}[data-state="${state}"]`).waitFor({ timeout });
}

test('a weight\'s tipping band: dragging past its end brings in the request it names', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await page.locator(sel('tipping-band')).first().waitFor({ state: 'visible' });
    await page.locator(sel('tipping-decisive')).waitFor({ state: 'visible' });
    assert.match(await page.locator(sel('tipping-decisive')).innerText(), /^ARR behind the asks decides: moving its weight from [\d.]+ to [\d.]+ changes the top 10 \(\S+ replaces \S+\)\.$/);
    // Every weighted criterion has a band in words.
    for (const id of ['reach', 'revenue', 'urgency', 'effort', 'fit']) {
      assert.match((await band(page, id)).words, /^the top 10 holds /, id);
    }
    // A criterion whose band ends above its weight within the slider's reach (0–10).
    let chosen = null;
    for (const [id, label] of [['fit', 'Portfolio fit'], ['revenue', 'ARR behind the asks'], ['reach', 'Reach'], ['urgency', 'Urgency']]) {
      const b = await band(page, id);
      if (b.high !== null && b.high < 9.5) { chosen = { id, label, ...b }; break; }
    }
    assert.ok(chosen, 'some weight tips the top 10 below 9.5');
    const top = (await rankIds(page)).slice(0, 10);
    assert.ok(!top.includes(chosen.enters) && top.includes(chosen.leaves), `${chosen.words} / ${top}`);
    // Drag the slider, as a PM would, to the first step past the end.
    const slider = page.locator(`.criterion[data-criterion="${chosen.id}"] input[type=range]`);
    await slider.scrollIntoViewIfNeeded();
    const box = await slider.boundingBox();
    const target = Math.floor(chosen.high * 10 + 1) / 10;
    const x = (w) => box.x + 8 + (box.width - 16) * (w / 10);
    await page.mouse.move(x(Number(await slider.inputValue())), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(x(target), box.y + box.height / 2, { steps: 8 });
    // Live, during the gesture: the ranking and the band follow.
    await afterPaint(page);
    let value = Number(await slider.inputValue());
    for (let i = 0; value <= chosen.high && i < 20; i++) {
      await page.mouse.move(x(target) + i + 1, box.y + box.height / 2);
      value = Number(await slider.inputValue());
    }
    await afterPaint(page);
    const during = (await rankIds(page)).slice(0, 10);
    const bandDuring = await band(page, chosen.id);
    await page.mouse.up();
    await afterPaint(page);
    assert.ok(value > chosen.high, `the slider went past ${chosen.high} (${value})`);
    assert.ok(during.includes(chosen.enters), `${chosen.enters} entered the top 10 at ${value}: ${during}`);
    assert.ok(!during.includes(chosen.leaves), `${chosen.leaves} left the top 10 at ${value}: ${during}`);
    const after = (await rankIds(page)).slice(0, 10);
    assert.ok(after.includes(chosen.enters) && !after.includes(chosen.leaves), `${after}`);
    // The band moved with the weight: its lower end is now the old upper end.
    assert.notEqual(bandDuring.words, chosen.words);
    assert.match(bandDuring.words, new RegExp(`from ${chosen.high.toString().replace('.', '\\.')}`));
    await page.setViewportSize({ width: 1280, height: 720 });
    await afterPaint(page);
    await shot(page, 'band-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#model-toggle').click();
    await afterPaint(page);
    await page.locator(`.criterion[data-criterion="${chosen.id}"]`).scrollIntoViewIfNeeded();
    await shot(page, 'band-390');
  }));

test('"How sure?" on the example: chances, rank ranges, plan, heat map, findings; the report hook', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    // Saving the example (a moment after it opens) is not this view's work: let it finish.
    await page.locator('#save-status.ok').waitFor();
    await afterPaint(page);
    const longest = await longestWhileRunning(page, () => openRobust(page));
    assert.ok(longest.at(-1) < 50, `the page was blocked for ${longest.join(', ')} ms (one figure per run)`);
    const rows = page.locator(sel('robust-row'));
    await rows.nth(11).waitFor();
    assert.equal(await rows.count(), 12);
    // In the order of the ranking; the first has a high chance of the top 10.
    assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-request-id'))), await rankIds(page));
    assert.match(await rows.first().locator('.p-top .num').innerText(), /^(\d+%|>99%)$/);
    assert.match(await rows.first().locator('.heat').getAttribute('aria-label'), /^Places 1 to 10: #1 \d+%, #2 /);
    assert.equal(await rows.first().locator('.p-plan').count(), 1, 'the example has a capacity: the chance of the plan is shown');
    const findings = await page.locator(sel('robust-findings')).innerText();
    assert.match(findings, /decides: moving its weight/);
    assert.match(findings, /the top 10 holds/);
    assert.match(await page.locator(sel('robust-status')).innerText(), /^1,000 samples · top 10 · weights within ±25% of the model's/);
    // The report's summary (state.robust), in the shape the report prints.
    const { summary, pulls } = await page.evaluate(() => window.__thresh.robustSummary());
    assert.equal(summary.pulls, pulls, 'computed for the scenario as it is');
    assert.match(summary.settings, /^1,000 samples · top 10 · /);
    assert.equal(summary.findings[0], findings.split('\n')[0]);
    assert.match(summary.findings[0], /^ARR behind the asks decides: moving its weight from 2 to /);
    assert.equal(summary.requests[0].id, 'FS-103');
    for (const r of summary.requests) {
      for (const key of ['p_top', 'p_plan']) assert.ok(r[key] >= 0 && r[key] <= 1, `${r.id} ${key} ${r[key]}`);
      assert.ok(r.rank_p05 <= r.rank_p95 && typeof r.title === 'string' && r.rank >= 1);
    }
    // The report for the meeting prints it (views/report.js reads state.robust).
    await page.evaluate(() => window.__thresh.prepareReport());
    const section = page.locator(sel('report-robust'));
    assert.match(await section.locator('h2').innerText(), /^How sure is the ranking\?$/);
    assert.equal(await section.locator('.report-findings li').first().textContent(), summary.findings[0]);
    assert.equal(await section.locator('tbody tr').first().locator('.rid').textContent(), 'FS-103');
    assert.equal(await section.locator('.report-note').count(), 0, 'not stale: worked out for the scenario as it is');
    await assertAccessible(page, 'the How sure? view', { include: '#view-robust' });
    // A row opens its request's drawer, from the keyboard too.
    await rows.nth(1).focus();
    await page.keyboard.press('Enter');
    await page.locator('#drawer h2', { hasText: 'FS-111' }).waitFor();
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 720 });
    await afterPaint(page);
    await shot(page, 'view-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await afterPaint(page);
    await shot(page, 'view-390');
    await page.evaluate(() => document.querySelector('.robust-head').scrollIntoView({ block: 'start' }));
    await afterPaint(page);
    await shot(page, 'view-390-rows');
  }));

test('"How sure?" on 1,000 requests: progress, no long task, cancel', T, () =>
  withPage(async ({ page }) => {
    await page.locator(sel('open-example')).waitFor();
    await page.evaluate(() => window.__thresh.loadSynthetic(1000));
    await page.locator(sel('rank-row')).first().waitFor();
    await afterPaint(page);
    const longest = await longestWhileRunning(page, async () => {
      await openRobust(page);
      // 10,000 samples by default (no capacity here): long enough to see progress.
      await page.locator(sel('robust-progress')).waitFor();
    });
    assert.ok(longest.at(-1) < 50, `the page was blocked for ${longest.join(', ')} ms (one figure per run) while 1,000 requests were analysed`);
    await page.locator(sel('robust-row')).nth(49).waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.locator(sel('robust-row')).count(), 50, 'the first 50 rows, then "Show more"');
    assert.match(await page.locator(sel('robust-status')).innerText(), /^10,000 samples · top 10/);
    // Cancel a run: the progress stops and the last results stay.
    await page.locator(sel('robust-samples')).selectOption('50000');
    await page.locator(sel('robust-progress')).waitFor();
    await page.locator(sel('robust-cancel')).click();
    await statusIs(page, 'cancelled');
    const text = await page.locator(sel('robust-status')).innerText();
    assert.match(text, /Cancelled\. The results below are from the last run completed\./);
    await page.waitForTimeout(1500);
    assert.equal(await page.locator(sel('robust-progress')).count(), 0, 'no progress after cancel');
    assert.equal(await page.locator(`${sel('robust-status')}[data-state="cancelled"]`).count(), 1);
    await page.locator(sel('robust-row')).nth(49).waitFor();
    await page.locator(sel('robust-more')).click();
    await page.locator(sel('robust-row')).nth(99).waitFor();
    assert.equal(await page.locator(sel('robust-row')).count(), 100);
  }));

test('results go stale when the scenario changes and refresh by themselves', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await openRobust(page);
    await statusIs(page, 'done');
    const before = await page.locator(sel('robust-findings')).innerText();
    // Another weight (through the model panel's number): stale at once, then fresh again.
    await page.locator(sel('weight-fit')).fill('9');
    await page.locator(sel('weight-fit')).dispatchEvent('change');
    await page.locator('.robust-results.stale').waitFor();
    await statusIs(page, 'done');
    assert.equal(await page.locator('.robust-results.stale').count(), 0);
    const after = await page.locator(sel('robust-findings')).innerText();
    assert.notEqual(after, before, 'the findings are for the new weights');
    // Undo: stale, and back to the first results.
    await page.locator('#undo').click();
    await page.locator('.robust-results.stale').waitFor();
    await statusIs(page, 'done');
    assert.equal(await page.locator('.robust-results.stale').count(), 0);
    assert.equal(await page.locator(sel('robust-findings')).innerText(), before);
  }));

test('"How sure?" with the team\'s views: mode views, and the band follows K', T, () =>
  withPage(async ({ page }) => {
    await importText(page, 'field-service-team.thresh.json', fs.readFileSync(path.join(ROOT, 'examples/field-service-team.thresh.json'), 'utf8'));
    await page.locator(sel('rank-row')).first().waitFor();
    await openRobust(page);
    await statusIs(page, 'done');
    await page.locator(sel('robust-mode')).selectOption('views');
    await page.locator(`${sel('robust-status')}[data-state="done"]`, { hasText: 'random compromise of the team' }).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator(sel('robust-spread')).isDisabled(), true);
    // K = 3: the view and the weights' bands follow.
    await page.locator(sel('robust-top')).fill('3');
    await page.locator(sel('robust-top')).dispatchEvent('change');
    await page.locator(`${sel('robust-status')}[data-state="done"]`, { hasText: 'top 3' }).waitFor({ timeout: 60_000 });
    assert.match(await page.locator(sel('robust-row')).first().locator('.heat').getAttribute('aria-label'), /^Places 1 to 3: /);
    await page.locator('#tab-ranking').click();
    assert.match(await page.locator(sel('tipping-band')).first().locator('.tipping-words').innerText(), /^the top 3 holds /);
  }));

test('values typed as 3-5-9 or 3..9 become ranges, labelled and marked in the ranking', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await page.locator(`${sel('rank-row')}[data-request-id="FS-107"]`).click();
    const drawer = page.locator('#drawer');
    const effort = drawer.locator(sel('value-effort'));
    await effort.fill('3-5-9');
    await effort.press('Tab');
    await drawer.locator(sel('value-effort-low')).waitFor();
    assert.equal(await drawer.locator(sel('value-effort-low')).inputValue(), '3');
    assert.equal(await drawer.locator(sel('value-effort-likely')).inputValue(), '5');
    assert.equal(await drawer.locator(sel('value-effort-high')).inputValue(), '9');
    // Labelled low / likely / high.
    assert.deepEqual((await drawer.locator('.range-caption').allInnerTexts()).slice(0, 3), ['low', 'likely', 'high']);
    await afterPaint(page);
    const cell = page.locator(`${sel('rank-row')}[data-request-id="FS-107"] .val[data-range="yes"]`);
    await cell.waitFor();
    assert.match(await cell.getAttribute('title'), /likely 5, from 3 to 9/);
    // 3..9: likely halfway.
    const fitHere = drawer.locator(sel('value-fit'));
    await fitHere.fill('3..9');
    await fitHere.press('Tab');
    await drawer.locator(sel('value-fit-likely')).waitFor();
    assert.equal(await drawer.locator(sel('value-fit-likely')).inputValue(), '6');
    await afterPaint(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await drawer.locator(sel('value-effort-low')).scrollIntoViewIfNeeded();
    await afterPaint(page);
    await shot(page, 'drawer-range-1280');
    // Not a value: Rust's reason beside the field, and nothing applied.
    await drawer.getByRole('button', { name: 'Done' }).click();
    await page.locator(`${sel('rank-row')}[data-request-id="FS-101"]`).click();
    const fit = drawer.locator(sel('value-fit'));
    const before = await fit.inputValue();
    await fit.fill('9-5-3');
    await fit.press('Tab');
    await page.locator('#req-values-fit-error', { hasText: 'not in order' }).waitFor();
    assert.equal(await page.locator(`${sel('rank-row')}[data-request-id="FS-101"] .val[data-range="yes"]`).count(), 0);
    await fit.fill(before);
    await fit.press('Tab');
    assert.equal(await page.locator('#req-values-fit-error').innerText(), '');
  }));
