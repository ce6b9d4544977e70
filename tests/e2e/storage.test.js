// Nothing lost: the page's saving in IndexedDB, tested the way work gets lost — two tabs
// (an idle one reloaded, closed or switched; alternating edits; edits at the same time), a
// browser killed right after "Saved" and relaunched on the same profile, a full disk that
// frees up, a deleted scenario, the earlier version's localStorage data, and a scenario of
// 100,000 requests. Every test also fails on a console error or a request that leaves
// 127.0.0.1 (see run.js).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { withPage, withProfile, quotaOverride, openExample, importText, download, assertAccessible, setWeight, weight, sel, ROOT } = require('./run.js');

const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/field-service-q2.thresh.json'), 'utf8');
const EXAMPLE_NAME = JSON.parse(EXAMPLE).name;
const T = { timeout: 120_000 };

// ----- helpers -----

const status = (page) => page.locator(sel('save-status'));

/** Waits until everything shown is on disk (the last write's transaction committed). */
async function saved(page, timeout) {
  await page.locator(`${sel('save-status')}[data-state="saved"]`).waitFor({ state: 'attached', timeout });
}

/** Waits for the ranking of a page just (re)loaded. */
async function ranked(page, timeout) {
  await page.locator(sel('rank-row')).first().waitFor({ timeout });
}

/** Waits until `page` shows weight `id` at `value` (another tab's save, read here). */
async function weightShown(page, id, value, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while ((await weight(page, id)) !== value) {
    if (Date.now() > deadline) assert.fail(`weight-${id} shows ${await weight(page, id)}, not ${value}, ${timeout} ms on`);
    await page.waitForTimeout(50);
  }
}

/** Renames the open scenario in the model panel. */
async function rename(page, name) {
  await page.locator('#scenario-name').fill(name);
  await page.locator('#scenario-name').dispatchEvent('change');
}

/** Waits until the open scenario is the one named `name`. */
async function showing(page, name, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while ((await page.locator('#scenario-name').inputValue()) !== name) {
    if (Date.now() > deadline) assert.fail(`"${name}" is not open (${await page.locator('#scenario-name').inputValue()} is)`);
    await page.waitForTimeout(50);
  }
}

/** Picks a saved scenario by name in the top bar's list, and waits for it. */
async function switchTo(page, name) {
  const value = await page.locator('#scenario-select option').filter({ hasText: name }).first().getAttribute('value');
  await page.locator(sel('scenario-select')).selectOption(value);
  await showing(page, name);
}

/** Imports a scenario file and waits until it is open and saved. */
async function importScenario(page, name) {
  await importText(page, `${name}.json`, otherScenario(name));
  await showing(page, name);
  await saved(page);
}

/** Waits until the top bar lists `n` saved scenarios. */
async function listed(page, n) {
  const deadline = Date.now() + 10_000;
  while ((await page.locator('#scenario-select option').count()) !== n) {
    if (Date.now() > deadline) assert.fail(`${await page.locator('#scenario-select option').count()} scenarios listed, not ${n}`);
    await page.waitForTimeout(50);
  }
}

/** Clicks an item of the scenario menu. */
async function menu(page, action) {
  await page.locator('#scenario-menu-button').click();
  await page.locator(`[data-action="${action}"]`).click();
}

/**
 * What is stored, as a PM finds it: a new tab of the same browser opens scenario `name`
 * and reads the given weights (the tab is closed without its beforeunload).
 */
async function stored(context, url, name, ids) {
  const page = await context.newPage();
  try {
    await page.goto(url('/'));
    await ranked(page);
    if ((await page.locator('#scenario-name').inputValue()) !== name) await switchTo(page, name);
    const out = {};
    for (const id of ids) out[id] = await weight(page, id);
    return out;
  } finally {
    await page.close();
  }
}

/**
 * A stored record (`store`, `key`; key null: all of them), read in the page from the
 * IndexedDB database "thresh". Rejects when there is no such database or store.
 */
