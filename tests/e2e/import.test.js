// Spreadsheets in and out on the page (sharing-v1 §4, §5): each realistic export in
// tests/data/csv through the mapping step (guessed columns, the encoding, a column mapped
// by hand, remembered for the next file), ranked; a pasted TSV range (Ctrl+V and the paste
// box); a bad CSV's problems by line and column with nothing changed; the import as one
// undoable step; 10,000 rows read without freezing the page; "Export as CSV" of the
// ranking, the plan and the accounts, parsed back and compared with the command line.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { withPage, openExample, rankIds, download, sel, ROOT } = require('./run.js');

const T = { timeout: 120_000 };
const DATA = path.join(ROOT, 'tests/data/csv');
const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/field-service-q2.thresh.json'), 'utf8');

// ----- helpers -----

/** The native command line, when it is built (make test builds it before the e2e tests). */
const BIN = [path.join(ROOT, 'target/debug/thresh'), path.join(ROOT, 'target/release/thresh')].find((f) => fs.existsSync(f)) ?? null;

/**
 * Runs `thresh ARGS` on the day `asOf` (YYYY-MM-DD: SOURCE_DATE_EPOCH, so a new scenario
 * is dated as the page dated it), with `input` on standard input.
 */
function thresh(args, { asOf = null, input } = {}) {
  const env = { ...process.env };
  if (asOf) env.SOURCE_DATE_EPOCH = String(Date.UTC(...asOf.split('-').map((x, i) => Number(x) - (i === 1 ? 1 : 0))) / 1000);
  return execFileSync(BIN, args, { env, input, maxBuffer: 64 << 20 }).toString('utf8');
}

const dialog = sel('import-mapping');

/** Chooses a file with the top bar's Import (a CSV goes to the mapping step). */
async function chooseFile(page, file, name = path.basename(file)) {
  // Not before the page has started: the input's handler is attached then.
  await page.waitForFunction(() => /** @type {any} */ (window).__thresh !== undefined);
  await page.locator(sel('import-file')).setInputFiles({ name, mimeType: 'text/csv', buffer: fs.readFileSync(file) });
  await ready(page);
}

/** Waits until the mapping step shows the answer to the latest choices. */
async function ready(page) {
  await page.locator(`${dialog}[data-state="ready"]`).waitFor({ timeout: 30_000 });
}

/** Each column's header and target as the step shows them. */
function mapping(page) {
  return page.locator(sel('mapping-target')).evaluateAll((els) => els.map((s) => [s.dataset.header, s.value]));
}

/** Sets the target of the (first) column headed `header`, as the PM would, and waits for the new plan. */
async function setTarget(page, header, target) {
  await page.locator(`${sel('mapping-target')}[data-header="${header}"]`).first().selectOption(target);
  await ready(page);
}

/** Chooses "as a new scenario" and waits for the new plan. */
async function asNewScenario(page) {
  await page.locator(sel('import-into-new')).check();
  await ready(page);
}

/** Clicks Import and waits for the dialog to close. */
async function confirm(page) {
  const button = page.locator(sel('import-confirm'));
  assert.equal(await button.isDisabled(), false, `Import is disabled: ${await page.locator(dialog).innerText()}`);
  await button.click();
  await page.locator(dialog).waitFor({ state: 'hidden' });
}

/** The problems the step lists, as the PM reads them. */
function problems(page) {
  return page.locator(sel('import-problem')).allInnerTexts();
}

/** The open scenario as the page exports it. */
async function exported(page) {
  return (await download(page, sel('export-json'))).text;
}

/** The scenario's `as_of` (the day the page gave a new scenario). */
const asOfOf = (text) => JSON.parse(text).as_of;

/**
 * The number of requests in the scenario as the ranking counts them: the active ones
 * ("144 requests") and the archived (done, declined) behind "+ 18 archived".
 */
async function requestCount(page) {
  const active = Number((await page.locator('#filter-count').innerText()).match(/(\d[\d,]*) requests/)[1].replace(/,/g, ''));
  const archived = page.locator(sel('show-archived'));
  const more = (await archived.isVisible()) ? Number((await archived.innerText()).match(/(\d[\d,]*) archived/)[1].replace(/,/g, '')) : 0;
  return active + more;
}

