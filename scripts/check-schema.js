#!/usr/bin/env node
// Validates scenario files against the JSON Schema with Ajv (draft 2020-12).
//
//   node scripts/check-schema.js SCHEMA [--valid] FILE... [--invalid FILE...]
//
// Files after --valid (the default) must pass; files after --invalid must fail. The schema
// itself must compile in Ajv's strict mode. Exits 0 when every expectation holds, 1 when
// one does not, 2 on a usage or setup error. Needs the npm packages ajv (8.x) and
// ajv-formats (3.x); no network is used.
'use strict';

const fs = require('fs');
const path = require('path');

function usage(message) {
  if (message) console.error(`check-schema: ${message}`);
  console.error('usage: node scripts/check-schema.js SCHEMA [--valid] FILE... [--invalid FILE...]');
  process.exit(2);
}

// Reads a file as Thresh does: strict UTF-8 (invalid bytes are an error, not U+FFFD) and
// no byte-order mark (ignoreBOM keeps it in the text, where JSON.parse refuses it).
function loadJson(file) {
  const bytes = fs.readFileSync(file);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  return JSON.parse(text);
}

function main(argv) {
  if (argv.length < 1 || argv[0] === '-h' || argv[0] === '--help') usage();
  const [schemaPath, ...rest] = argv;
  const cases = [];
  let expectValid = true;
  for (const arg of rest) {
    if (arg === '--valid') expectValid = true;
    else if (arg === '--invalid') expectValid = false;
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else cases.push({ file: arg, expectValid });
  }
  if (cases.length === 0) usage('give at least one FILE');

  let Ajv2020, addFormats;
  try {
    Ajv2020 = require('ajv/dist/2020');
    addFormats = require('ajv-formats');
  } catch (e) {
    console.error(`check-schema: cannot load ajv/ajv-formats (${e.message}); run npm install`);
    process.exit(2);
  }
  Ajv2020 = Ajv2020.default || Ajv2020;
  addFormats = addFormats.default || addFormats;

  let validate;
  try {
    // strict: true turns Ajv's schema warnings (unknown keywords, type gaps) into errors.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(loadJson(schemaPath));
  } catch (e) {
    console.error(`check-schema: ${schemaPath}: the schema does not compile: ${e.message}`);
    process.exit(1);
  }

  let passed = 0;
  let failed = 0;
  for (const { file, expectValid } of cases) {
    const name = path.relative(process.cwd(), file) || file;
    let data;
    try {
      data = loadJson(file);
    } catch (e) {
      // Not UTF-8 JSON at all: that counts as invalid.
      if (expectValid) {
        console.log(`FAIL ${name}: expected valid, but it is not UTF-8 JSON: ${e.message}`);
        failed++;
      } else {
        console.log(`ok   ${name}: invalid as expected (not UTF-8 JSON)`);
        passed++;
      }
      continue;
    }
    const valid = validate(data);
    const errors = (validate.errors || [])
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .slice(0, 10);
    if (valid === expectValid) {
      passed++;
      console.log(`ok   ${name}: ${valid ? 'valid' : `invalid as expected (${errors[0]})`}`);
    } else {
      failed++;
      console.log(`FAIL ${name}: expected ${expectValid ? 'valid' : 'invalid'}, got ${valid ? 'valid' : 'invalid'}`);
      for (const e of errors) console.log(`       ${e}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main(process.argv.slice(2));
