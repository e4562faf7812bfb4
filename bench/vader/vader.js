#!/usr/bin/env node
'use strict';
// VADER baseline for chataudit's sentiment analyser (see README.md in this directory).
//
//   node bench/vader/vader.js score < messages.tsv > scores.tsv
//       Input: TSV with a header line that has a `text` column (and normally an `id` column).
//       Output: TSV `id<TAB>compound`, one line per input row, same order, compound with
//       4 decimals. Without an `id` column the 1-based row number is used as the id.
//
//   node bench/vader/vader.js bench FILE [--seconds 3]
//       Scores the `text` column of FILE in a loop on one thread for at least the given
//       number of seconds (after a short warm-up) and prints one line of JSON:
//       {"messages": N, "seconds": S, "messages_per_second": R, "bytes_per_second": B}
//       where bytes are the UTF-8 bytes of the texts scored.
//
// The TSV is read literally: one row per line, fields split on TAB, no quoting or escapes
// (tests/eval/sentiment/README.md guarantees no text contains a TAB or a line break).
// CRLF line ends, a UTF-8 BOM and trailing empty lines are tolerated.

const fs = require('fs');
const path = require('path');

const USAGE =
  'usage: node bench/vader/vader.js score < messages.tsv > scores.tsv\n' +
  '       node bench/vader/vader.js bench FILE [--seconds 3]\n';

function die(msg, code = 1) {
  process.stderr.write(`vader.js: ${msg}\n`);
  process.exit(code);
}

// Load the pinned vader-sentiment from this directory's node_modules only (never from a
// parent directory or a global install), and check it is the version package.json pins.
function loadVader() {
  const installHint =
    'install it with:  npm ci --prefix bench/vader   (from the repository root;\n' +
    '                  or: npm install --prefix bench/vader)';
  const pkgDir = path.join(__dirname, 'node_modules', 'vader-sentiment');
  let installed;
  try {
    installed = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  } catch (e) {
    die(`vader-sentiment is not installed (${pkgDir} is missing).\n${installHint}`, 3);
  }
  const wanted = require('./package.json').dependencies['vader-sentiment'];
  if (installed !== wanted) {
    die(`vader-sentiment ${installed} is installed but package.json pins ${wanted}.\n${installHint}`, 3);
  }
  const vader = require(pkgDir);
  if (!vader || !vader.SentimentIntensityAnalyzer ||
      typeof vader.SentimentIntensityAnalyzer.polarity_scores !== 'function') {
    die('vader-sentiment does not export SentimentIntensityAnalyzer.polarity_scores', 3);
  }
  return vader.SentimentIntensityAnalyzer;
}

// Returns {ids: string[], texts: string[]}.
function parseTsv(data, source) {
  if (data.charCodeAt(0) === 0xfeff) data = data.slice(1);
  const lines = data.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) die(`${source}: empty input (expected a header line with a "text" column)`);
  const header = lines[0].split('\t');
  const textCol = header.indexOf('text');
  const idCol = header.indexOf('id');
  if (textCol < 0) die(`${source}: header has no "text" column (header: ${JSON.stringify(lines[0])})`);
  const ids = [];
  const texts = [];
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split('\t');
    if (f.length !== header.length) {
      die(`${source}:${i + 1}: ${f.length} fields, header has ${header.length}`);
    }
    ids.push(idCol >= 0 ? f[idCol] : String(i));
    texts.push(f[textCol]);
  }
  return { ids, texts };
}

function cmdScore(args) {
  if (args.length !== 0) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const analyzer = loadVader();
  const { ids, texts } = parseTsv(fs.readFileSync(0, 'utf8'), '<stdin>');
  const out = ['id\tcompound'];
  for (let i = 0; i < texts.length; i++) {
    const c = analyzer.polarity_scores(texts[i]).compound;
    // toFixed(4) of a tiny negative number gives "-0.0000"; print it as 0.
    let s = c.toFixed(4);
    if (s === '-0.0000') s = '0.0000';
    out.push(`${ids[i]}\t${s}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

function cmdBench(args) {
  let file = null;
  let seconds = 3;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v = null;
    if (a === '--seconds') {
      if (i + 1 >= args.length) die('--seconds needs a value', 2);
      v = args[++i];
    } else if (a.startsWith('--seconds=')) {
      v = a.slice('--seconds='.length);
    } else if (a.startsWith('-') && a !== '-') {
      process.stderr.write(USAGE);
      process.exit(2);
    } else if (file === null) {
      file = a;
    } else {
      process.stderr.write(USAGE);
      process.exit(2);
    }
    if (v !== null) {
      seconds = Number(v);
      if (!Number.isFinite(seconds) || seconds <= 0) die(`--seconds: not a positive number: ${v}`, 2);
    }
  }
  if (file === null) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const analyzer = loadVader();
  let data;
  try {
    data = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    die(`cannot read ${file}: ${e.message}`);
  }
  const { texts } = parseTsv(data, file);
  if (texts.length === 0) die(`${file}: no messages`);
  let passBytes = 0;
  for (const t of texts) passBytes += Buffer.byteLength(t, 'utf8');

  let sink = 0; // keeps the results live so the work cannot be optimised away
  const onePass = () => {
    for (let i = 0; i < texts.length; i++) sink += analyzer.polarity_scores(texts[i]).compound;
  };
  const now = () => Number(process.hrtime.bigint()) / 1e9;

  // Warm-up: at least one full pass, and at least min(0.5 s, 10% of the run), so the JIT has
  // compiled the hot paths before timing starts.
  const warm = Math.min(0.5, seconds * 0.1);
  let t0 = now();
  do onePass(); while (now() - t0 < warm);

  // Timed run: whole passes over the file until at least `seconds` have elapsed.
  let passes = 0;
  t0 = now();
  let elapsed;
  do {
    onePass();
    passes++;
    elapsed = now() - t0;
  } while (elapsed < seconds);

  if (!Number.isFinite(sink)) die('internal error: non-finite score sum');
  const messages = passes * texts.length;
  const bytes = passes * passBytes;
  const round = (x, d) => Number(x.toFixed(d));
  const result = {
    messages,
    seconds: round(elapsed, 3),
    messages_per_second: round(messages / elapsed, 1),
    bytes_per_second: round(bytes / elapsed, 1),
  };
  // One line, formatted as {"key": value, ...} (valid JSON).
  const fields = Object.entries(result).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  process.stdout.write(`{${fields.join(', ')}}\n`);
}

function main() {
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0); // e.g. piped into `head`
    throw e;
  });
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'score') cmdScore(args);
  else if (cmd === 'bench') cmdBench(args);
  else if (cmd === '-h' || cmd === '--help') process.stdout.write(USAGE);
  else {
    process.stderr.write(USAGE);
    process.exit(2);
  }
}

main();
