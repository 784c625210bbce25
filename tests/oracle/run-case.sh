#!/bin/sh
# run-case.sh - run Claude Code once with -p against the loopback server and summarise it
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: CLAUDE=/path/to/claude [USER_JSON=…] [PROJECT_JSON=…] [LOCAL_JSON=…] \
#          run-case.sh OUTDIR [VAR=value …] [-- extra claude arguments]
# Each *_JSON is written verbatim as that layer's file. OUTDIR receives requests.jsonl,
# out.json (stdout) and err.txt (stderr); a one-line summary of each /v1/messages request
# is printed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1; shift
rm -rf "$out"; mkdir -p "$out/home/.claude" "$out/project/.claude"
out=$(cd "$out" && pwd)
[ -n "${USER_JSON:-}" ] && printf '%s' "$USER_JSON" > "$out/home/.claude/settings.json"
[ -n "${PROJECT_JSON:-}" ] && printf '%s' "$PROJECT_JSON" > "$out/project/.claude/settings.json"
[ -n "${LOCAL_JSON:-}" ] && printf '%s' "$LOCAL_JSON" > "$out/project/.claude/settings.local.json"
python3 "$here/anthropic-server.py" --port-file "$out/port" --log "$out/requests.jsonl" \
  --max-requests "${ORACLE_MAX_REQUESTS:-40}" --timeout "${ORACLE_TIMEOUT:-90}" >/dev/null &
server=$!
i=0; while [ ! -s "$out/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
port=$(cat "$out/port")
vars=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars="$vars $1"; shift; done
[ $# -gt 0 ] && shift
cd "$out/project"
# shellcheck disable=SC2086
env -i PATH="$PATH" TERM=dumb HOME="$out/home" CLAUDE_CONFIG_DIR="$out/home/.claude" \
  ANTHROPIC_BASE_URL="http://127.0.0.1:$port" ANTHROPIC_API_KEY="${ORACLE_KEY-test}" \
  DISABLE_TELEMETRY=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 $vars \
  timeout 60 "${CLAUDE:-claude}" -p "${PROMPT:-ping}" --output-format json "$@" \
  > "$out/out.json" 2> "$out/err.txt" || echo "exit $?" >> "$out/err.txt"
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
python3 - "$out" <<'PY'
import json, sys
d = sys.argv[1]
for line in open (d + "/requests.jsonl"):
  e = json.loads (line)
  b = e.get ("body") or {}
  if e["path"].startswith ("/v1/messages"):
    print ("  %s %s model=%s max_tokens=%s stream=%s 1m-beta=%s" % (
      e["method"], e["path"], b.get ("model"), b.get ("max_tokens"), b.get ("stream"),
      ",".join (x for x in e["headers"].get ("anthropic-beta", "").split (",") if "1m" in x)))
  else:
    print ("  %s %s" % (e["method"], e["path"]))
try:
  o = json.load (open (d + "/out.json"))
  mu = o.get ("modelUsage") or {}
  print ("  result=%r models=%s" % (o.get ("result"), {k: (v.get ("contextWindow"), v.get ("maxOutputTokens")) for k, v in mu.items ()}))
except Exception as ex:
  print ("  out.json unreadable:", open (d + "/out.json").read ()[:300])
err = open (d + "/err.txt").read ().strip ()
if err:
  print ("  stderr:", err[:600])
PY