/**
 * RFC 4180 CSV → rows of cells (a BOM skipped, CRLF or LF, quoted cells with delimiters,
 * doubled quotes and line breaks).
 */
function parseCsv(text, delimiter) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { row.push(cell); cell = ''; } else if (c === '\r' && s[i + 1] === '\n') { /* CRLF */ } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// ----- the realistic exports -----

test('a Jira export: columns guessed, imported as a new scenario, byte for byte what thresh import-csv makes, and ranked', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await chooseFile(page, path.join(DATA, 'jira-export.csv'));
    const map = new Map();
    for (const [header, target] of await mapping(page)) if (!map.has(header)) map.set(header, target);
    assert.equal(map.get('Summary'), 'title');
    assert.equal(map.get('Issue key'), 'id');
    assert.equal(map.get('Status'), 'status');
    assert.equal(map.get('Due date'), 'deadline');
    assert.equal(map.get('Labels'), 'tags');
    // Into the open example, whose first cost criterion is `effort`.
    assert.equal(map.get('Custom field (Story Points)'), 'values.effort');
    assert.equal(map.get('Custom field (Epic Link)'), 'bucket');
    assert.equal(map.get('Description'), 'description');
    assert.equal(map.get('Issue id'), '', 'an unknown header maps to nothing');
    const facts = await page.locator(sel('import-facts')).innerText();
    assert.match(facts, /7 rows · 14 columns · UTF-8 · comma-separated · decimal point/);
    const summary = await page.locator(sel('import-summary')).innerText();
    assert.match(summary, /7 requests added/);
    assert.match(summary, /Buckets created: FSM-300/);
    assert.match(summary, /Columns ignored: “Issue id”, “Issue Type”, “Priority”, “Created”/);
    assert.match(await page.locator(sel('import-warnings')).innerText(), /Line 8, column 5 \(Status\): "In Review" is not a status Thresh knows/);
    // Nothing has changed yet (the page behind the step is inert; its ranking is the example's).
    assert.equal(await requestCount(page), 12);
    assert.equal((await rankIds(page))[0], 'FS-103');

    await asNewScenario(page);
    // A new scenario has the default model: its first cost criterion is `cost`.
    assert.equal(new Map(await mapping(page)).get('Custom field (Story Points)'), 'values.cost');
    assert.match(await page.locator(sel('import-confirm')).innerText(), /Create the scenario with 7 requests/);
    await confirm(page);
    await page.locator('#scenario-select').getByText('jira-export').first().waitFor({ state: 'attached' });
    // Done and declined requests are archived: not ranked.
    assert.deepEqual(new Set(await rankIds(page)), new Set(['FSM-412', 'FSM-415', 'FSM-418', 'FSM-430', 'FSM-433']));
    const text = await exported(page);
    if (BIN) {
      assert.equal(text, thresh(['import-csv', path.join(DATA, 'jira-export.csv')], { asOf: asOfOf(text) }));
      const cli = thresh(['rank', '-', '--json'], { input: text });
      assert.deepEqual(await rankIds(page), JSON.parse(cli).ranking.map((r) => r.id));
    }
    // The example is still there, unchanged.
    assert.equal(await page.locator('#scenario-select option').count(), 2);
  }));