function record(page, store, key) {
  return page.evaluate(([store, key]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('thresh');
    open.onerror = () => reject(open.error);
    open.onupgradeneeded = () => { open.transaction.abort(); reject(new Error('there is no IndexedDB database "thresh"')); };
    open.onsuccess = () => {
      const db = open.result;
      try {
        const objects = db.transaction(store).objectStore(store);
        const req = key === null ? objects.getAll() : objects.get(key);
        req.onsuccess = () => { db.close(); resolve(req.result ?? null); };
        req.onerror = () => reject(req.error);
      } catch (e) {
        db.close();
        reject(new Error(`IndexedDB "thresh" has no store "${store}": ${e.message}`));
      }
    };
  }), [store, key]);
}

/** The stored records' heads (the list record). */
async function heads(page) {
  return (await record(page, 'meta', 'list'))?.heads ?? [];
}

/** The revision stored for the scenario named `name`. */
async function rev(page, name) {
  const head = (await heads(page)).find((h) => h.name === name && h.deleted === null);
  assert.ok(head, `"${name}" is stored`);
  return head.rev;
}

/** Scenario `doc` changed to be a second, smaller scenario named `name`. */
function otherScenario(name) {
  const doc = JSON.parse(EXAMPLE);
  doc.name = name;
  doc.requests = doc.requests.slice(0, 4);
  return JSON.stringify(doc);
}

// ----- two tabs -----

/**
 * Tab A opens the example and "Other plan" (the example open again); tab B opens the page
 * (the example) and does nothing; A sets Portfolio fit to 9 and it is saved.
 */
async function idleTabSetup({ page: a, context, url }) {
  await openExample(a);
  await saved(a);
  await importScenario(a, 'Other plan');
  await switchTo(a, EXAMPLE_NAME);
  await saved(a);
  const b = await context.newPage();
  await b.goto(url('/'));
  await ranked(b);
  assert.equal(await b.locator('#scenario-name').inputValue(), EXAMPLE_NAME);
  await setWeight(a, 'fit', '9');
  await saved(a);
  return b;
}

/** After the idle tab's reload, close or switch: A's edit is what is stored, and only A wrote. */
async function onlyAWrote({ page: a, context, url }, what) {
  assert.deepEqual(await stored(context, url, EXAMPLE_NAME, ['fit']), { fit: '9' }, `${what}: A's edit is kept`);
  assert.equal(await a.locator(sel('warning')).count(), 0, 'nothing to warn about');
  // The example was written twice, both times by A: its first save and the edit.
  assert.equal(await rev(a, EXAMPLE_NAME), 2, `the idle tab wrote nothing when ${what}`);
}

test('an idle tab that is reloaded never writes: the other tab\'s saved edit is kept', T, () =>
  withPage(async (ctx) => {
    const b = await idleTabSetup(ctx);
    await b.reload();
    await ranked(b);
    assert.equal(await weight(b, 'fit'), '9', 'the reloaded tab shows the saved edit');
    await onlyAWrote(ctx, 'reloaded');
  }));

test('an idle tab that is closed never writes: the other tab\'s saved edit is kept', T, () =>
  withPage(async (ctx) => {
    const b = await idleTabSetup(ctx);
    const closed = b.waitForEvent('close');
    await b.close({ runBeforeUnload: true });
    await closed;
    await onlyAWrote(ctx, 'closed');
  }));

test('an idle tab that switches scenario never writes: the other tab\'s saved edit is kept', T, () =>
  withPage(async (ctx) => {
    const b = await idleTabSetup(ctx);
    await switchTo(b, 'Other plan');
    await saved(b);
    await onlyAWrote(ctx, 'switched');
    assert.equal(await rev(b, 'Other plan'), 1, 'nor was the scenario it switched to written');
  }));

test('two tabs editing in turn: every edit is kept, each tab shows the other\'s at once', T, () =>
  withPage(async ({ page: a, context, url }) => {
    await openExample(a);
    await saved(a);
    const b = await context.newPage();
    await b.goto(url('/'));
    await ranked(b);
    // Each tab gives the other up to 5 s to show its edit, then edits in turn.
    const late = [];
    const shown = (page, id, value) => weightShown(page, id, value, 5000).catch(() => late.push(`${id} ${value}`));
    for (let i = 1; i <= 5; i++) {
      await setWeight(a, 'fit', String(i + 1));
      await saved(a);
      await shown(b, 'fit', String(i + 1));
      await setWeight(b, 'reach', String(10 + i));
      await saved(b);
      await shown(a, 'reach', String(10 + i));
    }
    assert.deepEqual(await stored(context, url, EXAMPLE_NAME, ['fit', 'reach']), { fit: '6', reach: '15' }, 'no edit is lost');
    assert.deepEqual(late, [], 'each tab showed the other\'s edit at once');
    assert.equal(await a.locator(sel('warning')).count() + await b.locator(sel('warning')).count(), 0, 'no conflict in turns');
    assert.equal(await rev(a, EXAMPLE_NAME), 11, 'one write per edit, and one for the first save');
  }));

