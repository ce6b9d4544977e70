#!/usr/bin/env node
// Instantiates the page's final WebAssembly (after wasm-opt) with its generated bindings
// and calls a few exports. An optimiser can exit 0 and still break wasm-bindgen's output
// (Debian's binaryen 108 does), so every build runs this before the result is used.
//
//   node scripts/check-wasm.js [PKG_DIR] [page|planner|analysis|sheets]   (default dist/pkg, page)
//
// Exits 0 when the module works, 1 when it does not.
'use strict';

const fs = require('fs');
const path = require('path');
const assert = require('assert/strict');

let dataUrl = null;

async function main() {
  const dir = process.argv[2] || 'dist/pkg';
  const js = fs.readFileSync(path.join(dir, 'thresh.js'), 'utf8');
  const wasm = fs.readFileSync(path.join(dir, 'thresh_bg.wasm'));
  // The bindings are an ES module (`--target web`); a data: URL imports them from this
  // CommonJS script without writing a .mjs file. They import nothing themselves.
  const url = 'data:text/javascript;base64,' + Buffer.from(js).toString('base64');
  dataUrl = url;
  const mod = await import(url);
  mod.initSync({ module: wasm });

  if (process.argv[3] === 'sheets') {
    checkSheets(mod);
    console.log(`check-wasm: ${path.join(dir, 'thresh_bg.wasm')} instantiates and imports a CSV (${wasm.length} bytes)`);
    return;
  }
  if (process.argv[3] === 'analysis') {
    checkAnalysis(mod);
    console.log(`check-wasm: ${path.join(dir, 'thresh_bg.wasm')} instantiates, compares and samples (${wasm.length} bytes)`);
    return;
  }
  if ((process.argv[3] || 'page') === 'planner') {
    checkPlanner(mod);
    console.log(`check-wasm: ${path.join(dir, 'thresh_bg.wasm')} instantiates and plans (${wasm.length} bytes)`);
    return;
  }
  const wb = mod.Workbench.example();
  const order = wb.order();
  assert.ok(order instanceof Uint32Array && order.length > 0, 'the example has a ranking');
  const requests = wb.requests();
  assert.equal(requests[order[0]].id, 'FS-103', 'the example ranks FS-103 first');
  assert.equal(wb.scores().length, wb.request_count());

  const text = wb.export();
  const again = mod.Workbench.open(text);
  assert.equal(again.export(), text, 'export round-trips through open');

  wb.set_weight(0, 0);
  assert.equal(wb.order().length, wb.request_count());
  assert.throws(() => mod.Workbench.open('not json'), (e) => e instanceof Error && e.message.length > 0);

  const big = mod.Workbench.synthetic(1000, 1);
  assert.equal(big.order().length, 1000);
  for (const o of [wb, again, big]) o.free();
  console.log(`check-wasm: ${path.join(dir, 'thresh_bg.wasm')} instantiates and ranks (${wasm.length} bytes)`);
}

/** The planner module: a small knapsack solves to its optimum; a malformed one is an error. */
function checkPlanner(mod) {
  const instance = {
    values: Float64Array.from([3, 2, 1]), efforts: Float64Array.from([1, 1, 1]), amounts: Float64Array.from([2]),
    bucket_of: new Uint32Array(0), bucket_bounds: new Float64Array(0), pins: new Uint8Array(0),
    capacity_names: ['effort'], bucket_names: [],
  };
  let calls = 0;
  const out = mod.solve(instance, 0, () => { calls++; return true; });
  assert.deepEqual([...out.selected], [0, 1], 'the two most valuable fit');
  assert.equal(out.value, 5);
  assert.equal(out.optimal, true);
  assert.throws(() => mod.solve({ ...instance, efforts: new Float64Array(1) }, 0, undefined),
    (e) => e instanceof Error && e.kind === 'invalid');

}

/** The analyses' module: compare and merge, and a short "How sure?" run, on the example. */
function checkAnalysis(mod) {
  // Compare and merge: the example against itself changes nothing; a file that does not
  // read is named.
  const example = fs.readFileSync(path.join(__dirname, '..', 'examples', 'field-service-q2.thresh.json'));
  const comparison = new mod.Comparison();
  comparison.set_theirs(example);
  comparison.set_base(example);
  assert.equal(JSON.parse(comparison.review(example)).count, 0, 'the example is the same as itself');
  assert.equal(JSON.parse(comparison.merge(example)).conflicts.length, 0);
  assert.throws(() => comparison.set_theirs(Buffer.from('{')), (e) => e instanceof Error && e.kind === 'file' && e.file === 'theirs');
  comparison.free();

  // How sure?: a few samples of the example rank every request that is not archived.
  const run = new mod.RobustRun(example.toString('utf8'), 20, 3, 'around', 0.25, false, 7);
  assert.equal(run.step(20), 20);
  const result = JSON.parse(run.finish());
  assert.equal(result.samples, 20);
  assert.ok(result.requests.length > 0 && result.requests.every((r) => r.p_top >= 0 && r.p_top <= 1));
  run.free();
}

/** The spreadsheet module: a small CSV becomes a scenario; a bad cell is a problem at its place. */
function checkSheets(mod) {
  const importer = mod.SheetImport.new_scenario('Check', '2027-01-04');
  const targets = importer.targets();
  assert.ok(targets.names.includes('title') && targets.names.includes('values.cost'), 'the targets include title and values.cost');
  const stages = [];
  const ok = importer.run('Key,Summary,Story Points,Customer\nA-1,Offline mode,5,Northgrid\nA-2,"Export, CSV",2,\n', {},
    (stage, done, total) => stages.push(`${stage} ${done}/${total}`));
  assert.deepEqual(stages, ['cells 0/0', 'rows 2/2', 'check 0/0'], 'the import reports its progress');
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.plan.added, ['A-1', 'A-2']);
  assert.equal(ok.requests, 2);
  assert.ok(ok.scenario.includes('"Export, CSV"'), 'the scenario holds the rows');
  const bad = importer.run('Key,Summary,Story Points\nA-1,Offline mode,five\n', {}, null);
  assert.equal(bad.scenario, null);
  assert.equal(bad.problems[0].line, 2);
  assert.equal(bad.problems[0].column, 3);
  importer.free();
}

main().catch((e) => {
  let text = String(e && e.stack ? e.stack : e);
  if (dataUrl) text = text.split(dataUrl).join('thresh.js');
  console.error(`check-wasm: the built WebAssembly does not work: ${text}`);
  process.exit(1);
});