test('150 Jira issues into the open scenario are one step: undo takes them all back, redo brings them again', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await chooseFile(page, path.join(DATA, 'jira-backlog.csv'));
    const summary = await page.locator(sel('import-summary')).innerText();
    assert.match(summary, /150 rows → 150 requests added/);
    assert.match(summary, /Accounts created:/);
    await confirm(page);
    await page.locator(sel('rank-row')).first().waitFor();
    assert.equal(await requestCount(page), 162);
    const toast = await page.locator('#toast').innerText();
    assert.match(toast, /Imported 150 rows from jira-backlog\.csv: 150 requests added/);
    const text = await exported(page);
    if (BIN) {
      const into = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'thresh-into-')), 'example.thresh.json');
      fs.writeFileSync(into, EXAMPLE);
      assert.equal(text, thresh(['import-csv', path.join(DATA, 'jira-backlog.csv'), '--into', into]));
    }
    await page.locator('#undo').click();
    await page.waitForFunction(() => /\b12 requests$/.test(document.querySelector('#filter-count').textContent));
    assert.equal(await exported(page), EXAMPLE);
    await page.locator('#redo').click();
    // 162 in all: 144 ranked, 18 done or declined (archived).
    await page.waitForFunction(() => /\b144 requests$/.test(document.querySelector('#filter-count').textContent));
    assert.equal(await requestCount(page), 162);
    assert.equal(await exported(page), text);
  }));

test('a feedback export: ARR on a row naming two accounts is a problem; into a scenario that knows the account, the asks add up; the mapping is remembered', T, () =>
  withPage(async ({ page }) => {
    await page.locator(sel('start-empty')).click();
    await page.locator('#workspace').waitFor();
    await chooseFile(page, path.join(DATA, 'feedback-export.csv'));
    // "Feature ID" and "Insight source" are not in §4's table: mapped by hand.
    await setTarget(page, 'Feature ID', 'id');
    await setTarget(page, 'Insight source', 'source');
    assert.deepEqual(await problems(page), [2, 6].map((line) => `Line ${line}, column 4 (ARR): an ARR belongs to one account, and this row names 2: "Northgrid Utilities", "Inc." (a name holding a comma or a semicolon is split there)`));
    assert.equal(await page.locator(sel('import-confirm')).isDisabled(), true);
    assert.equal(await page.locator('[data-testid="mapping-target"][data-header="ARR"]').getAttribute('data-how'), 'guessed');
    assert.match(await page.locator('tr.has-problem').first().innerText(), /ARR/);
    await page.locator(sel('import-cancel')).click();
    await page.locator(dialog).waitFor({ state: 'hidden' });

    // A scenario that has the account under its full name (a comma in it).
    const doc = JSON.parse(EXAMPLE);
    doc.name = 'Feedback';
    doc.accounts.push({ id: 'northgrid-inc', name: 'Northgrid Utilities, Inc.', arr: 1000000, strategic: true });
    await page.locator(sel('import-file')).setInputFiles({ name: 'feedback.thresh.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await page.locator('#scenario-select').getByText('Feedback').first().waitFor({ state: 'attached' });
    const before = await exported(page);
    await chooseFile(page, path.join(DATA, 'feedback-export.csv'));
    // The choices made before (and cancelled) are remembered for this set of columns.
    await page.locator(sel('import-remembered')).waitFor();
    const map = new Map(await mapping(page));
    assert.equal(map.get('Feature ID'), 'id');
    assert.equal(map.get('Insight source'), 'source');
    assert.deepEqual(await problems(page), []);
    const summary = await page.locator(sel('import-summary')).innerText();
    // Seven rows (an empty line skipped), three requests: 3 + 4 + 2 accounts' and votes' asks (0 votes add none).
    assert.match(summary, /7 rows → 3 requests added, 12 asks added/);
    assert.match(summary, /ARR changed: northgrid-inc/);
    // The example's teams are matched by label; only Support is new.
    assert.match(summary, /Teams created: Support \(support\)/);
    await confirm(page);
    const text = await exported(page);
    const s = JSON.parse(text);
    const pb1001 = s.requests.find((r) => r.id === 'PB-1001');
    assert.equal(pb1001.asks.length, 5, JSON.stringify(pb1001.asks));
    assert.equal(s.accounts.find((a) => a.id === 'northgrid-inc').arr, 1250000);
    assert.ok((await rankIds(page)).includes('PB-1001'));
    if (BIN) {
      const into = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'thresh-into-')), 'feedback.thresh.json');
      fs.writeFileSync(into, before);
      assert.equal(text, thresh(['import-csv', path.join(DATA, 'feedback-export.csv'), '--into', into, '--map', 'Feature ID=id', '--map', 'Insight source=source']));
    }
  }));

