#!/usr/bin/env bash
# Runs a real OpenSearch node (or a small cluster) on loopback for Engram's OpenSearch backend,
# assembled from Maven Central artifacts only (nothing else is downloaded):
#   - the integ-test distribution zip (core only),
#   - the k-NN plugin zip (its Lucene engine needs no native library),
#   - the modules the integ-test zip lacks, assembled from their jars: lang-painless (k-NN extends
#     it), analysis-common (the `english` analyzer) and reindex (`_delete_by_query`).
#
# usage: scripts/opensearch.sh start|stop|status [--nodes N] [--port P]
#   start   assembles the distribution on first use, then starts N nodes (default 1) with HTTP on
#           127.0.0.1:P.. (default 9200) and transport on P+100..; returns once the cluster is
#           yellow or green (single node: green). Idempotent: running nodes are left alone.
#   stop    stops every node of the cluster on port P by the pid of its java process and waits
#           for it to exit.
#   status  prints each node's pid and the cluster health; exits 1 when a node is down.
#
# Environment: ENGRAM_OPENSEARCH_DIR (where artifacts, the distribution and node data live;
# default /var/cache/engram-opensearch as root, else ~/.cache/engram-opensearch),
# ENGRAM_OPENSEARCH_HEAP (default 512m), ENGRAM_OPENSEARCH_WAIT (seconds to wait for start,
# default 180). As root the nodes run as the system user engram-opensearch (created on first use),
# because OpenSearch refuses to run as root.
set -euo pipefail

VERSION=3.3.2
KNN_VERSION=3.3.2.0
RUN_USER=engram-opensearch
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"

command="${1:-}"
[ $# -gt 0 ] && shift
nodes=1
port=9200
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="${2:?--nodes needs a number}"; shift 2 ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    *) echo "opensearch.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$nodes$port" in *[!0-9]*) echo "opensearch.sh: --nodes and --port take numbers" >&2; exit 2 ;; esac
[ "$nodes" -ge 1 ] && [ "$nodes" -le 5 ] || { echo "opensearch.sh: --nodes must be 1..5" >&2; exit 2; }

if [ "$(id -u)" = 0 ]; then
  base="${ENGRAM_OPENSEARCH_DIR:-/var/cache/engram-opensearch}"
else
  base="${ENGRAM_OPENSEARCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/engram-opensearch}"
fi
dist="$base/opensearch-$VERSION"
cluster="$base/clusters/$port-x$nodes"
heap="${ENGRAM_OPENSEARCH_HEAP:-512m}"
wait_s="${ENGRAM_OPENSEARCH_WAIT:-180}"

log() { echo "opensearch.sh: $*" >&2; }
die() { log "$*"; exit 1; }

java_home() {
  # OpenSearch 3.3 needs Java 21+; the build's JDK (25) is one.
  "$root/scripts/java-home.sh"
}

# The artifacts, fetched in one Maven call into $base/artifacts (Maven's own cache keeps them too).
fetch_artifacts() {
  local out="$base/artifacts"
  if [ -f "$out/.complete-$VERSION" ]; then return; fi
  mkdir -p "$out"
  local pom="$out/fetch-pom.xml"
  {
    echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    echo '<groupId>dev.engram</groupId><artifactId>opensearch-node-artifacts</artifactId><version>1</version><packaging>pom</packaging><dependencies>'
    while read -r g a v t; do
      echo "<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version><type>${t:-jar}</type></dependency>"
    done <<EOF
org.opensearch.distribution.integ-test-zip opensearch $VERSION zip
org.opensearch.plugin opensearch-knn $KNN_VERSION zip
org.opensearch.plugin lang-painless $VERSION
org.opensearch.plugin opensearch-scripting-painless-spi $VERSION
org.antlr antlr4-runtime 4.13.1
org.ow2.asm asm 9.7
org.ow2.asm asm-analysis 9.7
org.ow2.asm asm-commons 9.7
org.ow2.asm asm-tree 9.7
org.ow2.asm asm-util 9.7
org.opensearch.plugin analysis-common $VERSION
org.opensearch.plugin reindex-client $VERSION
org.opensearch.client opensearch-rest-client $VERSION
org.opensearch opensearch-ssl-config $VERSION
org.apache.httpcomponents.client5 httpclient5 5.4.4
org.apache.httpcomponents.core5 httpcore5 5.3.4
org.apache.httpcomponents.core5 httpcore5-h2 5.3.4
org.apache.httpcomponents.core5 httpcore5-reactive 5.3.4
commons-codec commons-codec 1.18.0
commons-logging commons-logging 1.2
org.slf4j slf4j-api 2.0.17
EOF
    echo '</dependencies></project>'
  } >"$pom"
  log "fetching OpenSearch $VERSION artifacts from Maven Central (first use only)"
  if ! JAVA_HOME="$(java_home)" "$root/mvnw" -B -q -ntp -f "$pom" dependency:copy-dependencies \
      -DexcludeTransitive=true -DoutputDirectory="$out" >"$out/fetch.log" 2>&1; then
    tail -n 30 "$out/fetch.log" >&2
    die "could not fetch the artifacts (log: $out/fetch.log)"
  fi
  touch "$out/.complete-$VERSION"
}

