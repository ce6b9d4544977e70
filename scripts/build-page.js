#!/usr/bin/env node
// Assembles the page in dist/ from www/ and the generated bindings (dist/pkg, dist/pkg-plan,
// dist/pkg-analysis, dist/pkg-sheets):
//
// - dist/app.js: www/main.js and everything it imports, bundled and minified by esbuild
//   (one request instead of fourteen, no comments shipped); dist/plan-worker.js,
//   dist/analysis-worker.js and dist/sheet-worker.js likewise for the plan view's worker,
//   the analyses' (How sure?, compare and merge) and the import's; dist/app.css (www/app.css, then the styles of the
//   spreadsheet import, the CSV export and the printed report, www/sheets.css) minified;
//   dist/index.html loading them.
// - dist/thresh.html: the whole page in one file (sharing-v1 §6) — the script, the style,
//   the page's, the planner's and the spreadsheet import's WebAssembly (base64) and the
//   workers (data: URLs made from inline code) — so that it works opened from disk with
//   no network. Its
//   Content-Security-Policy allows the inline script and style by their sha256 hashes only.
//
//   node scripts/build-page.js [--dist DIR]
//
// The sources under www/ are what the type-check reads; nothing here changes what they do.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const WWW = path.join(ROOT, 'www');
const args = process.argv.slice(2);
const DIST = path.resolve(args[args.indexOf('--dist') + 1] && args.includes('--dist') ? args[args.indexOf('--dist') + 1] : path.join(ROOT, 'dist'));

/** The bindings live in dist/pkg, dist/pkg-plan, dist/pkg-analysis and dist/pkg-sheets, not beside the sources. */
const bindings = {
  name: 'thresh-bindings',
  setup(build) {
    build.onResolve({ filter: /(^|\/)pkg(-plan|-analysis|-sheets)?\/thresh\.js$/ }, (a) => ({
      path: path.join(DIST, /pkg(-plan|-analysis|-sheets)?(?=\/thresh\.js$)/.exec(a.path)[0], 'thresh.js'),
    }));
  },
};

async function bundle(entry, extra = {}) {
  const out = await esbuild.build({
    entryPoints: [path.join(WWW, entry)],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    plugins: [bindings],
    logLevel: 'warning',
    ...extra,
  });
  return out.outputFiles[0].text;
}

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Writes a file only when its bytes change (so make and the browser cache stay quiet). */
function put(file, text) {
  const target = path.join(DIST, file);
  if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}