const POLISH_MAPS = [
  ['Nr', 'id'], ['Tytuł', 'title'], ['Klient', 'account'], ['Roczny przychód', 'arr'], ['Koszt (osobodni)', 'values.cost'],
  ['Termin', 'deadline'], ['Pewność', 'confidence'], ['Etykiety', 'tags'],
];

test('a Polish sheet in windows-1250: the encoding is found, a bad date is a problem at its line and column and changes nothing; fixed, it imports with the mapping remembered', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    const raw = fs.readFileSync(path.join(DATA, 'polish-backlog.csv'));
    await chooseFile(page, path.join(DATA, 'polish-backlog.csv'));
    assert.match(await page.locator(sel('import-encoding-note')).innerText(), /not UTF-8: byte 0xB3 at line 1, column 8.*Central European \(windows-1250\)/s);
    // Into a new scenario with the default model (its cost criterion is `cost`).
    await asNewScenario(page);
    assert.equal(await page.locator(sel('import-encoding')).inputValue(), 'windows-1250');
    const headers = (await mapping(page)).map(([h]) => h);
    assert.ok(headers.includes('Tytuł') && headers.includes('Roczny przychód'), headers.join(', '));
    for (const [header, target] of POLISH_MAPS) await setTarget(page, header, target);
    assert.deepEqual(await problems(page), ['Line 7, column 6 (Termin): "31.02.2027" is not a day of the calendar']);
    assert.match(await page.locator(sel('import-facts')).innerText(), /windows-1250 · semicolon-separated · decimal comma/);
    assert.equal(await page.locator(sel('import-confirm')).isDisabled(), true);
    await page.locator(sel('import-cancel')).click();
    assert.equal(await exported(page), EXAMPLE, 'nothing changed');

    // The date fixed in the file (ASCII, so the same bytes otherwise): the same columns map themselves.
    const fixed = Buffer.from(raw.toString('latin1').replace('31.02.2027', '28.02.2027'), 'latin1');
    await page.locator(sel('import-file')).setInputFiles({ name: 'polish-backlog.csv', mimeType: 'text/csv', buffer: fixed });
    await ready(page);
    await page.locator(sel('import-remembered')).waitFor();
    // Into the open example, whose cost criterion is `effort`: the remembered Koszt → cost
    // names a criterion it does not have, and is dropped.
    let map = new Map(await mapping(page));
    assert.equal(map.get('Koszt (osobodni)'), '');
    assert.equal(map.get('Tytuł'), 'title');
    await asNewScenario(page);
    map = new Map(await mapping(page));
    for (const [header, target] of POLISH_MAPS.filter(([h]) => h !== 'Koszt (osobodni)')) assert.equal(map.get(header), target, header);
    await setTarget(page, 'Koszt (osobodni)', 'values.cost');
    assert.deepEqual(await problems(page), []);
    assert.match(await page.locator(sel('import-summary')).innerText(), /Accounts created: Wodociągi Łódzkie Sp\. z o\.o\./);
    await confirm(page);
    assert.deepEqual(new Set(await rankIds(page)), new Set(['PL-1', 'PL-2', 'PL-4', 'PL-5']), 'PL-3 is done: archived');
    assert.ok(await page.getByText('Harmonogram; widok tygodniowy').count());
    const text = await exported(page);
    if (BIN) {
      const file = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'thresh-pl-')), 'polish-backlog.csv');
      fs.writeFileSync(file, fixed);
      assert.equal(text, thresh(['import-csv', file, '--encoding', 'windows-1250', ...POLISH_MAPS.flatMap(([h, t]) => ['--map', `${h}=${t}`])], { asOf: asOfOf(text) }));
    }
  }));

