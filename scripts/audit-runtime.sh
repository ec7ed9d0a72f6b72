#!/usr/bin/env bash
# Audits the runtime dependencies only (`dependencies`, not devDependencies): what users of the package install.
# Needs the npm registry's advisory endpoint, so it is not part of `npm test`; CI may run it as its own step.
#
# Exit codes: 0 no high or critical advisory, 1 at least one, 2 the audit could not run (no registry, or a registry
# or proxy that refuses the advisory endpoint: it is a POST, which read-only mirrors often answer with 405).
set -uo pipefail
cd "$(dirname "$0")/.."

report=$(npm audit --omit=dev --audit-level=high --json 2>/dev/null)

printf '%s' "$report" | node -e '
let text = "";
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    console.error("npm audit gave no JSON report; is the registry reachable?");
    process.exit(2);
  }
  if (report.error || report.statusCode) {
    const reason = report.error?.summary || report.message || `status ${report.statusCode}`;
    console.error(`npm audit could not run: ${reason}`);
    process.exit(2);
  }
  const counts = report.metadata?.vulnerabilities ?? {};
  const summary = ["critical", "high", "moderate", "low", "info"].map((level) => `${counts[level] ?? 0} ${level}`);
  console.log(`runtime dependencies: ${summary.join(", ")}`);
  for (const [name, finding] of Object.entries(report.vulnerabilities ?? {})) {
    if (finding.severity === "high" || finding.severity === "critical") {
      console.log(`  ${finding.severity}: ${name} ${finding.range ?? ""}`);
    }
  }
  process.exit((counts.high ?? 0) + (counts.critical ?? 0) > 0 ? 1 : 0);
});
'
