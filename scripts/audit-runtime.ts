// Audits the runtime dependencies only (`dependencies`, not devDependencies): what users of the package install.
//
// Two paths, and the output always says which one ran, first thing and last thing (and, in CI, as an annotation,
// a step-summary line and a step output):
// - `npm-audit`: `npm audit --omit=dev`, live advisories from the registry.
// - `offline-snapshot`: registries and mirrors that refuse the advisory endpoint (a POST; read-only mirrors answer
//   405) leave no report, so the installed versions are checked against scripts/runtime-advisories.json instead: a
//   SNAPSHOT of the high and critical advisories known on the date it records. Anything published after that date is
//   not checked; the output says so, with the date and its age.
//
// Exit codes: 0 no high or critical advisory, 1 at least one, 2 neither check could run.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Advisory {
  package: string;
  id: string;
  fixed: string;
  source: string;
}

/** scripts/runtime-advisories.json */
export interface AdvisorySnapshot {
  /** The day the list was last compared with the advisory databases (YYYY-MM-DD). */
  checked: string;
  /** The packages it was compared for; other runtime dependencies are unchecked by the offline path. */
  covers?: string[];
  advisories: Advisory[];
}

export type AuditPath = 'npm-audit' | 'offline-snapshot';

interface AuditReport {
  metadata: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string }>;
}

/** A snapshot older than this gets a louder warning: advisories appear every few weeks. */
export const SNAPSHOT_STALE_DAYS = 30;

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