test('two tabs editing at the same time: the conflict is shown; "Keep mine" and "Reload theirs" lose nothing', T, () =>
  withPage(async ({ page: a, context, url }) => {
    await openExample(a);
    await saved(a);
    const b = await context.newPage();
    await b.goto(url('/'));
    await ranked(b);

    // B's edit waits 5 s before it is written; A saves meanwhile.
    await b.evaluate(() => window.__thresh.setSaveDelay?.(5000));
    await setWeight(b, 'reach', '3');
    await setWeight(a, 'fit', '2');
    await saved(a);
    const conflict = b.locator(sel('warning')).filter({ hasText: 'changed in another tab' });
    await conflict.waitFor();
    await b.locator(`${sel('save-status')}[data-state="unsaved"]`).waitFor({ state: 'attached' });
    assert.equal(await weight(b, 'reach'), '3', 'B keeps its work');
    assert.equal(await weight(a, 'fit'), '2', 'A is untouched');

    await conflict.getByRole('button', { name: 'Keep mine as a new scenario' }).click();
    await saved(b);
    const mine = `${EXAMPLE_NAME} (my version)`;
    assert.equal(await b.locator('#scenario-name').inputValue(), mine);
    assert.deepEqual(await stored(context, url, EXAMPLE_NAME, ['fit', 'reach']), { fit: '2', reach: '4' }, 'A\'s edit is stored');
    assert.deepEqual(await stored(context, url, mine, ['fit', 'reach']), { fit: '1', reach: '3' }, 'B\'s edit is stored as a new scenario');

    // Again, and this time B takes A's version.
    await switchTo(b, EXAMPLE_NAME);
    await setWeight(b, 'reach', '5');
    await setWeight(a, 'fit', '3');
    await saved(a);
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Reload theirs' }).click();
    await weightShown(b, 'fit', '3');
    assert.equal(await weight(b, 'reach'), '4');
    await saved(b);
    await b.evaluate(() => window.__thresh.setSaveDelay?.(null));
    assert.deepEqual(await stored(context, url, EXAMPLE_NAME, ['fit', 'reach']), { fit: '3', reach: '4' });
  }));

test('a tab that missed a message (no BroadcastChannel, or frozen) catches up when it is shown again', T, () =>
  withPage(async ({ page: a, context, url }) => {
    await openExample(a);
    await saved(a);
    const b = await context.newPage();
    await b.addInitScript(() => { delete window.BroadcastChannel; });
    await b.goto(url('/'));
    await ranked(b);
    await setWeight(a, 'fit', '4');
    await saved(a);
    await b.waitForTimeout(500);
    assert.equal(await weight(b, 'fit'), '1', 'B heard nothing');
    // Shown again (the event a tab gets when the PM comes back to it).
    await b.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await weightShown(b, 'fit', '4');
    // And its own edits still go through the revision check.
    await setWeight(b, 'reach', '6');
    await saved(b);
    assert.deepEqual(await stored(context, url, EXAMPLE_NAME, ['fit', 'reach']), { fit: '4', reach: '6' });
  }));

test('a tab that leaves a scenario in conflict keeps its changes, and can keep them as a new scenario', T, () =>
  withPage(async ({ page: a, context, url }) => {
    await openExample(a);
    await saved(a);
    await importScenario(a, 'Other plan');
    await switchTo(a, EXAMPLE_NAME);
    await saved(a);
    const b = await context.newPage();
    await b.goto(url('/'));
    await ranked(b);
    await b.evaluate(() => window.__thresh.setSaveDelay?.(5000));
    await setWeight(b, 'reach', '3');
    await setWeight(a, 'fit', '2');
    await saved(a);
    await b.locator(sel('warning')).filter({ hasText: 'changed in another tab' }).waitFor();
    // B goes to another scenario without choosing: its changes are not lost.
    await switchTo(b, 'Other plan');
    const left = b.locator(sel('warning')).filter({ hasText: `Your last changes to "${EXAMPLE_NAME}" are not saved` });
    await left.waitFor();
    await left.getByRole('button', { name: 'Keep it as a new scenario' }).click();
    await b.locator('#toast').getByText('Kept your version').waitFor();
    const mine = `${EXAMPLE_NAME} (my version)`;
    assert.deepEqual(await stored(context, url, mine, ['fit', 'reach']), { fit: '1', reach: '3' }, 'B\'s changes');
    assert.deepEqual(await stored(context, url, EXAMPLE_NAME, ['fit', 'reach']), { fit: '2', reach: '4' }, 'A\'s changes');
  }));

