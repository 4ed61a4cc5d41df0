// Minifies the site's wasm-bindgen JavaScript glue with terser (for the first load, issue 12:
// 65 KB raw and 11 KB gzip become 29 KB and 8 KB; Trunk's own minifier cannot read the glue's
// `export default`, says "Failed to minify JS" and leaves it), shortens the names of the wasm
// module's imports and closure-calling exports in both files, writes their new integrity hashes
// into index.html, whose preload links carry them, and minifies the page's own scripts and the
// guide's loader. Run by finish-build.sh in the staging folder of a release build; a debug
// build, or a checkout without tests/e2e's npm packages (see .ci/setup), keeps every file as
// written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('minify-glue.mjs: run by trunk (TRUNK_STAGING_DIR is not set)');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

let terser;
try {
  const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
  terser = createRequire(path.join(source, 'tests/e2e/package.json'))('terser');
} catch {
  console.warn('minify-glue.mjs: terser is not installed (run .ci/setup); the glue stays as written');
  process.exit(0);
}

const glue = fs.readdirSync(dir).find((f) => /^costshare-web-[0-9a-f]+\.js$/.test(f));
if (!glue) throw new Error(`minify-glue.mjs: no costshare-web-*.js in ${dir}`);
const wasm = glue.replace(/\.js$/, '_bg.wasm');
const file = path.join(dir, glue);
const wasmFile = path.join(dir, wasm);

// Short import names. wasm-bindgen names each function the module imports from the glue after
// what it does plus a hash (`__wbg_instanceof_HtmlElement_74e3cca0c4a69161`), about 200 of them,
// written in both files, and each export that calls a Rust closure after its types: 6 KB of
// the first load, gzip-compressed. Each (and the one import module) gets a short name instead,
// in the wasm file's import and export sections and in the glue, where each is a whole word (a
// key of the glue's import objects, or a property of its `wasm` exports). Nothing else refers
// to them: the other exports keep their names.
const names = (n) => { let s = ''; do { s = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'[n % 52] + s; n = Math.floor(n / 52) - 1; } while (n >= 0); return s; };
const { bytes, renamed, exported } = shortenNames(fs.readFileSync(wasmFile), names);
let source = fs.readFileSync(file, 'utf8');
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
for (const [from, to] of renamed) {
  // An import is a key of the glue's import objects (`name: function ...`, or the module's
  // `"./costshare-web_bg.js": import0`); an export, a property of its `wasm` exports. Only those
  // places change: the glue's own functions of the same names stay (terser shortens them).
  const place = exported.has(from)
    ? new RegExp(`(?<=\\bwasm\\.)${escape(from)}(?![\\w$])`, 'g')
    : new RegExp(`(?<![\\w$])${escape(from)}(?=["']?\\s*:)`, 'g');
  if (!place.test(source)) throw new Error(`minify-glue.mjs: ${from} is not where expected in ${glue}`);
  source = source.replace(place, to);
}
fs.writeFileSync(wasmFile, bytes);
const { code } = await terser.minify(source, { module: true, compress: true, mangle: true });
fs.writeFileSync(file, code);

// The page's own scripts and the embedded guide's loader, written to be read (public/,
// web/embed/): minified as served, their comments and long names gone (1.3 KB gzip of the
// site's first load, 2.4 KB of a host page's). None carries an integrity hash.
for (const [script, module] of [['public/boot.js', true], ['public/snapshot-guard.js', false], ['public/sim-worker.js', false], ['costshare-guide.js', true]]) {
  const at = path.join(dir, script);
  const minified = await terser.minify(fs.readFileSync(at, 'utf8'), { module, compress: true, mangle: true });
  fs.writeFileSync(at, minified.code);
}

// The links to the glue and the wasm file, quoted or not (Trunk minifies the HTML), get their
// new hashes.
const html = path.join(dir, 'index.html');
let page = fs.readFileSync(html, 'utf8');
for (const [name, content] of [[glue, code], [wasm, bytes]]) {
  const integrity = `sha384-${crypto.createHash('sha384').update(content).digest('base64')}`;
  let found = 0;
  const updated = page.replace(/<link\b[^>]*>/g, (tag) => {
    if (!tag.includes(`/${name}`)) return tag;
    found += 1;
    return tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, `integrity=$1${integrity}$1`);
  });
  if (found !== 1 || updated === page) throw new Error(`minify-glue.mjs: no integrity to update for ${name} in index.html`);
  page = updated;
}
fs.writeFileSync(html, page);
console.log(`minify-glue.mjs: ${glue} minified, ${renamed.size} import and export names shortened`);

/** The wasm file with its imports' module and field names and its closure-calling exports
 * (wasm-bindgen's `wasm_bindgen_<hash>___convert__closures_____invoke...`, called only by the
 * glue) renamed (`short(n)` for the n-th distinct name), and the renames. Only the import
 * section (2: module name, field name, kind and type each) and the export section (7: name,
 * kind and index each) change; everything else refers to imports and exports by index. */
function shortenNames(input, short) {
  let at = 8;
  const leb = () => { let value = 0; let shift = 0; let byte; do { byte = input[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80); return value; };
  const encode = (n) => { const out = []; do { let byte = n & 0x7f; n = Math.floor(n / 128); if (n) byte |= 0x80; out.push(byte); } while (n); return Buffer.from(out); };
  const name = (s) => { const b = Buffer.from(s, 'utf8'); return Buffer.concat([encode(b.length), b]); };
  const text = () => { const n = leb(); const s = input.subarray(at, at + n).toString('utf8'); at += n; return s; };
  const renamed = new Map();
  const exported = new Set();
  const rename = (s) => { if (!renamed.has(s)) renamed.set(s, short(renamed.size)); return renamed.get(s); };
  const output = [input.subarray(0, 8)];
  let imports = false;
  while (at < input.length) {
    const start = at;
    const id = input[at++];
    const size = leb();
    const body = at;
    if (id !== 2 && id !== 7) { at = body + size; output.push(input.subarray(start, at)); continue; }
    const parts = [];
    const count = leb();
    parts.push(encode(count));
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        imports = true;
        const module = text();
        const field = text();
        const kindStart = at;
        const kind = input[at++];
        // The import's type: a function's type index; a table's element type and limits; a
        // memory's limits; a global's value type and mutability.
        if (kind === 0) leb();
        else if (kind === 1) { at++; const flags = input[at++]; leb(); if (flags & 1) leb(); }
        else if (kind === 2) { const flags = input[at++]; leb(); if (flags & 1) leb(); }
        else if (kind === 3) at += 2;
        else throw new Error(`minify-glue.mjs: an import of unknown kind ${kind} in ${wasm}`);
        parts.push(name(rename(module)), name(rename(field)), input.subarray(kindStart, at));
      } else {
        const field = text();
        const kindStart = at;
        at++;
        leb();
        const closure = /^wasm_bindgen_[0-9a-f]+___convert__closures_/.test(field);
        if (closure) exported.add(field);
        parts.push(name(closure ? rename(field) : field), input.subarray(kindStart, at));
      }
    }
    if (at !== body + size) throw new Error(`minify-glue.mjs: ${wasm}'s section ${id} did not read as expected`);
    const section = Buffer.concat(parts);
    output.push(Buffer.from([id]), encode(section.length), section);
  }
  if (!imports) throw new Error(`minify-glue.mjs: ${wasm} has no import section`);
  return { bytes: Buffer.concat(output), renamed, exported };
}
