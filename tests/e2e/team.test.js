// The team's weights on the page (issue 13, team-v1): two people give their weights (one
// as points, one by comparing criteria two at a time), the table and the agreement show,
// "Use the team's weights" re-ranks and undo restores, "Use mine" goes back; an
// inconsistent set of comparisons is named with a value to try; a view exported alone,
// filled in by a colleague in a text editor, and imported back (and a bad file refused,
// naming the place, with nothing changed); the rank strip in the ranking. Every test also
// fails on a console error or a request leaving 127.0.0.1 (see run.js).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { withPage, openExample, rankIds, importText, download, afterPaint, assertAccessible, sel, ROOT } = require('./run.js');

const TEAM = fs.readFileSync(path.join(ROOT, 'examples/field-service-team.thresh.json'), 'utf8');
const T = { timeout: 120_000 };

/** Opens the Team view. */
async function openTeam(page) {
  await page.locator(sel('team-tab')).click();
  await page.locator(sel('team-view')).waitFor({ state: 'visible' });
}

/** Opens the example with the team's three views (pm, cs pairwise, kat) and the Team view. */
async function openTeamExample(page) {
  await importText(page, 'field-service-team.thresh.json', TEAM);
  await page.locator(sel('rank-row')).first().waitFor();
  await openTeam(page);
  await page.locator(sel('team-table')).waitFor();
}

/** The rows of the team's table: label and the shares shown, by view id. */
function tableRows(page) {
  return page.locator(sel('team-row')).evaluateAll((rows) => rows.map((r) => ({
    id: r.getAttribute('data-view-id'),
    label: r.querySelector('.who-label').textContent,
    shares: [...r.querySelectorAll('.share-num')].map((s) => s.textContent),
  })));
}

/** The model panel's weights, by criterion id. */
async function modelWeights(page, ids) {
  const out = {};
  for (const id of ids) out[id] = await page.locator(sel(`weight-${id}`)).inputValue();
  return out;
}

const IDS = ['reach', 'revenue', 'urgency', 'effort', 'fit'];

