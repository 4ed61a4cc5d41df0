// Shared helpers: the packed tarball, a scratch project that installs it, and the test data.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
const npmDir = path.join(root, 'target/npm');

export function tarball() {
  const name = fs.existsSync(npmDir) && fs.readdirSync(npmDir).find((f) => /^costshare-.*\.tgz$/.test(f));
  if (!name) throw new Error('no packed package in target/npm: run .ci/package first');
  return path.join(npmDir, name);
}

/** Installs the packed tarball into a fresh scratch project and returns the project's folder. */
export function installScratch(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `costshare-${label}-`));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'package.json'),
    JSON.stringify({ name: `scratch-${label}`, private: true, type: 'module' }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', tarball()], { cwd: dir, stdio: 'pipe' });
  return dir;
}

export const read = (rel) => fs.readFileSync(path.join(root, rel), 'utf8');
export const json = (rel) => JSON.parse(read(rel));
export const oapPlan = () => json('crates/costshare-catalog/plans/shbp-2010-oap.json');
export const familyClaims = () => json('tests/claims/family-year.json');
export const household = () => json('tests/households/family-with-baby.json');
