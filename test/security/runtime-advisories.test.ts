import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Advisory, atLeast, offlineFindings } from '../../scripts/audit-runtime.js';

const known = JSON.parse(readFileSync(new URL('../../scripts/runtime-advisories.json', import.meta.url), 'utf8')) as {
  advisories: Advisory[];
};
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('runtime advisories (the fallback when npm audit cannot reach its endpoint)', () => {
  it('compares versions numerically', () => {
    expect(atLeast('7.30.2', '7.29.0')).toBe(true);
    expect(atLeast('7.29.0', '7.29.0')).toBe(true);
    expect(atLeast('7.9.0', '7.29.0')).toBe(false);
    expect(atLeast('4.6.7', '3.22.3')).toBe(true);
  });

  it('flags an installed version below an advisory’s fix, and only that one', () => {
    const findings = offlineFindings({ undici: '7.28.5', zod: '4.6.7' }, known.advisories);
    expect(findings.map((finding) => finding.id)).toEqual(['CVE-2026-13697']);
  });

  it('finds none of the known high or critical advisories in what is installed', () => {
    const installed = Object.fromEntries(
      Object.keys(manifest.dependencies).map((name) => {
        // Read from disk: some packages' export maps do not expose package.json.
        const installedManifest = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
        return [name, (JSON.parse(readFileSync(installedManifest, 'utf8')) as { version: string }).version];
      }),
    );
    expect(Object.keys(installed).sort()).toEqual([
      '@eslint-community/regexpp',
      'chrono-node',
      're2js',
      'structured-headers',
      'undici',
      'zod',
    ]);
    expect(offlineFindings(installed, known.advisories)).toEqual([]);
  });
});
