#!/usr/bin/env bash
# Audits the runtime dependencies (not devDependencies): `npm audit --omit=dev`, or, where the registry refuses the
# advisory endpoint, the installed versions against scripts/runtime-advisories.json. See scripts/audit-runtime.ts.
# Exit codes: 0 no high or critical advisory, 1 at least one, 2 neither check could run.
set -uo pipefail
cd "$(dirname "$0")/.."
exec npx --no-install tsx scripts/audit-runtime.ts
