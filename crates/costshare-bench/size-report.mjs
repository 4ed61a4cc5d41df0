// Size report of a wasm file: its biggest contributors by crate and by function, so that a size
// regression has a name. Run through .ci/bench: node size-report.mjs <file.wasm>
// Uses twiggy 0.8.0 (`twiggy top --format csv`, shallow sizes) and groups the functions by the
// crate that starts their symbol name (for `<T as Trait>::f`, the crate of `T`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';

const file = process.argv[2];
const top = Number(process.argv[3] || 15);
const total = fs.statSync(file).size;
const csv = execFileSync('twiggy', ['top', '--format', 'csv', file], { encoding: 'utf8', maxBuffer: 1 << 28 });

// RFC 4180 rows: fields may be quoted, with "" for a quote inside.
function parse(text) {
  const rows = []; let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const items = parse(csv).slice(1).filter((r) => r.length >= 2 && r[0])
  .map(([name, size]) => ({ name, size: Number(size) }))
  .filter((r) => Number.isFinite(r.size) && !r.name.startsWith('Σ') && !r.name.startsWith('... and'));

function crateOf(name) {
  if (name.startsWith('data segment') || name.startsWith('data[')) return '(data segments)';
  if (name.includes('subsection') || name.startsWith('custom section')) return '(names and custom sections)';
  if (name.includes('__wbindgen') || name.startsWith('__wbg')) return '(wasm-bindgen glue)';
  if (/^(type|import|export|elem|table|memory|global|code)\[/.test(name) || name.startsWith('export ') || name.startsWith('"')) return '(wasm sections and unnamed)';
  let s = name.replace(/^[<&*\s]+/, '').replace(/^(mut |const |dyn |impl )+/, '').replace(/^[<&*\s]+/, '');
  if (s.startsWith('_R') || s.startsWith('__rustc')) return 'std (allocator shims)';
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/.exec(s);
  if (!m) return '(no crate: C, compiler builtins, wasm-bindgen glue)';
  return m[1];
}

const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
const byCrate = new Map();
for (const it of items) byCrate.set(crateOf(it.name), (byCrate.get(crateOf(it.name)) || 0) + it.size);

const gzip = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
console.log(`size report: ${file}: ${kb(total).trim()} (${total} bytes, ${kb(gzip).trim()} gzip -9; twiggy top, shallow sizes)`);
console.log('(the name section is dropped by wasm-opt in the site build; the rest is code and data)');
console.log('-- by crate (sum of the functions whose symbol starts with the crate; top 20)');
[...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 20)
  .forEach(([c, n]) => console.log(`${kb(n)} ${pct(n)}  ${c}`));
console.log('-- data segments');
items.filter((it) => crateOf(it.name) === '(data segments)')
  .forEach((it) => console.log(`${kb(it.size)} ${pct(it.size)}  ${it.name}`));
console.log(`-- top ${top} functions`);
items.filter((it) => !crateOf(it.name).startsWith('('))
  .sort((a, b) => b.size - a.size).slice(0, top)
  .forEach((it) => console.log(`${kb(it.size)} ${pct(it.size)}  ${it.name.length > 150 ? it.name.slice(0, 147) + '...' : it.name}`));