async function main() {
  const app = await bundle('main.js');
  const worker = await bundle('plan-worker.js');
  const analysisWorker = await bundle('analysis-worker.js');
  const sheetWorker = await bundle('sheet-worker.js');
  const styles = ['app.css', 'sheets.css'].map((f) => {
    const text = fs.readFileSync(path.join(WWW, f), 'utf8');
    checkBlocks(`www/${f}`, text);
    return text;
  }).join('\n');
  const css = (await esbuild.transform(styles, { loader: 'css', minify: true })).code;
  const html = fs.readFileSync(path.join(WWW, 'index.html'), 'utf8');
  if (!html.includes('<script type="module" src="main.js"></script>') || !html.includes('<link rel="stylesheet" href="app.css">')) {
    throw new Error('www/index.html no longer loads main.js and app.css as this script expects');
  }

  // The served page.
  put('app.js', app);
  put('plan-worker.js', worker);
  put('analysis-worker.js', analysisWorker);
  put('sheet-worker.js', sheetWorker);
  put('app.css', css);
  put('index.html', html.replace('<script type="module" src="main.js"></script>', '<script type="module" src="app.js"></script>'));

  // The page in one file.
  const pageWasm = fs.readFileSync(path.join(DIST, 'pkg', 'thresh_bg.wasm')).toString('base64');
  const planWasm = fs.readFileSync(path.join(DIST, 'pkg-plan', 'thresh_bg.wasm')).toString('base64');
  const analysisWasm = fs.readFileSync(path.join(DIST, 'pkg-analysis', 'thresh_bg.wasm')).toString('base64');
  const sheetsWasm = fs.readFileSync(path.join(DIST, 'pkg-sheets', 'thresh_bg.wasm')).toString('base64');
  const bytes = (b64) => `Uint8Array.from(atob(${JSON.stringify(b64)}),c=>c.charCodeAt(0))`;
  const workerCode = `self.__THRESH_PLANNER_WASM__=${bytes(planWasm)};\n${worker}`;
  const analysisWorkerCode = `self.__THRESH_ANALYSIS_WASM__=${bytes(analysisWasm)};\n${analysisWorker}`;
  const sheetWorkerCode = `self.__THRESH_SHEETS_WASM__=${bytes(sheetsWasm)};\n${sheetWorker}`;
  // The workers are module workers given as data: URLs: Chromium refuses a module worker
  // from a blob: URL on a file:// page (an opaque origin), and accepts a data: one.
  const dataUrl = (code) => `"data:text/javascript;charset=utf-8,"+encodeURIComponent(${JSON.stringify(code)})`;
  const boot = `globalThis.__THRESH_INLINE__={pageWasm:${bytes(pageWasm)},` +
    `workerUrl:${dataUrl(workerCode)},analysisWorkerUrl:${dataUrl(analysisWorkerCode)},sheetWorkerUrl:${dataUrl(sheetWorkerCode)}};\n`;
  const script = boot + app;
  // The script's text is hashed as it stands in the file: it must not close its element.
  if (/<\/script/i.test(script)) throw new Error('the bundle holds "</script"');
  const csp = `default-src 'none'; script-src ${sha256(script)} 'wasm-unsafe-eval'; style-src ${sha256(css)}; ` +
    `img-src data:; worker-src data:; object-src 'none'; base-uri 'none'; form-action 'none'`;
  let one = html
    .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace('<link rel="stylesheet" href="app.css">', `<style>${css}</style>`)
    .replace('<script type="module" src="main.js"></script>', () => `<script type="module">${script}</script>`);
  // The one-file page does not offer itself for download (the whole hint goes).
  one = one.replace(/<p [^>]*>(?:(?!<\/p>)[\s\S])*?data-offline-download[\s\S]*?<\/p>\n?/, '');
  if (one.includes('data-offline-download')) throw new Error('the offline download hint was not removed from thresh.html');
  put('thresh.html', one);
  const kb = (t) => `${(Buffer.byteLength(t) / 1024).toFixed(1)} KiB`;
  console.log(`build-page: app.js ${kb(app)}, plan-worker.js ${kb(worker)}, analysis-worker.js ${kb(analysisWorker)}, sheet-worker.js ${kb(sheetWorker)}, app.css ${kb(css)}, thresh.html ${kb(one)}`);
}

main().catch((e) => {
  console.error(`build-page: ${e.stack || e}`);
  process.exit(1);
});

/**
 * Refuses a stylesheet whose blocks do not close where they should. A merge that keeps
 * both sides of a change near the end of a `@media` block can drop its closing brace: the
 * rest of the sheet then applies only inside that media query, and esbuild accepts it.
 * Our sheets never nest `@media`, so one opened inside another block is that mistake.
 * @param {string} name @param {string} text
 */
function checkBlocks(name, text) {
  const plain = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (s) => ' '.repeat(s.length));
  let depth = 0;
  let line = 1;
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i];
    if (c === '\n') line++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) throw new Error(`${name}:${line}: a } closes nothing`);
    else if (c === '@' && depth > 0 && plain.startsWith('@media', i)) {
      throw new Error(`${name}:${line}: @media inside another block (is a } missing above?)`);
    }
  }
  if (depth !== 0) throw new Error(`${name}: ${depth} block(s) never closed`);
}
