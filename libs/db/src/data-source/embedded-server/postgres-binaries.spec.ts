import { mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hydrateSymlinks } from './postgres-binaries';

describe('hydrateSymlinks (the postinstall npm 11 does not run)', () => {
  it('makes the listed links relative to their folder, keeps existing files, and can run twice', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsf-pgbin-'));
    try {
      mkdirSync(join(root, 'native', 'lib'), { recursive: true });
      writeFileSync(join(root, 'native', 'lib', 'libpq.so.5.18'), 'elf');
      writeFileSync(join(root, 'native', 'lib', 'libz.so'), 'a real file');
      const links = [
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so.5' },
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libz.so' },
      ];
      writeFileSync(join(root, 'native', 'pg-symlinks.json'), JSON.stringify(links));
      hydrateSymlinks(root);
      hydrateSymlinks(root);
      expect(readlinkSync(join(root, 'native', 'lib', 'libpq.so.5'))).toBe('libpq.so.5.18');
      expect(() => readlinkSync(join(root, 'native', 'lib', 'libz.so'))).toThrow(/EINVAL/); // left alone
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