test('a Russian sheet in windows-1251 and Excel\'s UTF-16 "Unicode text": found by their bytes, imported and ranked', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await chooseFile(page, path.join(DATA, 'russian-backlog.csv'));
    assert.equal(await page.locator(sel('import-encoding')).inputValue(), 'windows-1251');
    await asNewScenario(page);
    for (const [header, target] of [['Название', 'title'], ['Клиент', 'account'], ['Выручка', 'arr'], ['Трудоёмкость', 'values.cost'], ['Срок', 'deadline'], ['Статус', 'status']]) {
      await setTarget(page, header, target);
    }
    assert.deepEqual(await problems(page), []);
    assert.match(await page.locator(sel('import-summary')).innerText(), /АО «Тёплый дом»/);
    await confirm(page);
    assert.deepEqual(new Set(await rankIds(page)), new Set(['RU-1', 'RU-2', 'RU-4']), 'RU-3 is done: archived');
    assert.ok(await page.getByText('Массовое переназначение заявок').count());

    await chooseFile(page, path.join(DATA, 'excel-unicode.txt'));
    assert.match(await page.locator(sel('import-facts')).innerText(), /4 rows · 7 columns · utf-16le · tab-separated/);
    assert.deepEqual(await problems(page), []);
    assert.match(await page.locator(sel('import-summary')).innerText(), /Columns ignored: “Notes”/);
    await asNewScenario(page);
    await confirm(page);
    assert.deepEqual(new Set(await rankIds(page)), new Set(['EX-1', 'EX-2', 'EX-3', 'EX-4']));
    assert.ok(await page.getByText('🚀 Launch checklist').count());
    const text = await exported(page);
    if (BIN) assert.equal(text, thresh(['import-csv', path.join(DATA, 'excel-unicode.txt')], { asOf: asOfOf(text) }));
  }));

// ----- paste -----

const TSV = 'Key\tSummary\tStory Points\tCustomer\tVotes\n' +
  'P-1\tDark mode for the technician app\t3\tNorthgrid Utilities\t4\n' +
  'P-2\tCSV export of work orders\t1,5\tHarbor Elevators; Alpine HVAC Group\t\n' +
  'P-3\tOffline maps\t8\t\t12\n';

test('a range pasted from a spreadsheet: Ctrl+V on the ranking opens the mapping; the paste box too', T, () =>
  withPage(async ({ page, context, origin }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await openExample(page);
    await page.evaluate((text) => navigator.clipboard.writeText(text), TSV);
    await page.locator(sel('rank-row')).first().click();
    await page.locator('#drawer').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#ranking').focus();
    await page.keyboard.press('Control+V');
    await ready(page);
    assert.match(await page.locator('#import-title').innerText(), /the pasted table/);
    assert.match(await page.locator(sel('import-facts')).innerText(), /3 rows · 5 columns · tab-separated · decimal comma/);
    // The pasted text stays editable in the paste box.
    assert.equal(await page.locator(sel('paste-box')).inputValue(), TSV);
    const summary = await page.locator(sel('import-summary')).innerText();
    assert.match(summary, /3 rows → 3 requests added, 5 asks added/);
    await confirm(page);
    assert.equal(await requestCount(page), 15);
    const s = JSON.parse(await exported(page));
    const p2 = s.requests.find((r) => r.id === 'P-2');
    assert.equal(p2.values.effort, 1.5, 'the example\'s cost criterion is effort; 1,5 is one and a half');
    assert.deepEqual(p2.asks.map((a) => a.account), ['harbor', 'alpine']);

    // Ctrl+V in a text field is the field's.
    await page.locator('#filter-text').focus();
    await page.keyboard.press('Control+V');
    assert.equal(await page.locator(dialog).isVisible(), false);
    assert.match(await page.locator('#filter-text').inputValue(), /^Key\tSummary/);
    await page.locator('#filter-text').fill('');

    // The paste box: Import rows…, paste, map, import.
    await page.locator(sel('import-csv')).click();
    await page.locator(sel('paste-box')).fill('Title,Effort\nQuick win,1\nAnother,2\n');
    await ready(page);
    assert.match(await page.locator(sel('import-summary')).innerText(), /2 rows → 2 requests added/);
    await confirm(page);
    assert.equal(await requestCount(page), 17);
    // Without ids the rows get.
    assert.ok((await rankIds(page)).includes('R-1'));
  }));

// ----- problems -----

