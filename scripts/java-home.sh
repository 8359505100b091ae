#!/usr/bin/env bash
# Prints the home of a JDK that can build Engram: the release the build targets
# (<maven.compiler.release> of the parent pom) or newer. Looks at JAVA_HOME, javac on PATH, then
# the JDK folders in ENGRAM_JDK_DIRS (default: /usr/lib/jvm/* /opt/java/* /opt/jdk*), and prefers
# the newest. Exits 1 with install advice when there is none.
set -u

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
required=$(sed -n 's:.*<maven.compiler.release>\([0-9][0-9]*\)</maven.compiler.release>.*:\1:p' \
  "$root/pom.xml" | head -n1)
if [ -z "$required" ]; then
  echo "engram: cannot read <maven.compiler.release> from $root/pom.xml" >&2
  exit 1
fi

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
dirs="${ENGRAM_JDK_DIRS-/usr/lib/jvm/* /opt/java/* /opt/jdk*}"
for d in $dirs; do
  [ -d "$d" ] && candidates+=("$(readlink -f "$d")")
done

best=""; best_v=0; too_old=()
for home in "${candidates[@]}"; do
  [ -x "$home/bin/javac" ] || continue
  home=$(readlink -f "$home")
  v=$(version_of "$home"); v=${v:-0}
  if [ "$v" -lt "$required" ]; then
    too_old+=("  $home (JDK $v)")
  elif [ "$v" -gt "$best_v" ]; then
    best="$home"; best_v="$v"
  fi
done

if [ -z "$best" ]; then
  {
    echo "Engram needs JDK $required or newer: install Temurin $required (https://adoptium.net) or set JAVA_HOME"
    echo "to a JDK $required+ and run again."
    if [ "${#too_old[@]}" -gt 0 ]; then
      echo "Found only older JDKs:"
      printf '%s\n' "${too_old[@]}" | sort -u
    else
      echo "No JDK found (looked at JAVA_HOME, javac on PATH, $dirs)."
    fi
  } >&2
  exit 1
fi
echo "$best"
