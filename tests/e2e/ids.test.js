// Ids that are JavaScript's own property names (`__proto__`, `constructor`, `toString`)
// are ordinary ids everywhere: nothing keyed by user text is a plain object.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { withPage, importText, download, sel } = require('./run.js');

const T = { timeout: 90_000 };

// Written as text: in a JavaScript object literal, `__proto__: 7` would set the prototype,
// not a key.
const SCENARIO = `{
  "format": "thresh.scenario", "version": 1, "name": "Prototype ids",
  "model": {"criteria": [
    {"id": "__proto__", "label": "Proto", "direction": "benefit", "scale": "fixed", "min": 0, "max": 10},
    {"id": "constructor", "label": "Constructor", "direction": "cost", "scale": "fixed", "min": 0, "max": 10}]},
  "accounts": [{"id": "toString", "name": "To string"}],
  "buckets": [{"id": "hasOwnProperty", "label": "Own"}],
  "requests": [
    {"id": "__proto__", "title": "First", "bucket": "hasOwnProperty", "values": {"__proto__": 7, "constructor": 2},
     "asks": [{"account": "toString"}]},
    {"id": "valueOf", "title": "Second", "values": {"__proto__": 3, "constructor": 1}}]
}`;

test('__proto__, constructor and friends are ordinary ids: edits in the drawer keep every value', T, () =>
  withPage(async ({ page }) => {
    await page.locator(sel('open-example')).waitFor();
    await importText(page, 'proto.thresh.json', SCENARIO);
    await page.locator(`${sel('rank-row')}[data-request-id="__proto__"]`).click();
    const title = page.locator('#drawer input').first();
    await title.fill('First, renamed');
    await title.press('Tab');
    await page.locator(`${sel('rank-row')}[data-request-id="__proto__"]`).filter({ hasText: 'First, renamed' }).waitFor();
    const { text } = await download(page, sel('export-json'));
    const doc = JSON.parse(text);
    const first = doc.requests.find((r) => r.title === 'First, renamed');
    assert.ok(first, text);
    // JSON.parse makes "__proto__" an own key, so it can be read back.
    assert.equal(Object.getOwnPropertyDescriptor(first.values, '__proto__')?.value, 7, text);
    assert.equal(first.values.constructor, 2, text);
    assert.equal(first.bucket, 'hasOwnProperty');
    assert.equal(first.asks[0].account, 'toString');
  }));