// ----- the disk -----

test('a browser killed right after "Saved" keeps every edit: relaunched on the same profile, they are there', T, () =>
  withProfile(async (ctx) => {
    await openExample(ctx.page);
    await saved(ctx.page);
    // A burst of renames; killed the moment the status says saved.
    for (let i = 1; i <= 20; i++) await rename(ctx.page, `Renamed ${i}`);
    await saved(ctx.page);
    await ctx.kill();
    let page = await ctx.relaunch();
    await ranked(page);
    assert.equal(await page.locator('#scenario-name').inputValue(), 'Renamed 20');

    // One weight.
    await setWeight(page, 'fit', '9');
    await saved(page);
    await ctx.kill();
    page = await ctx.relaunch();
    await ranked(page);
    assert.equal(await weight(page, 'fit'), '9');

    // A scenario of 10,000 requests (4.4 MB), one edit.
    await page.evaluate(() => window.__thresh.loadSynthetic(10_000));
    await ranked(page);
    const first = page.locator('#criteria input[type=number]').first();
    const id = (await first.getAttribute('data-testid')).replace(/^weight-/, '');
    await setWeight(page, id, '7.5');
    await saved(page, 60_000);
    await ctx.kill();
    page = await ctx.relaunch();
    await ranked(page, 60_000);
    assert.equal(await page.locator('#filter-count').innerText(), '10000 requests');
    assert.equal(await weight(page, id), '7.5');
  }));

// Chromium caches an origin's free space for about 30 s after a write, so a quota lowered
// after the page has written takes that long to bite: these tests lower it before the
// page writes anything.
test('storage full: the work stays open, Export now works, and saving resumes by itself when room returns', T, () =>
  withPage(async ({ page, url, origin, context }) => {
    const quota = await quotaOverride(page, origin);
    await quota.set(1); // less than any write needs
    await page.goto(url('/'));
    await openExample(page);
    const warning = page.locator(sel('warning')).filter({ hasText: 'storage is full' });
    await warning.waitFor();
    await rename(page, 'Renamed while the disk was full');
    await page.locator(`${sel('save-status')}[data-state="unsaved"]`).waitFor({ state: 'attached' });
    assert.match(await status(page).innerText(), /Not saved/);
    // Nothing said "saved" while the disk was full, and the work is still here.
    assert.equal(await page.locator('#scenario-name').inputValue(), 'Renamed while the disk was full');
    const exported = await download(page, `${sel('warning')} >> text=Export now`);
    assert.match(exported.text, /"name": "Renamed while the disk was full"/);
    // Export closed the banner; the status still says so.
    await page.waitForTimeout(2500);
    assert.equal(await status(page).getAttribute('data-state'), 'unsaved');

    // Room returns; no new edit: saving resumes by itself.
    await quota.set(null);
    await saved(page, 40_000);
    assert.equal(await warning.count(), 0, 'the warning is gone');
    await quota.detach();
    const other = await context.newPage();
    await other.goto(url('/'));
    await ranked(other);
    assert.equal(await other.locator('#scenario-name').inputValue(), 'Renamed while the disk was full');
    await other.close();
  }, { goto: false }));

// ----- the trash -----