test('a bad CSV lists its problems by line, column and header, and changes nothing; a choice in the step fixes one', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    const csv = 'Key,Summary,Effort,Confidence,Due,Votes\n' +
      'B-1,Fine,3,80%,2027-05-01,2\n' +
      'B-2,Effort in words,three,50%,,\n' +
      'B-3,Too sure,2,150%,,\n' +
      'B-4,"Quoted, with a comma",1,,04/05/2027,1.5\n';
    await page.locator(sel('import-file')).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await ready(page);
    const listed = await problems(page);
    assert.ok(listed.includes('Line 3, column 3 (Effort): "three" is not a number'), listed.join('\n'));
    assert.ok(listed.some((p) => /^Line 4, column 4 \(Confidence\): .*150/.test(p)), listed.join('\n'));
    assert.ok(listed.some((p) => /^Line 5, column 5 \(Due\): "04\/05\/2027" could be read day first or month first: choose the order under “Dates like 03\/04\/2027” above/.test(p)), listed.join('\n'));
    assert.ok(listed.some((p) => /^Line 5, column 6 \(Votes\): /.test(p)), listed.join('\n'));
    assert.match(await page.locator(sel('import-problems')).innerText(), /nothing is imported until they are fixed/);
    assert.equal(await page.locator(sel('import-confirm')).isDisabled(), true);
    // The date order is a choice here.
    await page.locator(sel('import-date-order')).selectOption('dmy');
    await ready(page);
    assert.equal((await problems(page)).some((p) => /04\/05\/2027/.test(p)), false);
    await page.keyboard.press('Escape');
    await page.locator(dialog).waitFor({ state: 'hidden' });
    assert.equal(await exported(page), EXAMPLE);
    assert.equal(await page.locator('#undo').isDisabled(), true, 'no undo step was made');
  }));

test('a workbook is refused with what to do; a JSON scenario dropped still opens as a scenario', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    await page.locator(sel('import-file')).setInputFiles({ name: 'backlog.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004rest') });
    const warning = page.locator(sel('warning')).filter({ hasText: 'backlog.xlsx' });
    await warning.waitFor();
    assert.match(await warning.innerText(), /CSV UTF-8/);
    assert.equal(await page.locator(dialog).isVisible(), false);
  }));

// ----- many rows -----

