// The published types: a strict TypeScript consumer of the installed package must compile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { here, installScratch } from './helpers.js';

test('TypeScript consumers (of the package and of <costshare-guide>) compile with tsc --strict --noEmit', () => {
  const scratch = installScratch('types');
  fs.copyFileSync(path.join(here, 'consumer.ts'), path.join(scratch, 'consumer.ts'));
  fs.copyFileSync(path.join(here, 'guide-consumer.ts'), path.join(scratch, 'guide-consumer.ts'));
  fs.writeFileSync(path.join(scratch, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
      lib: ['es2022', 'dom'], types: [], skipLibCheck: false, exactOptionalPropertyTypes: false,
    },
    files: ['consumer.ts', 'guide-consumer.ts'],
  }, null, 2));
  const tsc = path.join(here, 'node_modules/typescript/bin/tsc');
  assert.ok(fs.existsSync(tsc), 'typescript is not installed: run npm ci in tests/npm');
  const r = spawnSync(process.execPath, [tsc, '-p', scratch, '--strict', '--noEmit'], { cwd: scratch, encoding: 'utf8' });
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});
