#!/bin/sh
# make-new-format.sh - record the new-format transcript fixtures with the real Claude Code
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: CLAUDE=/path/to/claude.exe tests/data/transcripts/make-new-format.sh
# Runs Claude Code with -p against tests/oracle/anthropic-server.py twice, with known usage,
# and copies the transcripts it wrote into new-format/. Lines of the types attachment,
# api-request-shape and api-request-blob are left out: they hold Claude Code's own system
# prompt and tool descriptions, which are not ours to commit and carry no usage. The
# projects folder names and cwd are those of the scratch folder (/tmp/sbfx/...).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
oracle="$here/../../oracle/run-case.sh"
rm -rf /tmp/sbfx "$here/new-format"
mkdir -p "$here/new-format"

# qwen/qwen3-coder with a subagent: 4 replies of 1000 in, 100 out, 2000 cache read,
# 300 cache write (3 in the session, 1 in subagents/agent-*.jsonl).
USER_JSON='{"model":"qwen/qwen3-coder"}' \
ORACLE_TOOL_USE='Agent:{"description":"probe","prompt":"say pong","subagent_type":"Explore"}' \
ORACLE_INPUT_TOKENS=1000 ORACLE_OUTPUT_TOKENS=100 ORACLE_CACHE_READ_TOKENS=2000 \
ORACLE_CACHE_WRITE_TOKENS=300 sh "$oracle" /tmp/sbfx/agent -- --allowedTools Agent

# anthropic/claude-sonnet-4, one reply of 1234 in, 56 out, 789 cache read, 321 cache write.
USER_JSON='{"model":"anthropic/claude-sonnet-4"}' \
ORACLE_INPUT_TOKENS=1234 ORACLE_OUTPUT_TOKENS=56 ORACLE_CACHE_READ_TOKENS=789 \
ORACLE_CACHE_WRITE_TOKENS=321 sh "$oracle" /tmp/sbfx/ping

for run in agent ping; do
  (cd /tmp/sbfx/$run/home/.claude/projects && find . -name '*.jsonl') | while read -r f; do
    mkdir -p "$here/new-format/$(dirname "$f")"
    python3 -I - "/tmp/sbfx/$run/home/.claude/projects/$f" "$here/new-format/$f" <<'PY'
import json, sys
drop = {"attachment", "api-request-shape", "api-request-blob"}
with open (sys.argv[1]) as src, open (sys.argv[2], "w") as dst:
  for line in src:
    if json.loads (line).get ("type") not in drop:
      dst.write (line)
PY
  done
done
if grep -rqE 'sk-(or|ant)-' "$here/new-format"; then
  echo "key-shaped string in the fixtures" >&2; exit 1
fi