/** A Jira-like export of `n` rows (deterministic). */
function backlog(n) {
  const lines = ['Issue key,Summary,Status,Due date,Labels,Labels,Custom field (Story Points),Custom field (Epic Link),Customer,Votes,Description'];
  const statuses = ['To Do', 'In Progress', 'Backlog', 'Selected for Development', 'Done'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  for (let i = 1; i <= n; i++) {
    const due = i % 3 ? `${String(1 + (i % 28)).padStart(2, '0')}/${months[i % 12]}/27 5:00 PM` : '';
    lines.push([`BIG-${i}`, `"Request ${i}, with a comma"`, statuses[i % 5], due, `area-${i % 7}`, i % 2 ? 'mobile' : '',
      String((i * 7) % 21 + 1), `EPIC-${i % 9}`, `Customer ${i % 250}`, String(i % 13), `"Line one of ${i}.\nLine two."`].join(','));
  }
  return `${lines.join('\n')}\n`;
}

test('10,000 rows: read in the worker while the page keeps painting, then ranked', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    const csv = backlog(10_000);
    // Frames keep coming while the worker reads: every frame's time is noted, and the
    // longest wait between two (or from the file's choosing to the first) is measured.
    await page.evaluate(() => {
      window.__frames = [];
      const tick = (t) => { window.__frames.push(t); if (window.__frames.length < 100_000) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const result = await page.evaluate(async (text) => {
      const file = new File([new TextEncoder().encode(text)], 'big.csv', { type: 'text/csv' });
      const input = document.querySelector('[data-testid="import-file"]');
      const dt = new DataTransfer();
      dt.items.add(file);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t0 = performance.now();
      input.files = dt.files;
      input.dispatchEvent(new Event('change'));
      await new Promise((resolve) => {
        const check = () => (document.querySelector('[data-testid="import-mapping"][data-state="ready"] [data-testid="import-summary"]') ? resolve() : setTimeout(check, 5));
        check();
      });
      const t1 = performance.now();
      const frames = [t0, ...window.__frames.filter((t) => t > t0 && t < t1), t1];
      const gaps = frames.slice(1).map((t, i) => t - frames[i]);
      return { ms: t1 - t0, longestGap: Math.max(...gaps), frames: frames.length - 2 };
    }, csv);
    assert.match(await page.locator(sel('import-summary')).innerText(), /10,000 rows → 10,000 requests added/);
    assert.ok(result.frames > 3, `frames were painted while reading (${JSON.stringify(result)})`);
    // The reading is the worker's: no frame waits for it (generous for a shared machine).
    assert.ok(result.longestGap < 400, `the longest frame gap while reading was ${result.longestGap.toFixed(0)} ms (${JSON.stringify(result)})`);
    await confirm(page);
    assert.equal(await requestCount(page), 10_012);
    assert.equal((await rankIds(page)).length > 10, true);
  }));

test('100,000 rows: read in the worker with progress, stopped and nothing changes, read again without long tasks, then taken in', { timeout: 240_000 }, () =>
  withPage(async ({ page }) => {
    await page.locator(sel('start-empty')).click();
    await page.locator('#workspace').waitFor();
    // Every long task (over 50 ms on the page's thread) and every word of the step's footer.
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ at: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask' });
      window.__said = [];
    });
    const csv = Buffer.from(backlog(100_000));
    await page.locator(sel('import-file')).setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: csv });
    await page.evaluate(() => {
      const status = document.querySelector('#import-dialog .import-status');
      new MutationObserver(() => window.__said.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
    });
    // Stopped while it reads: nothing is read, nothing changes.
    await page.locator(`${sel('import-progress')}:not([hidden])`).waitFor();
    await page.locator(sel('import-stop')).click();
    await page.locator(sel('import-stopped')).waitFor();
    assert.equal(await page.locator(sel('import-confirm')).isDisabled(), true);
    assert.equal(await page.locator(sel('import-summary')).count(), 0);

    // Read again, timed: the page's thread has no long task beyond drawing the answer.
    const t0 = await page.evaluate(() => performance.now());
    await page.locator(sel('import-read-again')).click();
    await ready(page);
    const t1 = await page.evaluate(() => performance.now());
    assert.match(await page.locator(sel('import-summary')).innerText(), /100,000 rows → 100,000 requests added/);
    const said = await page.evaluate(() => window.__said);
    assert.ok(said.some((w) => /^Reading row [\d,]+ of 100,000…$/.test(w)), `progress was shown: ${JSON.stringify([...new Set(said)])}`);
    const reading = (await page.evaluate(() => window.__long)).filter((l) => l.at >= t0 && l.at <= t1);
    const longest = Math.max(0, ...reading.map((l) => l.ms));
    console.log(`100,000 rows (${(csv.length / 1048576).toFixed(1)} MiB): read in ${(t1 - t0).toFixed(0)} ms; long tasks on the page meanwhile: ${reading.map((l) => l.ms.toFixed(0)).join(', ') || 'none'}`);
    // Measured 75–210 ms (receiving the answer: the scenario's text and 100,000 ids, and
    // drawing the step), generous for a shared, loaded machine.
    assert.ok(longest < 400, `the page's thread was busy ${longest.toFixed(0)} ms at once while the worker read (${JSON.stringify(reading)})`);

    // Taken in: a word is painted first, then the one step of the page's thread.
    const t2 = await page.evaluate(() => performance.now());
    await confirm(page);
    await page.waitForFunction(() => /\b80,?000 requests$/.test(document.querySelector('#filter-count').textContent));
    const t3 = await page.evaluate(() => performance.now());
    assert.ok((await page.evaluate(() => window.__said)).includes('Adding 100,000 requests to the page…'));
    const taking = (await page.evaluate(() => window.__long)).filter((l) => l.at >= t2 && l.at <= t3);
    console.log(`taken in and ranked in ${(t3 - t2).toFixed(0)} ms; long tasks: ${taking.map((l) => l.ms.toFixed(0)).join(', ')}`);
    assert.equal(await requestCount(page), 100_000);
  }));