test('a deleted scenario goes to the trash: the toast\'s Undo, Ctrl+Z and the Trash menu bring it back', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await setWeight(page, 'fit', '6');
    await saved(page);
    await importScenario(page, 'Other plan');
    await switchTo(page, EXAMPLE_NAME);

    // Delete, then the toast's Undo.
    await menu(page, 'delete-scenario');
    const toast = page.locator('#toast');
    await toast.getByRole('button', { name: 'Undo' }).waitFor();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await showing(page, EXAMPLE_NAME);
    assert.equal(await weight(page, 'fit'), '6');
    await listed(page, 2);

    // Delete; the toast goes away after 8 s; Ctrl+Z still brings it back.
    await menu(page, 'delete-scenario');
    await toast.waitFor({ state: 'visible' });
    await toast.waitFor({ state: 'hidden', timeout: 12_000 });
    await page.locator('body').focus();
    await page.keyboard.press('Control+z');
    await showing(page, EXAMPLE_NAME);
    assert.equal(await weight(page, 'fit'), '6');

    // Delete, reload (nothing left to undo): the scenario menu's Trash restores it.
    await menu(page, 'delete-scenario');
    await toast.waitFor({ state: 'visible' });
    assert.match(await toast.innerText(), /Moved ".*" to the trash/);
    await page.reload();
    await ranked(page);
    await listed(page, 1);
    await menu(page, 'trash');
    const item = page.locator(sel('trash-item')).filter({ hasText: EXAMPLE_NAME });
    await item.waitFor();
    const goes = new Date(Date.now() + 30 * 86_400_000);
    assert.match(await item.innerText(), /deleted for good on/);
    assert.ok((await item.innerText()).includes(String(goes.getFullYear())), 'the day it goes for good is shown');
    await assertAccessible(page, 'the trash');
    await item.locator(sel('trash-restore')).click();
    await showing(page, EXAMPLE_NAME);
    assert.equal(await weight(page, 'fit'), '6');
    await listed(page, 2);
    await menu(page, 'trash');
    await page.locator(sel('trash')).getByText('The trash is empty.').waitFor();
    await page.keyboard.press('Escape');

    // "Delete for good" asks a second click, then the scenario is gone.
    await switchTo(page, 'Other plan');
    await menu(page, 'delete-scenario');
    await showing(page, EXAMPLE_NAME);
    await menu(page, 'trash');
    const purge = page.locator(sel('trash-item')).filter({ hasText: 'Other plan' }).locator(sel('trash-purge'));
    await purge.click();
    await page.locator(sel('trash-item')).filter({ hasText: 'Other plan' }).waitFor();
    await purge.click();
    await page.locator(sel('trash')).getByText('The trash is empty.').waitFor();
    await page.keyboard.press('Escape');
    await listed(page, 1);
    assert.equal((await heads(page)).filter((h) => h.name === 'Other plan').length, 0, 'deleted for good');
  }));

test('the trash keeps a scenario 30 days, then it is deleted for good', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await saved(page);
    await importScenario(page, 'Other plan');
    await menu(page, 'delete-scenario');
    await page.locator('#toast').waitFor({ state: 'visible' });
    const [head] = (await heads(page)).filter((h) => h.deleted !== null);
    assert.equal(head.name, 'Other plan');
    // Deleted 29 days ago: still there after a reload. 31 days ago: gone.
    const backdate = (days) => page.evaluate(([id, days]) => new Promise((resolve, reject) => {
      const open = indexedDB.open('thresh');
      open.onsuccess = () => {
        const tx = open.result.transaction(['scenarios', 'meta'], 'readwrite');
        const when = Date.now() - days * 86_400_000;
        tx.objectStore('scenarios').get(id).onsuccess = (ev) => tx.objectStore('scenarios').put({ ...ev.target.result, deleted: when });
        tx.objectStore('meta').get('list').onsuccess = (ev) => {
          const list = ev.target.result;
          tx.objectStore('meta').put({ ...list, heads: list.heads.map((h) => (h.id === id ? { ...h, deleted: when } : h)) });
        };
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }), [head.id, days]);
    await backdate(29);
    await page.reload();
    await ranked(page);
    await menu(page, 'trash');
    await page.locator(sel('trash-item')).filter({ hasText: 'Other plan' }).waitFor();
    await page.keyboard.press('Escape');
    await backdate(31);
    await page.reload();
    await ranked(page);
    await menu(page, 'trash');
    await page.locator(sel('trash')).getByText('The trash is empty.').waitFor();
    assert.equal(await record(page, 'scenarios', head.id), null, 'deleted for good');
  }));

// ----- the earlier version's data -----