test('two people give their weights, the table and the agreement show, the team\'s weights re-rank, undo restores, "Use mine" goes back', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    const before = await rankIds(page);
    const own = await modelWeights(page, IDS);
    await openTeam(page);
    await page.locator(sel('team-empty')).waitFor();
    await assert.rejects(page.locator(sel('use-team-weights')).waitFor({ timeout: 500 }), 'nothing to use without views');

    // The PM, as points.
    await page.locator(sel('team-add')).click();
    const editor = page.locator(sel('view-editor'));
    await editor.waitFor({ state: 'visible' });
    await page.locator(sel('view-label')).fill('Product manager');
    for (const [id, x] of [['reach', '4'], ['revenue', '1'], ['urgency', '0'], ['effort', '4'], ['fit', '1']]) {
      await page.locator(sel(`points-${id}`)).fill(x);
    }
    await assert.doesNotReject(editor.getByText('40%').first().waitFor(), 'reach 4 of 10 points: 40%, from Rust');
    await page.locator(sel('view-save')).click();
    await editor.waitFor({ state: 'hidden' });
    await page.locator(sel('team-row')).first().waitFor();

    // Customer success, by comparing criteria two at a time: urgency first for them.
    await page.locator(sel('team-add')).click();
    await page.locator(sel('view-label')).fill('Head of customer success');
    await page.locator(sel('view-mode-pairwise')).click();
    const slider = page.locator(sel('pairwise-slider'));
    const progress = page.locator(sel('pairwise-progress'));
    await assert.doesNotReject(progress.getByText('Pair 1 of 10').waitFor());
    assert.equal(await page.locator(sel('view-save')).isDisabled(), true, 'not before every pair is compared');
    // Left end = the first criterion of the pair; −8 = it is 9× as important, +8 = the other is.
    // reach–revenue, reach–urgency, reach–effort, reach–fit, revenue–urgency, revenue–effort,
    // revenue–fit, urgency–effort, urgency–fit, effort–fit: a consistent set around
    // urgency 8 : reach 4 : effort 2 : revenue 1 : fit 1.
    const positions = ['-3', '1', '-1', '-3', '7', '1', '0', '-3', '-7', '-1'];
    for (const [i, pos] of positions.entries()) {
      await assert.doesNotReject(progress.getByText(`Pair ${i + 1} of 10`).waitFor());
      await slider.fill(pos);
      if (i === 1) {
        await assert.doesNotReject(page.locator(sel('pairwise-sentence')).getByText('Urgency is 2× as important as Reach (accounts asking)').waitFor());
      }
      if (i < positions.length - 1) await page.locator(sel('pairwise-next')).click();
    }
    const cr = page.locator(sel('pairwise-cr'));
    await assert.doesNotReject(cr.getByText('Consistency: CR 0').waitFor(), 'consistent answers: CR 0');
    assert.equal(await page.locator(sel('pairwise-advice')).count(), 0, 'nothing to fix');
    await assertAccessible(page, 'the pairwise step', { include: '[data-testid=view-editor]' });
    await page.locator(sel('view-save')).click();
    await editor.waitFor({ state: 'hidden' });

    // The table: two people × five criteria, the spread, the compromise.
    const rows = await tableRows(page);
    assert.deepEqual(rows.map((r) => r.label), ['Product manager', 'Head of customer success']);
    assert.deepEqual(rows[0].shares, ['40%', '10%', '0%', '40%', '10%']);
    assert.deepEqual(rows[1].shares, ['25%', '6%', '50%', '13%', '6%'], 'the eigenvector of a consistent set: 4:1:8:2:1 of 16');
    assert.match(await page.locator(sel('team-cr-head-of-customer-success')).textContent(), /CR 0\b.*✓/);
    assert.match(await page.locator(sel('team-spread')).textContent(), /0–50%/, 'urgency: 0 for the PM, 50% for customer success');
    await page.locator(sel('team-compromise')).waitFor();
    const words = await page.locator(sel('agreement-words')).textContent();
    assert.match(words, /^\d+ of the top 10 are in everyone's top 10\.$|^All of the top 10/);
    await assert.doesNotReject(page.locator(sel('agreement')).getByText('agreement').first().waitFor());
    await assertAccessible(page, 'the Team view', { include: '#view-team' });

    // The team's weights: one step, the model's weights set, the ranking re-ranked.
    assert.equal(await page.locator(sel('use-mine')).isDisabled(), true, 'nothing kept yet');
    await page.locator(sel('use-team-weights')).click();
    await assert.doesNotReject(page.locator(sel('use-team-weights')).getByText('The team\'s weights are in use').waitFor());
    const team = await modelWeights(page, IDS);
    assert.notDeepEqual(team, own);
    assert.equal(team.urgency, '3.25', 'urgency: (0 + 50%) / 2 of the total weight 13');
    await page.locator('#tab-ranking').click();
    await afterPaint(page);
    const after = await rankIds(page);
    assert.notDeepEqual(after, before, 'the team\'s weights rank differently');

    // Undo: the weights and the order as they were; redo: the team's again.
    await page.locator('#undo').click();
    await afterPaint(page);
    assert.deepEqual(await rankIds(page), before);
    assert.deepEqual(await modelWeights(page, IDS), own);
    await page.locator('#redo').click();
    await afterPaint(page);
    assert.deepEqual(await rankIds(page), after);

    // The PM's own weights are kept in the scenario (they survive an export), and "Use mine" puts them back.
    const file = await download(page, sel('export-json'));
    assert.match(file.text, /"weights_before_team": \{\n {6}"effort": 3,\n {6}"fit": 1,\n {6}"reach": 4,/);
    await openTeam(page);
    assert.equal(await page.locator(sel('use-mine')).isDisabled(), false);
    await page.locator(sel('use-mine')).click();
    await page.locator(sel('use-mine')).and(page.locator(':disabled')).waitFor();
    assert.deepEqual(await modelWeights(page, IDS), own);
    await page.locator('#tab-ranking').click();
    await afterPaint(page);
    assert.deepEqual(await rankIds(page), before);
  }));

