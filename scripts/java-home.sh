#!/usr/bin/env bash
# Prints the home of a JDK >= 21 (JAVA_HOME first, then java on PATH, then /usr/lib/jvm/*),
# preferring the newest. Exits 1 with install advice when there is none.
set -u

version_of() { # major version of a JDK home, or 0
  local rel="$1/release"
  if [ -f "$rel" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel" | head -n1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
  else
    echo 0
  fi
}

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if command -v javac >/dev/null 2>&1; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
fi
for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do [ -d "$d" ] && candidates+=("$d"); done

best=""; best_v=0
for home in "${candidates[@]}"; do
  [ -x "$home/bin/javac" ] || continue
  v=$(version_of "$home"); v=${v:-0}
  if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v="$v"; fi
done

if [ -z "$best" ]; then
  cat >&2 <<'MSG'
engram: no JDK 21 or newer found (looked at JAVA_HOME, javac on PATH, /usr/lib/jvm/*).
Install one, for example:  sudo apt-get install openjdk-21-jdk   (or Temurin 25 from adoptium.net)
or point JAVA_HOME at an existing JDK 21+ and run again.
MSG
  exit 1
fi
echo "$best"
