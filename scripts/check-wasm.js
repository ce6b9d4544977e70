#!/usr/bin/env node
// Instantiates the page's final WebAssembly (after wasm-opt) with its generated bindings
// and calls a few exports. An optimiser can exit 0 and still break wasm-bindgen's output
// (Debian's binaryen 108 does), so every build runs this before the result is used.
//
//   node scripts/check-wasm.js [PKG_DIR]        (default dist/pkg)
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

  const wb = mod.Workbench.example();
  const order = wb.order();
  assert.ok(order instanceof Uint32Array && order.length > 0, 'the example has a ranking');
  const requests = JSON.parse(wb.requests_json());
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

main().catch((e) => {
  let text = String(e && e.stack ? e.stack : e);
  if (dataUrl) text = text.split(dataUrl).join('thresh.js');
  console.error(`check-wasm: the built WebAssembly does not work: ${text}`);
  process.exit(1);
});