test('an inconsistent set of comparisons is named with a value to try, and fixed in one click', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await openTeam(page);
    await page.locator(sel('team-add')).click();
    await page.locator(sel('view-label')).fill('Key-account team');
    await page.locator(sel('view-mode-pairwise')).click();
    // Three criteria: reach, revenue, urgency.
    await page.locator('.include summary').click();
    await page.locator(sel('pairwise-include-effort')).uncheck();
    await page.locator(sel('pairwise-include-fit')).uncheck();
    await assert.doesNotReject(page.locator(sel('pairwise-progress')).getByText('Pair 1 of 3').waitFor());
    const slider = page.locator(sel('pairwise-slider'));
    const cr = page.locator(sel('pairwise-cr'));
    // Reach 9× revenue; then the weights exist and nothing contradicts yet.
    await slider.fill('-8');
    await page.locator(sel('pairwise-next')).click();
    await slider.fill('0'); // reach = urgency
    await page.locator(sel('pairwise-next')).click();
    await assert.doesNotReject(cr.getByText('Consistency so far: CR 0').waitFor(), 'two pairs cannot contradict each other');
    // Revenue 9× urgency — but reach is 9× revenue and equal to urgency: a contradiction.
    await slider.fill('-8');
    await assert.doesNotReject(cr.getByText(/Consistency: CR \d+(\.\d+)? — above 0\.1/).waitFor());
    const advice = page.locator(sel('pairwise-advice'));
    await advice.waitFor();
    const first = await advice.locator(sel('advice-item')).first().textContent();
    assert.match(first, /vs/, 'a pair is named');
    assert.match(first, /said .*; the other answers imply .* — try .* \(CR would be 0(\.0\d*)?\)/, first);
    assert.ok(await advice.locator(sel('advice-item')).count() <= 2, 'one or two judgements');
    await assertAccessible(page, 'the pairwise step with advice', { include: '[data-testid=view-editor]' });

    // Saved as it is: the table marks it and names the judgements too.
    await page.locator(sel('view-save')).click();
    await page.locator(sel('view-editor')).waitFor({ state: 'hidden' });
    assert.match(await page.locator(sel('team-cr-key-account-team')).textContent(), /⚠/);
    const named = page.locator(`${sel('team-advice')}[data-view-id="key-account-team"]`);
    await assert.doesNotReject(named.getByText('Key-account team\'s comparisons contradict each other').waitFor());
    assert.equal(await named.locator(sel('advice-item')).first().textContent().then((t) => t.replace(/Review$/, '')), first.replace(/Use that$/, ''));

    // Review → the editor on that pair, with the warning; "Use that" applies the value.
    await named.locator(sel('advice-apply')).first().click();
    await page.locator(sel('pairwise-here')).waitFor();
    await page.locator(sel('pairwise-advice')).locator(sel('advice-apply')).first().click();
    await assert.doesNotReject(cr.getByText(/Consistency: CR 0(\.0\d*)? — /).waitFor());
    assert.equal(await page.locator(sel('pairwise-advice')).count(), 0);
    await page.locator(sel('view-save')).click();
    await page.locator(sel('view-editor')).waitFor({ state: 'hidden' });
    assert.match(await page.locator(sel('team-cr-key-account-team')).textContent(), /✓/);
    assert.equal(await page.locator(sel('team-advice')).count(), 0);
  }));