// ----- CSV out -----

test('Export as CSV: the ranking, the plan and the accounts, in both styles, parsed back and the same as the command line writes', T, () =>
  withPage(async ({ page }) => {
    await openExample(page);
    // The menu offers the style of the browser's locale first (en-US: comma and point).
    await page.locator(sel('export-csv')).click();
    const items = await page.locator('.export-menu [role=menuitem]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.deepEqual(items, ['export-csv-point', 'export-csv-comma']);
    await page.keyboard.press('Escape');

    const get = async (testid) => {
      await page.locator(sel('export-csv')).click();
      return download(page, sel(testid));
    };
    const ranking = await get('export-csv-point');
    assert.equal(ranking.name, 'field-service-app-q2-2027-ranking.csv');
    assert.ok(ranking.text.startsWith('\uFEFFrank,id,title,bucket,status,score,value,'));
    assert.ok(ranking.text.includes('\r\n'));
    const rows = parseCsv(ranking.text, ',');
    assert.deepEqual(rows.slice(1).map((r) => r[1]), await rankIds(page));
    const semicolon = await get('export-csv-comma');
    const rows2 = parseCsv(semicolon.text, ';');
    assert.deepEqual(rows2.map((r) => r[1]), rows.map((r) => r[1]));
    // Decimal commas: the same numbers.
    assert.equal(Number(rows2[1][5].replace(',', '.')), Number(rows[1][5]));
    assert.match(rows2[1][5], /^\d+,\d+$/);
    if (BIN) {
      assert.equal(ranking.text, thresh(['rank', '-', '--csv'], { input: EXAMPLE }));
      assert.equal(semicolon.text, thresh(['rank', '-', '--csv', '--delimiter', ';', '--decimal-comma'], { input: EXAMPLE }));
    }

    await page.locator('#tab-plan').click();
    await page.locator(`${sel('plan-row')}[data-in-plan="true"]`).first().waitFor();
    const plan = await get('export-csv-point');
    assert.equal(plan.name, 'field-service-app-q2-2027-plan.csv');
    const planRows = parseCsv(plan.text, ',');
    assert.deepEqual(planRows[0].slice(0, 4), ['id', 'title', 'bucket', 'in plan']);
    const inPlan = await page.locator(`${sel('plan-row')}[data-in-plan="true"]`).evaluateAll((els) => els.map((e) => e.dataset.requestId));
    assert.deepEqual(planRows.slice(1).filter((r) => r[3] === 'yes').map((r) => r[0]).sort(), inPlan.sort());
    assert.ok(planRows.slice(1).filter((r) => r[3] === 'no').every((r) => r[r.length - 1].length > 0), 'every request left out says why');
    if (BIN) assert.equal(plan.text, thresh(['plan', '-', '--csv'], { input: EXAMPLE }));

    await page.locator('#tab-accounts').click();
    await page.locator('.card').first().waitFor();
    const accounts = await get('export-csv-comma');
    assert.equal(accounts.name, 'field-service-app-q2-2027-accounts.csv');
    const accountRows = parseCsv(accounts.text, ';');
    assert.deepEqual(accountRows[0], ['account', 'ARR', 'request', 'title', 'rank', 'score', 'in plan']);
    const names = new Set(accountRows.slice(1).map((r) => r[0]));
    const cards = await page.locator('.card h3').allInnerTexts();
    assert.deepEqual(names, new Set(cards.map((c) => c.replace(/^★ /, ''))));
    // The plan's column is filled (the example has a capacity).
    assert.ok(accountRows.slice(1).every((r) => r[2] === '' || r[6] === 'yes' || r[6] === 'no'));
    assert.ok(accountRows.slice(1).some((r) => r[6] === 'yes'));

    // Not offered where there is nothing to export.
    await page.locator('#tab-chart').click();
    assert.equal(await page.locator(sel('export-csv')).isVisible(), false);
  }));