/** Whole days from the snapshot's date to `now` (UTC), or undefined when the date cannot be read. */
export function snapshotAgeDays(checked: string, now: Date): number | undefined {
  const taken = Date.parse(`${checked}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(checked) || Number.isNaN(taken)) return undefined;
  return Math.floor((now.getTime() - taken) / 86_400_000);
}

/** The lines that say, unmistakably, that the offline path ran on a snapshot, and how old it is. */
export function describeSnapshot(checked: string, now: Date): string[] {
  const age = snapshotAgeDays(checked, now);
  const ageText =
    age === undefined ? 'of unknown age' : age <= 0 ? 'taken today' : `${age} day${age === 1 ? '' : 's'} old`;
  const lines = [
    `SNAPSHOT: scripts/runtime-advisories.json lists the advisories known on ${checked} (${ageText}).`,
    `Advisories published after ${checked} are NOT checked by this path.`,
  ];
  if (age === undefined || age > SNAPSHOT_STALE_DAYS) {
    lines.push(
      `The snapshot is ${age === undefined ? 'undated' : `older than ${SNAPSHOT_STALE_DAYS} days`}: compare it with the advisory databases and update "checked".`,
    );
  }
  return lines;
}

/** Where the audit reports: plain lines, plus what CI systems read. */
export interface AuditOutput {
  log: (line: string) => void;
  error: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Appends to a file (GitHub's step summary and step outputs). */
  append?: (file: string, text: string) => void;
}

export interface AuditRunOptions {
  now?: Date;
  runNpmAudit?: () => AuditReport | { failed: string };
  readInstalled?: () => Record<string, string>;
  readSnapshot?: () => AdvisorySnapshot;
}

export interface AuditResult {
  path: AuditPath | 'none';
  exitCode: 0 | 1 | 2;
  /** For the offline path: the snapshot's date. */
  snapshotDate?: string;
  /** For the offline path: runtime dependencies the snapshot was not compared for. */
  unchecked?: string[];
}

/** Installed runtime packages the snapshot says nothing about (added since it was taken). */
export function uncoveredPackages(installed: Record<string, string>, snapshot: AdvisorySnapshot): string[] {
  if (snapshot.covers === undefined) return [];
  return Object.keys(installed).filter((name) => !snapshot.covers!.includes(name));
}

export function runAudit(output: AuditOutput, options: AuditRunOptions = {}): AuditResult {
  const now = options.now ?? new Date();
  const report = (options.runNpmAudit ?? npmAudit)();
  if (!('failed' in report)) {
    output.log('audit:runtime path: npm-audit (live advisories from the registry)');
    const counts = report.metadata.vulnerabilities ?? {};
    const levels = ['critical', 'high', 'moderate', 'low', 'info'];
    output.log(
      `npm audit, runtime dependencies: ${levels.map((level) => `${counts[level] ?? 0} ${level}`).join(', ')}`,
    );
    for (const [name, finding] of Object.entries(report.vulnerabilities ?? {})) {
      if (finding.severity === 'high' || finding.severity === 'critical') output.log(`  ${finding.severity}: ${name}`);
    }
    const exitCode = (counts.high ?? 0) + (counts.critical ?? 0) > 0 ? 1 : 0;
    announce(output, { path: 'npm-audit', exitCode }, 'npm audit ran against the registry.');
    return { path: 'npm-audit', exitCode };
  }
  output.log(`audit:runtime path: offline-snapshot (npm audit could not run: ${report.failed})`);
  let installed: Record<string, string>;
  let known: AdvisorySnapshot;
  try {
    installed = (options.readInstalled ?? installedRuntimeVersions)();
    known = (options.readSnapshot ?? readSnapshot)();
  } catch (error) {
    output.error(`The offline check could not run either: ${(error as Error).message}`);
    announce(
      output,
      { path: 'none', exitCode: 2 },
      `npm audit could not run (${report.failed}) and neither could the offline check.`,
    );
    return { path: 'none', exitCode: 2 };
  }
  const snapshotLines = describeSnapshot(known.checked, now);
  for (const line of snapshotLines) output.log(line);
  const findings = offlineFindings(installed, known.advisories);
  const unchecked = uncoveredPackages(installed, known);
  const versions = Object.entries(installed).map(([name, version]) => `${name}@${version}`);
  output.log(`runtime dependencies: ${versions.join(', ')}`);
  if (unchecked.length > 0) {
    output.log(
      `NOT IN THE SNAPSHOT (no advisory of theirs is checked): ${unchecked.join(', ')}. Compare them with the advisory databases and add them to "covers".`,
    );
  }
  output.log(`${known.advisories.length} advisories in the ${known.checked} snapshot: ${findings.length} apply.`);
  for (const finding of findings) {
    output.log(`  ${finding.package}@${installed[finding.package]}: ${finding.id}, fixed in ${finding.fixed}`);
  }
  const exitCode = findings.length > 0 ? 1 : 0;
  const result: AuditResult = {
    path: 'offline-snapshot',
    exitCode,
    snapshotDate: known.checked,
    ...(unchecked.length > 0 ? { unchecked } : {}),
  };
  const uncheckedText = unchecked.length > 0 ? ` Not in the snapshot, so unchecked: ${unchecked.join(', ')}.` : '';
  announce(
    output,
    result,
    `npm audit could not run (${report.failed}); checked against the advisory snapshot of ${known.checked} instead. ${snapshotLines[1]}${uncheckedText}`,
  );
  return result;
}

/**
 * The last line names the path again (logs are read from the bottom), and CI gets it where it looks: a GitHub
 * Actions annotation (a warning for the snapshot), a line in the step summary and the `path` step output.
 */
function announce(output: AuditOutput, result: AuditResult, summary: string): void {
  const snapshot = result.snapshotDate === undefined ? '' : ` snapshot-date=${result.snapshotDate}`;
  const unchecked = result.unchecked === undefined ? '' : ` unchecked=${result.unchecked.join(',')}`;
  output.log(`audit-runtime-path=${result.path}${snapshot}${unchecked} exit=${result.exitCode}`);
  if (!output.env.CI && !output.env.GITHUB_ACTIONS) return;
  const level = result.path === 'npm-audit' ? 'notice' : 'warning';
  output.log(`::${level} title=audit:runtime (${result.path})::${summary.replace(/\r?\n/g, ' ')}`);
  const append = output.append ?? ((file: string, text: string) => appendFileSync(file, text));
  if (output.env.GITHUB_STEP_SUMMARY) {
    append(output.env.GITHUB_STEP_SUMMARY, `### audit:runtime — ${result.path}\n\n${summary}\n\n`);
  }
  if (output.env.GITHUB_OUTPUT) {
    append(output.env.GITHUB_OUTPUT, `path=${result.path}\nsnapshot-date=${result.snapshotDate ?? ''}\n`);
  }
}

function installedRuntimeVersions(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const versions: Record<string, string> = {};
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    versions[name] = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  }
  return versions;
}

function readSnapshot(): AdvisorySnapshot {
  return JSON.parse(readFileSync(join(root, 'scripts', 'runtime-advisories.json'), 'utf8')) as AdvisorySnapshot;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = runAudit({ log: console.log, error: console.error, env: process.env }).exitCode;
}