test('a view exported alone, filled in by a colleague, imported back; a bad file is refused with its place', T, () =>
  withPage(async ({ page }) => {
    await openTeamExample(page);
    assert.deepEqual((await tableRows(page)).map((r) => r.id), ['pm', 'cs', 'kat']);

    // Export the key-account team's view: a small file with the criteria explained.
    const out = await download(page, sel('team-export-kat'));
    assert.equal(out.name, 'key-account-team.thresh-view.json');
    const file = JSON.parse(out.text);
    assert.equal(file.format, 'thresh.view');
    assert.equal(file.version, 1);
    assert.equal(file.view.id, 'kat');
    assert.deepEqual(file.criteria.map((c) => c.id), IDS);
    assert.ok(file.instructions.length >= 3 && file.criteria.every((c) => c.meaning));

    // The colleague changes their weights in a text editor and sends it back.
    const filled = out.text
      .replace('"revenue": 5', '"revenue": 2')
      .replace('"effort": 1', '"effort": 1,\n      "fit": 5');
    const saved = await download(page, sel('export-json'));
    await page.locator(sel('team-import-file')).setInputFiles({ name: 'kat.thresh-view.json', mimeType: 'application/json', buffer: Buffer.from(filled) });
    await assert.doesNotReject(page.locator('#toast').getByText('Replaced the view of "Key-account team" from kat.thresh-view.json.').waitFor());
    const kat = (await tableRows(page)).find((r) => r.id === 'kat');
    assert.deepEqual(kat.shares, ['0%', '20%', '20%', '10%', '50%'], '2 : 2 : 1 : 5 of 10');
    assert.equal(await page.locator(sel('team-say-kat')).inputValue(), '0.5', 'the say stays the scenario\'s');
    // One undo step.
    await page.locator('#undo').click();
    await afterPaint(page);
    assert.deepEqual((await tableRows(page)).find((r) => r.id === 'kat').shares, ['0%', '63%', '25%', '13%', '0%']);
    assert.equal((await download(page, sel('export-json'))).text, saved.text, 'exactly as before');

    // A bad file: refused, each problem at its place, nothing changed.
    const bad = out.text.replace('"revenue": 5', '"speed": 5').replace('"urgency": 2', '"urgency": "two"');
    await page.locator(sel('team-import-file')).setInputFiles({ name: 'bad.thresh-view.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const banner = page.locator(sel('error')).filter({ hasText: 'bad.thresh-view.json' });
    await banner.waitFor();
    const text = await banner.textContent();
    assert.match(text, /"bad\.thresh-view\.json" was not taken in\. The scenario is unchanged\./);
    assert.match(text, /view\.weights\.speed: no criterion has the id "speed"/);
    assert.match(text, /view\.weights\.urgency: urgency must be a number ≥ 0, found "two"/);
    assert.equal((await download(page, sel('export-json'))).text, saved.text);
    // Not JSON at all: the line and column.
    await page.locator(sel('team-import-file')).setInputFiles({ name: 'cut.thresh-view.json', mimeType: 'application/json', buffer: Buffer.from(out.text.slice(0, 60)) });
    await assert.doesNotReject(page.locator(sel('error')).filter({ hasText: 'cut.thresh-view.json' }).getByText(/line \d+, column \d+/).waitFor());

    // Someone new: a file with blanks, filled in, dropped on the page's own Import.
    await page.locator(sel('team-add')).click();
    await page.locator(sel('view-label')).fill('Finance');
    const blank = await download(page, sel('view-ask'));
    assert.equal(blank.name, 'finance.thresh-view.json');
    assert.match(blank.text, /"reach": null/);
    assert.deepEqual((await tableRows(page)).map((r) => r.id), ['pm', 'cs', 'kat'], 'nothing added until it comes back');
    const answered = blank.text.replace(/null/g, '1').replace('"revenue": 1', '"revenue": 6');
    await importText(page, 'finance.thresh-view.json', answered);
    await assert.doesNotReject(page.locator('#toast').getByText('Added the view of "Finance"').waitFor());
    const rows = await tableRows(page);
    assert.deepEqual(rows.map((r) => r.id), ['pm', 'cs', 'kat', 'finance']);
    assert.deepEqual(rows[3].shares, ['10%', '60%', '10%', '10%', '10%']);
  }));

test('views are renamed, given a say and removed, each one undo step; the ranking shows each person\'s rank', T, () =>
  withPage(async ({ page }) => {
    await openTeamExample(page);
    const compromise = () => page.locator(sel('team-compromise')).textContent();
    const start = await compromise();

    // Rename through the editor (the id stays).
    await page.locator(sel('team-edit-pm')).click();
    await page.locator(sel('view-label')).fill('PM (Dana)');
    await page.locator(sel('view-save')).click();
    await page.locator(sel('view-editor')).waitFor({ state: 'hidden' });
    assert.equal((await tableRows(page))[0].label, 'PM (Dana)');
    assert.equal((await tableRows(page))[0].id, 'pm');

    // The say moves the compromise.
    await page.locator(sel('team-say-kat')).fill('3');
    await page.locator(sel('team-say-kat')).blur();
    await page.waitForFunction((s) => document.querySelector('[data-testid=team-compromise]').textContent !== s, start);

    // Removed, then back with undo.
    await page.locator(sel('team-remove-cs')).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=team-row]').length === 2);
    await page.locator('#undo').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=team-row]').length === 3);
    await page.locator('#undo').click();
    await page.waitForFunction((s) => document.querySelector('[data-testid=team-compromise]').textContent === s, start);
    await page.locator('#undo').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=team-row] .who-label').textContent === 'Product manager');

    // The rank strip: one chip per view on every row, the agreement in words above.
    await page.locator(sel('team-show-in-ranking')).click();
    await page.locator(sel('rank-strip')).first().waitFor();
    const rows = await page.locator(sel('rank-row')).count();
    assert.equal(await page.locator(sel('rank-strip')).count(), rows);
    const chips = await page.locator(sel('rank-strip')).first().locator('.chip').allTextContents();
    assert.equal(chips.length, 3);
    assert.ok(chips.every((c) => /^\d+$/.test(c)), chips.join(','));
    const line = page.locator(sel('ranking-agreement'));
    assert.match(await line.textContent(), /^Team: \d+ of the top 10 are in everyone's top 10; FS-\d+ is in /);
    assert.equal(await page.locator(sel('rank-strip-toggle')).getAttribute('aria-pressed'), 'true');
    // K changes the strip's highlight and the words.
    await openTeam(page);
    await page.locator(sel('team-top')).fill('3');
    await page.locator(sel('team-top')).dispatchEvent('change');
    await page.locator('#tab-ranking').click();
    await assert.doesNotReject(line.getByText(/of the top 3 /).waitFor());
    assert.ok(await page.locator(`${sel('rank-strip')} .chip.in-top`).count() <= 9, 'three views × top 3');
    // Off again.
    await page.locator(sel('rank-strip-toggle')).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=rank-strip]'));
    assert.equal(await line.isHidden(), true);
  }));