# A module folder of the distribution from jars: module NAME CLASS EXTENDED JAR...
module() {
  local name="$1" class="$2" extended="$3"; shift 3
  local dir="$dist.tmp/modules/$name"
  mkdir -p "$dir"
  for jar in "$@"; do cp "$base/artifacts/$jar" "$dir/"; done
  cat >"$dir/plugin-descriptor.properties" <<EOF
description=$name, assembled by Engram's scripts/opensearch.sh from Maven Central jars
version=$VERSION
name=$name
classname=$class
java.version=21
opensearch.version=$VERSION
custom.foldername=
extended.plugins=$extended
has.native.controller=false
EOF
}

assemble() {
  if [ -f "$dist/.complete" ]; then return; fi
  fetch_artifacts
  log "assembling the distribution in $dist"
  rm -rf "$dist.tmp" "$dist"
  mkdir -p "$dist.tmp"
  unzip -q "$base/artifacts/opensearch-$VERSION.zip" -d "$dist.tmp.unzip"
  mv "$dist.tmp.unzip/opensearch-$VERSION"/* "$dist.tmp/"
  rm -rf "$dist.tmp.unzip"
  module lang-painless org.opensearch.painless.PainlessModulePlugin "" \
    "lang-painless-$VERSION.jar" "opensearch-scripting-painless-spi-$VERSION.jar" \
    antlr4-runtime-4.13.1.jar asm-9.7.jar asm-analysis-9.7.jar asm-commons-9.7.jar \
    asm-tree-9.7.jar asm-util-9.7.jar
  module analysis-common org.opensearch.analysis.common.CommonAnalysisModulePlugin lang-painless \
    "analysis-common-$VERSION.jar"
  # reindex-client's runtime dependencies, less those the distribution's lib/ already has
  # (opensearch-common, reactor-core, reactive-streams).
  module reindex org.opensearch.index.reindex.ReindexModulePlugin "" \
    "reindex-client-$VERSION.jar" "opensearch-rest-client-$VERSION.jar" \
    "opensearch-ssl-config-$VERSION.jar" httpclient5-5.4.4.jar httpcore5-5.3.4.jar \
    httpcore5-h2-5.3.4.jar httpcore5-reactive-5.3.4.jar commons-codec-1.18.0.jar \
    commons-logging-1.2.jar slf4j-api-2.0.17.jar
  (cd "$dist.tmp" && OPENSEARCH_JAVA_HOME="$(java_home)" bin/opensearch-plugin install --batch \
    "file://$base/artifacts/opensearch-knn-$KNN_VERSION.zip" >"$base/knn-install.log" 2>&1) \
    || { tail -n 30 "$base/knn-install.log" >&2; die "installing the k-NN plugin failed"; }
  chmod -R a+rX "$dist.tmp"
  touch "$dist.tmp/.complete"
  mv "$dist.tmp" "$dist"
}

run_user() {
  if [ "$(id -u)" != 0 ]; then return; fi
  if ! id "$RUN_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir "$base" --shell /usr/sbin/nologin "$RUN_USER"
  fi
  # The user must reach its node folders through $base's parents.
  local d="$base"
  while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
}

node_dir() { echo "$cluster/node-$1"; }
node_pid() { # the java pid of node i when it runs, else nothing
  local f; f="$(node_dir "$1")/opensearch.pid"
  [ -f "$f" ] || return 0
  local pid; pid="$(cat "$f")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q java "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
  fi
}

configure_node() {
  local i="$1" dir; dir="$(node_dir "$1")"
  mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
  rm -rf "$dir/config"
  cp -r "$dist/config" "$dir/config"
  local http=$((port + i)) transport=$((port + 100 + i))
  {
    echo "cluster.name: engram-$port"
    echo "node.name: node-$i"
    echo "network.host: 127.0.0.1"
    echo "http.port: $http"
    echo "transport.port: $transport"
    echo "path.data: $dir/data"
    echo "path.logs: $dir/logs"
    if [ "$nodes" = 1 ]; then
      echo "discovery.type: single-node"
    else
      local seeds="" masters="" j
      for j in $(seq 0 $((nodes - 1))); do
        seeds="$seeds${seeds:+, }\"127.0.0.1:$((port + 100 + j))\""
        masters="$masters${masters:+, }\"node-$j\""
      done
      echo "discovery.seed_hosts: [$seeds]"
      echo "cluster.initial_cluster_manager_nodes: [$masters]"
    fi
    # A developer machine's disk may be fuller than OpenSearch's 85% default watermark allows.
    echo "cluster.routing.allocation.disk.threshold_enabled: false"
  } >"$dir/config/opensearch.yml"
  # Small heap, and every relative path of jvm.options made absolute to this node's folders.
  sed -i -e "s/^-Xms.*/-Xms$heap/" -e "s/^-Xmx.*/-Xmx$heap/" \
    -e "s#logs/#$dir/logs/#g" -e "s#HeapDumpPath=data#HeapDumpPath=$dir/data#" \
    -e "s#agent/opensearch-agent.jar#$dist/agent/opensearch-agent.jar#" "$dir/config/jvm.options"
  if [ "$(id -u)" = 0 ]; then chown -R "$RUN_USER:" "$dir"; fi
}

