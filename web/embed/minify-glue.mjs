// Minifies the site's wasm-bindgen JavaScript glue with terser (for the first load, issue 12:
// 65 KB raw and 11 KB gzip become 29 KB and 8 KB) and writes its new integrity hash into
// index.html, whose modulepreload link carries one. (Trunk's own minifier cannot read the
// glue's `export default`, says "Failed to minify JS" and leaves it.) Run by finish-build.sh in the staging
// folder of a release build; a debug build, or a checkout without tests/e2e's npm packages
// (see .ci/setup), keeps the glue as wasm-bindgen wrote it.
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
const file = path.join(dir, glue);
const { code } = await terser.minify(fs.readFileSync(file, 'utf8'), { module: true, compress: true, mangle: true });
fs.writeFileSync(file, code);

// The link to the glue, quoted or not (Trunk minifies the HTML), gets the new hash.
const integrity = `sha384-${crypto.createHash('sha384').update(code).digest('base64')}`;
const html = path.join(dir, 'index.html');
const page = fs.readFileSync(html, 'utf8');
let found = 0;
const updated = page.replace(/<link\b[^>]*>/g, (tag) => {
  if (!tag.includes(`${glue}`)) return tag;
  found += 1;
  return tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, `integrity=$1${integrity}$1`);
});
if (found !== 1 || updated === page) throw new Error(`minify-glue.mjs: no integrity to update for ${glue} in index.html`);
fs.writeFileSync(html, updated);
