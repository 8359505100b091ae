#!/usr/bin/env bash
# Installs the browser the web console's tests drive: Debian's Chromium and its chromedriver
# (/usr/bin/chromium, /usr/bin/chromedriver). Idempotent: does nothing when both are there.
# Needs root (or sudo) and apt; on another system install Chromium and chromedriver of the same
# version and point ENGRAM_CHROMIUM and ENGRAM_CHROMEDRIVER at them.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  echo "chromium and chromedriver are installed: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "run as root (or install sudo): apt-get install -y --no-install-recommends chromium chromium-driver" >&2; exit 1; }
  SUDO=sudo
fi
command -v apt-get >/dev/null || { echo "no apt-get: install Chromium and chromedriver, then set ENGRAM_CHROMIUM and ENGRAM_CHROMEDRIVER" >&2; exit 1; }
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
/usr/bin/chromium --version
