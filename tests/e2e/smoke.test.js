// The page loads, opens the bundled example, ranks it, and has no serious accessibility
// problems — without a console error or a request leaving 127.0.0.1 (see run.js).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { withPage, openExample, rankIds, runAxe, formatAxe, assertAccessible, sel } = require('./run.js');

test('the welcome panel opens the example and FS-103 ranks first; axe finds nothing serious', { timeout: 60_000 }, (t) =>
  withPage(async ({ page }) => {
    // First visit: the welcome panel offers the example, an empty scenario and an import.
    await page.locator(sel('open-example')).waitFor({ state: 'visible' });
    await page.locator(sel('start-empty')).waitFor({ state: 'visible' });
    assert.equal(await page.locator(sel('import-file')).count(), 1);
    await assertAccessible(page, 'the welcome panel');

    await openExample(page);
    const first = page.locator(sel('rank-row')).first();
    assert.equal(await first.getAttribute('data-request-id'), 'FS-103');
    const ids = await rankIds(page);
    assert.ok(ids.length > 1, `rank rows: ${ids}`);
    assert.equal(new Set(ids).size, ids.length, 'each request is ranked once');

    await assertAccessible(page, 'the ranking');
    const minor = await runAxe(page, { minImpact: 'minor' });
    if (minor.length) t.diagnostic(`axe, minor and moderate:\n${formatAxe(minor)}`);
  }));
