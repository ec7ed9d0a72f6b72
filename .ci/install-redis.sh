#!/usr/bin/env bash
# Installs redis-server (Debian's package) for test/state, unless it is already there. Safe to run twice.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server already installed: $(redis-server --version)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends redis-server
# The tests start their own server on a free loopback port; a service the package may have started is not needed.
echo "installed: $(redis-server --version)"