const OLD_EXAMPLE = EXAMPLE.replace('"weight": 1', '"weight": 7');
const DAMAGED = '{"format": "thresh.scenario", "version": 1, "name": "Old plan"';
const OLD_DATA = {
  'thresh.v1.index': JSON.stringify({ scenarios: [{ id: 's1', name: EXAMPLE_NAME }, { id: 's2', name: 'Old plan' }], current: 's1' }),
  'thresh.v1.scenario.s1': OLD_EXAMPLE,
  'thresh.v1.scenario.s2': DAMAGED,
  'thresh.v1.aside.1': '{"scenarios": [oops',
};

test('the earlier version\'s localStorage data is moved once: copied, verified, then deleted; damaged data kept', T, () =>
  withPage(async ({ page }) => {
    assert.notEqual(OLD_EXAMPLE, EXAMPLE);
    await ranked(page);
    assert.equal(await page.locator('#scenario-name').inputValue(), EXAMPLE_NAME, 'the scenario open last opens');
    assert.equal(await weight(page, 'fit'), '7');
    await page.locator(sel('warning')).filter({ hasText: 'saved scenario "Old plan"' }).waitFor();
    assert.match(await page.locator('#scenario-select option[value="s2"]').innerText(), /damaged/);
    // Copied byte for byte, the damaged scenario and the old aside data included.
    const s1 = await record(page, 'scenarios', 's1');
    const s2 = await record(page, 'scenarios', 's2');
    assert.equal(s1.text, OLD_EXAMPLE);
    assert.equal(s1.rev, 1);
    assert.equal(s2.text, DAMAGED);
    assert.ok(s2.damaged, 'listed as damaged');
    const aside = await record(page, 'aside', null);
    assert.deepEqual(aside.map((a) => [a.from, a.text]), [['thresh.v1.aside.1', '{"scenarios": [oops']]);
    // Then the old keys are deleted, and the move is marked.
    const keys = await page.evaluate(() => Object.keys(localStorage).sort());
    assert.deepEqual(keys, ['thresh.v1.migrated']);

    // Once: a reload copies nothing again and says nothing again.
    await page.reload();
    await ranked(page);
    assert.equal(await page.locator(sel('warning')).count(), 0);
    assert.equal(await page.locator('#scenario-select option').count(), 2);
    // The damaged one is never written; the other saves as usual.
    await setWeight(page, 'fit', '3');
    await saved(page);
    assert.equal((await record(page, 'scenarios', 's1')).rev, 2);
    assert.equal((await record(page, 'scenarios', 's2')).text, DAMAGED);
  }, { localStorage: OLD_DATA }));

test('a move that cannot be written (a full disk) deletes nothing, and is done at the next start', T, () =>
  withPage(async ({ page, url, origin }) => {
    const quota = await quotaOverride(page, origin);
    await quota.set(1);
    await page.goto(url('/'));
    await page.locator(sel('warning')).filter({ hasText: 'kept where they were, untouched' }).waitFor();
    const keys = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
    assert.deepEqual(keys, OLD_DATA, 'every old key is still there, unchanged');
    await quota.set(null);
    await page.reload();
    await ranked(page);
    assert.equal(await weight(page, 'fit'), '7');
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['thresh.v1.migrated']);
    await quota.detach();
  }, { goto: false, localStorage: OLD_DATA }));

// ----- big scenarios, drags, persistence -----

