#!/usr/bin/env python3
# build-aux/bench-costs-generate.py - made-up Claude Code transcripts for build-aux/bench-costs
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   bench-costs-generate.py CONFIG_DIR MEGABYTES [SEED]
#
# Writes CONFIG_DIR/projects/<folder>/<session>.jsonl (and subagents/agent-*.jsonl) until
# about MEGABYTES have been written, half the sessions in the old format (requestId, one line
# per content block) and half in the format of Claude Code 2.1.332 (apiBlockIndex and
# requestRef, no requestId, a cost-state line), with large lines that carry no usage between
# the replies as real sessions have. Prints the exact totals, each reply counted once, as JSON.

import json
import os
import random
import sys
import time
import uuid

MODELS = ["anthropic/claude-sonnet-4", "qwen/qwen3-coder", "moonshotai/kimi-k2",
          "z-ai/glm-4.6"]
FOLDERS = ["/home/dev/src/app", "/home/dev/src/my.app", "/home/dev/src/my-app",
           "/srv/work/api", "/srv/work/web"]
WORDS = ("the a reply tool file line code test build error fix change read write "
         "\"quoted\" back\\slash tab\t new\nline café ✓ ").split(" ")


def text (rng, n):
  out = []
  size = 0
  while size < n:
    w = rng.choice (WORDS)
    out.append (w)
    size += len (w) + 1
  return " ".join (out)


def main ():
  config, megabytes = sys.argv[1], float (sys.argv[2])
  rng = random.Random (int (sys.argv[3]) if len (sys.argv) > 3 else 15)
  target = int (megabytes * 1024 * 1024)
  written = 0
  totals = {m: [0, 0, 0, 0] for m in MODELS}
  replies = 0
  lines_with_usage = 0
  now = time.time ()
  session_no = 0
  # A pool of filler, sliced, so that generating is not slower than reading.
  pool = text (rng, 200000)

  def filler (n):
    start = rng.randrange (0, len (pool) - n)
    return pool[start:start + n]

  while written < target:
    session_no += 1
    folder = rng.choice (FOLDERS)
    name = "".join (c if c.isalnum () else "-" for c in folder)
    session = str (uuid.UUID (int=rng.getrandbits (128)))
    new_format = session_no % 2 == 0
    path = os.path.join (config, "projects", name, session + ".jsonl")
    if rng.random () < 0.2:
      path = os.path.join (config, "projects", name, session, "subagents",
                           "agent-%016x.jsonl" % rng.getrandbits (64))
    os.makedirs (os.path.dirname (path), exist_ok=True)
    model = rng.choice (MODELS)
    start = now - rng.uniform (0, 20 * 86400)
    cost_state = {}
    with open (path, "w", encoding="utf-8") as out:
      for turn in range (rng.randint (20, 200)):
        stamp = time.strftime ("%Y-%m-%dT%H:%M:%S", time.gmtime (start + turn * 30))
        stamp += ".%03dZ" % rng.randrange (1000)
        base = {"parentUuid": None, "isSidechain": "subagents" in path, "userType": "external",
                "cwd": folder, "sessionId": session,
                "version": "2.1.332" if new_format else "2.0.14", "gitBranch": "main"}
        lines = []
        user = dict (base, type="user", uuid=str (uuid.uuid4 ()), timestamp=stamp,
                     message={"role": "user", "content": filler (rng.randint (100, 3000))})
        lines.append (user)
        if rng.random () < 0.3:
          lines.append (dict (base, type="attachment", uuid=str (uuid.uuid4 ()),
                              timestamp=stamp,
                              attachment={"type": "file", "content": filler (
                                rng.randint (5000, 40000))}))
        usage = {"input_tokens": rng.randint (1, 5000),
                 "cache_creation_input_tokens": rng.randint (0, 20000),
                 "cache_read_input_tokens": rng.randint (0, 200000),
                 "output_tokens": rng.randint (1, 4000),
                 "service_tier": "standard"}
        msg_id = "msg_%024x" % rng.getrandbits (96)
        blocks = rng.randint (1, 3)
        request_ref = str (uuid.uuid4 ())
        for b in range (blocks):
          kind = ["thinking", "text", "tool_use"][b % 3]
          content = [{"type": kind, kind if kind != "tool_use" else "input":
                      filler (rng.randint (50, 4000))}]
          message = {"id": msg_id, "type": "message", "role": "assistant", "model": model,
                     "content": content, "stop_reason": None, "usage": usage}
          line = dict (base, type="assistant", uuid=str (uuid.uuid4 ()), timestamp=stamp,
                       message=message)
          if new_format:
            line["apiBlockIndex"] = b
            line["requestRef"] = request_ref
          else:
            line["requestId"] = "req_%024x" % (int (msg_id[4:], 16) ^ 0xabc)
          lines.append (line)
          lines_with_usage += 1
        replies += 1
        t = totals[model]
        t[0] += usage["input_tokens"]
        t[1] += usage["output_tokens"]
        t[2] += usage["cache_read_input_tokens"]
        t[3] += usage["cache_creation_input_tokens"]
        cs = cost_state.setdefault (model, [0, 0, 0, 0])
        for i in range (4):
          cs[i] += [usage["input_tokens"], usage["output_tokens"],
                    usage["cache_read_input_tokens"],
                    usage["cache_creation_input_tokens"]][i]
        # Now and then Claude Code's own notice.
        if rng.random () < 0.02:
          lines.append (dict (base, type="assistant", uuid=str (uuid.uuid4 ()), timestamp=stamp,
                              isApiErrorMessage=True,
                              message={"id": str (uuid.uuid4 ()), "model": "<synthetic>",
                                       "role": "assistant", "type": "message",
                                       "content": [{"type": "text", "text": "API Error"}],
                                       "usage": {"input_tokens": 0, "output_tokens": 0,
                                                 "cache_creation_input_tokens": 0,
                                                 "cache_read_input_tokens": 0}}))
        for line in lines:
          data = json.dumps (line, ensure_ascii=False) + "\n"
          out.write (data)
          written += len (data.encode ("utf-8"))
      if new_format:
        data = json.dumps ({"type": "cost-state", "sessionId": session, "modelUsage": {
          m: {"inputTokens": v[0], "outputTokens": v[1], "cacheReadInputTokens": v[2],
              "cacheCreationInputTokens": v[3], "costUSD": 1.0} for m, v in cost_state.items ()
        }}) + "\n"
        out.write (data)
        written += len (data)

  all_tokens = sum (sum (v) for v in totals.values ())
  json.dump ({"bytes": written, "replies": replies, "lines_with_usage": lines_with_usage,
              "tokens": all_tokens, "models": totals}, sys.stdout)
  print ()


if __name__ == "__main__":
  main ()
