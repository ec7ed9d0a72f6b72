// Audits the runtime dependencies only (`dependencies`, not devDependencies): what users of the package install.
//
// First `npm audit --omit=dev`. Registries and mirrors that refuse its advisory endpoint (a POST; read-only mirrors
// answer 405) leave no report, so the installed versions are then checked against scripts/runtime-advisories.json,
// the high and critical advisories known for these packages, and the output says which check ran.
//
// Exit codes: 0 no high or critical advisory, 1 at least one, 2 neither check could run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Advisory {
  package: string;
  id: string;
  fixed: string;
  source: string;
}

interface AuditReport {
  metadata: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string }>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function npmAudit(): AuditReport | { failed: string } {
  let text: string;
  try {
    text = execFileSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    // npm audit exits non-zero when it finds something, and also when it cannot reach the endpoint.
    text = (error as { stdout?: string }).stdout ?? '';
  }
  try {
    const report = JSON.parse(text) as AuditReport & {
      error?: { summary?: string };
      message?: string;
      statusCode?: number;
    };
    if (report.error || report.statusCode || !report.metadata) {
      return { failed: report.error?.summary || report.message || `status ${report.statusCode ?? 'unknown'}` };
    }
    return report;
  } catch {
    return { failed: 'no JSON report' };
  }
}

/** `a >= b` for plain x.y.z versions. */
export function atLeast(a: string, b: string): boolean {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < 3; index++) {
    if ((left[index] ?? 0) !== (right[index] ?? 0)) return (left[index] ?? 0) > (right[index] ?? 0);
  }
  return true;
}

/** Installed runtime packages below the first fixed release of a known advisory. */
export function offlineFindings(installed: Record<string, string>, advisories: readonly Advisory[]): Advisory[] {
  return advisories.filter((advisory) => {
    const version = installed[advisory.package];
    return version !== undefined && !atLeast(version, advisory.fixed);
  });
}

function installedRuntimeVersions(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const versions: Record<string, string> = {};
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    versions[name] = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  }
  return versions;
}

function main(): number {
  const report = npmAudit();
  if (!('failed' in report)) {
    const counts = report.metadata.vulnerabilities ?? {};
    const levels = ['critical', 'high', 'moderate', 'low', 'info'];
    console.log(
      `npm audit, runtime dependencies: ${levels.map((level) => `${counts[level] ?? 0} ${level}`).join(', ')}`,
    );
    for (const [name, finding] of Object.entries(report.vulnerabilities ?? {})) {
      if (finding.severity === 'high' || finding.severity === 'critical') console.log(`  ${finding.severity}: ${name}`);
    }
    return (counts.high ?? 0) + (counts.critical ?? 0) > 0 ? 1 : 0;
  }
  console.log(`npm audit could not run (${report.failed}); checking the known advisories instead.`);
  let installed: Record<string, string>;
  let known: { checked: string; advisories: Advisory[] };
  try {
    installed = installedRuntimeVersions();
    known = JSON.parse(readFileSync(join(root, 'scripts', 'runtime-advisories.json'), 'utf8'));
  } catch (error) {
    console.error(`The offline check could not run either: ${(error as Error).message}`);
    return 2;
  }
  const findings = offlineFindings(installed, known.advisories);
  const versions = Object.entries(installed).map(([name, version]) => `${name}@${version}`);
  console.log(`runtime dependencies: ${versions.join(', ')}`);
  console.log(`${known.advisories.length} known advisories (list checked ${known.checked}): ${findings.length} apply.`);
  for (const finding of findings) {
    console.log(`  ${finding.package}@${installed[finding.package]}: ${finding.id}, fixed in ${finding.fixed}`);
  }
  return findings.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();
