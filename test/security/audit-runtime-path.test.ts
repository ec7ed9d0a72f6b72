/**
 * `npm run audit:runtime` says which path ran (issue 16, item 15): live `npm audit`, or the offline fallback, which
 * is announced as a SNAPSHOT with its date and age, names the runtime dependencies it does not cover, and is repeated
 * where CI looks (the last line, a GitHub annotation, the step summary and a step output).
 */
import { describe, expect, it } from 'vitest';
import { type AuditOutput, describeSnapshot, runAudit, snapshotAgeDays } from '../../scripts/audit-runtime.js';

const SNAPSHOT = {
  checked: '2026-11-25',
  covers: ['undici', 'zod'],
  advisories: [{ package: 'undici', id: 'GHSA-test-0001', fixed: '7.29.0', source: 'https://example.test' }],
};
const NOW = new Date('2026-12-03T12:00:00Z');

function capture(env: NodeJS.ProcessEnv = {}) {
  const lines: string[] = [];
  const files: Record<string, string> = {};
  const output: AuditOutput = {
    log: (line) => lines.push(line),
    error: (line) => lines.push(`ERROR ${line}`),
    env,
    append: (file, text) => {
      files[file] = (files[file] ?? '') + text;
    },
  };
  return { output, lines, files };
}

const refusedAudit = () => ({ failed: '405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk' });

describe('audit:runtime, offline fallback', () => {
  it('says first and last that the offline snapshot ran, with its date and age', () => {
    const { output, lines } = capture();
    const result = runAudit(output, {
      now: NOW,
      runNpmAudit: refusedAudit,
      readInstalled: () => ({ undici: '7.30.2', zod: '4.6.7' }),
      readSnapshot: () => SNAPSHOT,
    });
    expect(result).toEqual({ path: 'offline-snapshot', exitCode: 0, snapshotDate: '2026-11-25' });
    expect(lines[0]).toMatch(/^audit:runtime path: offline-snapshot \(npm audit could not run: 405/);
    expect(lines.join('\n')).toMatch(/SNAPSHOT: .* known on 2026-11-25 \(8 days old\)/);
    expect(lines.join('\n')).toMatch(/published after 2026-11-25 are NOT checked/);
    expect(lines.at(-1)).toBe('audit-runtime-path=offline-snapshot snapshot-date=2026-11-25 exit=0');
  });

  it('names runtime dependencies the snapshot does not cover, and still finds the advisories it holds', () => {
    const { output, lines } = capture();
    const result = runAudit(output, {
      now: NOW,
      runNpmAudit: refusedAudit,
      readInstalled: () => ({ undici: '7.28.1', zod: '4.6.7', re2js: '2.10.0' }),
      readSnapshot: () => SNAPSHOT,
    });
    expect(result.exitCode).toBe(1);
    expect(result.unchecked).toEqual(['re2js']);
    expect(lines.join('\n')).toMatch(/NOT IN THE SNAPSHOT .*: re2js/);
    expect(lines.join('\n')).toMatch(/undici@7\.28\.1: GHSA-test-0001, fixed in 7\.29\.0/);
    expect(lines.at(-1)).toBe('audit-runtime-path=offline-snapshot snapshot-date=2026-11-25 unchecked=re2js exit=1');
  });

  it('in GitHub Actions: a warning annotation, a step-summary line and a `path` step output', () => {
    const { output, lines, files } = capture({
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: '/summary.md',
      GITHUB_OUTPUT: '/output.txt',
    });
    runAudit(output, {
      now: NOW,
      runNpmAudit: refusedAudit,
      readInstalled: () => ({ undici: '7.30.2' }),
      readSnapshot: () => SNAPSHOT,
    });
    expect(
      lines.some((line) => /^::warning title=audit:runtime \(offline-snapshot\)::.*snapshot of 2026-11-25/.test(line)),
    ).toBe(true);
    expect(files['/summary.md']).toMatch(/### audit:runtime — offline-snapshot/);
    expect(files['/output.txt']).toBe('path=offline-snapshot\nsnapshot-date=2026-11-25\n');
  });

  it('warns louder when the snapshot is older than 30 days or undated', () => {
    expect(describeSnapshot('2026-10-01', NOW).join(' ')).toMatch(/older than 30 days/);
    expect(describeSnapshot('2026-11-25', NOW).join(' ')).not.toMatch(/older than/);
    expect(describeSnapshot('last autumn', NOW).join(' ')).toMatch(/undated/);
    expect(snapshotAgeDays('2026-11-25', NOW)).toBe(8);
  });

  it('exits 2, naming no path, when neither check can run', () => {
    const { output, lines } = capture();
    const result = runAudit(output, {
      now: NOW,
      runNpmAudit: refusedAudit,
      readInstalled: () => {
        throw new Error('node_modules is missing');
      },
    });
    expect(result).toEqual({ path: 'none', exitCode: 2 });
    expect(lines.at(-1)).toBe('audit-runtime-path=none exit=2');
  });
});

describe('audit:runtime, live npm audit', () => {
  it('says npm-audit ran, first and last, and a notice in CI', () => {
    const { output, lines } = capture({ CI: 'true' });
    const result = runAudit(output, {
      now: NOW,
      runNpmAudit: () => ({
        metadata: { vulnerabilities: { critical: 0, high: 1, moderate: 0, low: 0, info: 0 } },
        vulnerabilities: { undici: { severity: 'high' } },
      }),
    });
    expect(result).toEqual({ path: 'npm-audit', exitCode: 1 });
    expect(lines[0]).toBe('audit:runtime path: npm-audit (live advisories from the registry)');
    expect(lines).toContain('  high: undici');
    expect(lines.some((line) => line.startsWith('::notice title=audit:runtime (npm-audit)::'))).toBe(true);
    expect(lines).toContain('audit-runtime-path=npm-audit exit=1');
  });
});