launch_node() {
  local i="$1" dir; dir="$(node_dir "$1")"
  local -a env=(OPENSEARCH_JAVA_HOME="$(java_home)" OPENSEARCH_PATH_CONF="$dir/config"
    OPENSEARCH_TMPDIR="$dir/tmp" JAVA_HOME= )
  rm -f "$dir/opensearch.pid"
  if [ "$(id -u)" = 0 ]; then
    (cd "$dist" && runuser -u "$RUN_USER" -- env "${env[@]}" bin/opensearch -d -p "$dir/opensearch.pid" \
      >"$dir/launch.log" 2>&1)
  else
    (cd "$dist" && env "${env[@]}" bin/opensearch -d -p "$dir/opensearch.pid" >"$dir/launch.log" 2>&1)
  fi || { cat "$dir/launch.log" >&2; tail -n 40 "$dir/logs/engram-$port.log" >&2 2>/dev/null || true;
          die "node-$i did not start"; }
}

health() { # the cluster health JSON, or nothing
  curl -s -m 5 "http://127.0.0.1:$port/_cluster/health${1:-}" 2>/dev/null || true
}

start() {
  local running=0 i
  for i in $(seq 0 $((nodes - 1))); do [ -n "$(node_pid "$i")" ] && running=$((running + 1)); done
  if [ "$running" = 0 ] && curl -s -m 2 "http://127.0.0.1:$port/" >/dev/null 2>&1; then
    die "something else answers on 127.0.0.1:$port: stop it or pass --port"
  fi
  assemble
  run_user
  for i in $(seq 0 $((nodes - 1))); do
    if [ -n "$(node_pid "$i")" ]; then continue; fi
    configure_node "$i"
    launch_node "$i"
  done
  local want=green deadline=$((SECONDS + wait_s)) h=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    h="$(health "?wait_for_status=yellow&wait_for_nodes=$nodes&timeout=2s")"
    if printf '%s' "$h" | grep -Eq '"status":"(green|yellow)"' \
        && printf '%s' "$h" | grep -q "\"number_of_nodes\":$nodes,"; then
      log "cluster engram-$port is up: $nodes node(s) on 127.0.0.1:$port ($(printf '%s' "$h" \
        | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'))"
      return 0
    fi
    for i in $(seq 0 $((nodes - 1))); do
      # The java process writes its pid file a few seconds into its start; until then it starts.
      local pidfile; pidfile="$(node_dir "$i")/opensearch.pid"
      if { [ -f "$pidfile" ] || [ $((deadline - SECONDS)) -lt $((wait_s - 60)) ]; } \
          && [ -z "$(node_pid "$i")" ]; then
        tail -n 40 "$(node_dir "$i")/logs/engram-$port.log" >&2 2>/dev/null || true
        die "node-$i exited while starting (logs: $(node_dir "$i")/logs)"
      fi
    done
    sleep 1
  done
  log "last health: ${h:-no answer}"
  die "cluster engram-$port did not reach $want or yellow within ${wait_s}s (logs: $cluster/node-*/logs)"
}

stop() {
  local f pid any=0
  for f in "$base/clusters/$port-x"*/node-*/opensearch.pid; do
    [ -f "$f" ] || continue
    pid="$(cat "$f")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q java "/proc/$pid/cmdline" 2>/dev/null; then
      kill "$pid"
      any=1
      local waited=0
      while kill -0 "$pid" 2>/dev/null; do
        sleep 0.5; waited=$((waited + 1))
        if [ "$waited" -ge 120 ]; then log "pid $pid ignored SIGTERM for 60 s; killing it"; kill -9 "$pid"; fi
      done
      log "stopped $(basename "$(dirname "$f")") (pid $pid)"
    fi
    rm -f "$f"
  done
  [ "$any" = 1 ] || log "no node of cluster engram-$port was running"
}

status() {
  local down=0 i pid
  for i in $(seq 0 $((nodes - 1))); do
    pid="$(node_pid "$i")"
    if [ -n "$pid" ]; then echo "node-$i: running (pid $pid, http 127.0.0.1:$((port + i)))"
    else echo "node-$i: not running"; down=1; fi
  done
  local h; h="$(health)"
  echo "health: ${h:-no answer on 127.0.0.1:$port}"
  [ "$down" = 0 ] && [ -n "$h" ]
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/opensearch.sh start|stop|status [--nodes N] [--port P]" >&2; exit 2 ;;
esac