test('a scenario of 100,000 requests round-trips: import, save, reload, export, import again, plan', { timeout: 300_000 }, (t) =>
  withPage(async ({ page }) => {
    await page.locator(sel('open-example')).waitFor();
    await page.evaluate(() => window.__thresh.importSynthetic(100_000));
    await ranked(page, 60_000);
    const first = page.locator('#criteria input[type=number]').first();
    const id = (await first.getAttribute('data-testid')).replace(/^weight-/, '');
    await setWeight(page, id, '6.5');
    await saved(page, 120_000);
    const [timing] = await page.evaluate(() => window.__thresh.saveTimings.slice(-1));
    t.diagnostic(`100,000 requests: ${(timing.size / 1e6).toFixed(1)} M characters; change → committed ${timing.totalMs.toFixed(0)} ms `
      + `(waited ${timing.waitMs.toFixed(0)}, export ${timing.exportMs.toFixed(0)}, transaction ${timing.writeMs.toFixed(0)})`);
    assert.ok(timing.size > 40e6, `the whole scenario is stored (${timing.size} characters)`);
    await page.reload();
    await ranked(page, 120_000);
    assert.equal(await page.locator('#filter-count').innerText(), '100000 requests');
    assert.equal(await weight(page, id), '6.5');

    // Export: the canonical form, which the page and the command line both read back
    // (the size limit counts the JSON, not its indentation; tests/cli.rs reads a file of
    // 60 MB of indentation).
    const exported = await download(page, sel('export-json'));
    const bytes = Buffer.byteLength(exported.text);
    t.diagnostic(`100,000 requests exported: ${(bytes / 1e6).toFixed(1)} MB`);
    assert.ok(bytes > 40e6, `the whole scenario is exported (${bytes} bytes)`);
    const cli = [path.join(ROOT, 'target/release/thresh'), path.join(ROOT, 'target/debug/thresh')].find((f) => fs.existsSync(f));
    if (cli) {
      const { execFileSync } = require('node:child_process');
      const out = execFileSync(cli, ['fmt', '-'], { input: exported.text, maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
      assert.ok(out === exported.text, 'thresh fmt of the export is the export, byte for byte');
    }

    // Import it again (a new scenario), and plan it.
    await importText(page, exported.name, exported.text);
    // A copy of the open scenario: compare and merge are offered beside this.
    await page.locator(sel('import-open-new')).click({ timeout: 120_000 });
    await page.getByText(`as a new scenario`).first().waitFor({ timeout: 120_000 });
    await ranked(page, 120_000);
    assert.equal(await page.locator('#filter-count').innerText(), '100000 requests');
    assert.equal(await weight(page, id), '6.5');
    const plan = await page.evaluate(async () => {
      const t0 = performance.now();
      document.getElementById('tab-plan').click();
      for (;;) {
        await new Promise((r) => setTimeout(r, 200));
        const view = document.getElementById('view-plan');
        const text = view.textContent ?? '';
        if (/total value|No plan\./.test(text) && !/Planning…|Making the plan|updating…/.test(text)) return { text: text.slice(0, 400), ms: performance.now() - t0 };
        if (performance.now() - t0 > 120_000) return { text: 'timeout', ms: 0 };
      }
    });
    t.diagnostic(`100,000 requests planned in ${plan.ms.toFixed(0)} ms`);
    assert.ok(/total value/.test(plan.text), plan.text);
  }));

test('a weight drag writes once, when it ends; the example saves in well under a second', T, (t) =>
  withPage(async ({ page }) => {
    await openExample(page);
    await saved(page);
    const before = await rev(page, EXAMPLE_NAME);
    const slider = page.locator('input[aria-label="ARR behind the asks weight slider"]');
    const box = await slider.boundingBox();
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) {
      await page.mouse.move(box.x + (box.width * i) / 31, box.y + box.height / 2);
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(600);
    assert.equal(await rev(page, EXAMPLE_NAME), before, 'nothing written during the drag');
    await page.mouse.up();
    await saved(page);
    assert.equal(await rev(page, EXAMPLE_NAME), before + 1, 'one write for the whole drag');
    // The example: a rename, until committed.
    await rename(page, 'Timed');
    await saved(page);
    const [timing] = await page.evaluate(() => window.__thresh.saveTimings.slice(-1));
    t.diagnostic(`example: change → committed ${timing.totalMs.toFixed(0)} ms (waited ${timing.waitMs.toFixed(0)}, `
      + `export ${timing.exportMs.toFixed(1)}, transaction ${timing.writeMs.toFixed(1)})`);
    assert.ok(timing.totalMs < 2000, `${timing.totalMs} ms`);
  }));

test('persistent storage is asked for once, and the answer shown once', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await saved(page);
    const note = page.locator(sel('storage-note'));
    await note.waitFor();
    assert.match(await note.innerText(), /This browser (will keep|may clear)/);
    const settings = await record(page, 'meta', 'settings');
    assert.ok(settings.persistAsked > 0);
    await page.reload();
    await ranked(page);
    await setWeight(page, 'fit', '2');
    await saved(page);
    await page.waitForTimeout(300);
    assert.equal(await note.isVisible(), false, 'not shown again');
  }));
