#!/usr/bin/env python3
# oracle-suite.py - what the real Claude Code sends must equal what signalbox says it sends
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# For each stack of settings files below, `signalbox --status --json` says in its "claude"
# object which model Claude Code sends, with which max_tokens and which window; then the real
# Claude Code runs once with -p against the loopback server (anthropic-server.py) in the same
# folder, and the request it sent and the window it reported are compared with that object.
# Prints TAP. Claude Code comes from ORACLE_CLAUDE (build-aux/dev test installs the pinned
# version into the build folder with npm, or ORACLE_CLAUDE names one); without it the suite
# is skipped, saying why.

import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname (os.path.abspath (__file__))
SERVER = os.path.join (HERE, "anthropic-server.py")
CATALOGUE = os.path.join (HERE, "..", "data", "claude", "models.json")

TIERS = {
  "ANTHROPIC_DEFAULT_OPUS_MODEL": "x/opus-tier",
  "ANTHROPIC_DEFAULT_SONNET_MODEL": "x/sonnet-tier",
  "ANTHROPIC_DEFAULT_HAIKU_MODEL": "x/haiku-tier",
  "ANTHROPIC_DEFAULT_FABLE_MODEL": "x/fable-tier",
}


def tiers (**more):
  env = dict (TIERS)
  env.update (more)
  return env


# name, files (user/project/local as objects or raw text), and `use`: models switched to
# with `signalbox --use` before both are asked.
CASES = [
  ("nothing", {}),
  ("alias-opus", {"user": {"model": "opus"}}),
  ("alias-fable", {"user": {"model": "fable"}}),
  ("default-literal", {"user": {"model": "default"}}),
  ("unknown", {"user": {"model": "qwen/qwen3-coder"}}),
  ("claude-id", {"user": {"model": "anthropic/claude-sonnet-4.5"}}),
  ("claude-id-1m", {"user": {"model": "anthropic/claude-sonnet-4.5[1m]"}}),
  ("claude-3-haiku", {"user": {"model": "anthropic/claude-3-haiku"}}),
  ("claude-unknown-to-it", {"user": {"model": "anthropic/claude-opus-4.9",
                                     "env": {"CLAUDE_CODE_MAX_CONTEXT_TOKENS": "400000"}}}),
  ("unknown-1m-window-ignored", {"user": {"model": "qwen/qwen3-coder[1m]",
                                          "env": {"CLAUDE_CODE_MAX_CONTEXT_TOKENS": "131072"}}}),
  ("tiers-opus", {"user": {"model": "opus", "env": tiers ()}}),
  ("tiers-default", {"user": {"env": tiers ()}}),
  ("tiers-sonnet-window", {"user": {"model": "sonnet", "env": tiers (
    CLAUDE_CODE_MAX_CONTEXT_TOKENS="262144")}}),
  ("tiers-opus-limits", {"user": {"model": "opus", "env": tiers (
    CLAUDE_CODE_MAX_CONTEXT_TOKENS="262144", CLAUDE_CODE_MAX_OUTPUT_TOKENS="65536")}}),
  ("default-model-variable", {"user": {"env": {"ANTHROPIC_DEFAULT_MODEL": "x/d",
                                               "ANTHROPIC_DEFAULT_OPUS_MODEL": "x/o"}}}),
  ("user-env-beats-project-model", {"user": {"env": {"ANTHROPIC_MODEL": "b/e"}},
                                    "project": {"model": "a/m"}}),
  ("layers", {"user": {"model": "a/user"}, "project": {"model": "a/project"},
              "local": {"model": "a/local"}}),
  ("output-clamped", {"user": {"model": "qwen/qwen3-coder",
                               "env": {"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "200000"}}}),
  ("available-prefix", {"user": {"model": "qwen/qwen3-coder",
                                 "availableModels": ["Qwen/Qwen3"]}}),
  ("available-no-boundary", {"user": {"model": "qwen/qwen3-coder",
                                      "availableModels": ["qwen/"]}}),
  ("available-drop-to-tier", {"user": {"model": "qwen/qwen3-coder",
                                       "availableModels": ["moonshotai/kimi-k2"],
                                       "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "x/opus-tier"}}}),
  ("available-lists-merge", {"user": {"availableModels": ["a/one"]},
                             "project": {"availableModels": ["a/two"], "model": "a/one"}}),
  ("behaves-as-user", {"user": {"model": "qwen/qwen3-coder", "modelPicker": {"options": [
    {"model": "qwen/qwen3-coder", "behavesAs": "claude-sonnet-4-5"}]}}}),
  ("behaves-as-project", {"user": {"model": "qwen/qwen3-coder"}, "project": {"modelPicker": {
    "options": [{"model": "qwen/qwen3-coder", "behavesAs": "claude-sonnet-4-5"}]}}}),
  ("bom", {"user": "\ufeff{\"model\": \"a/bom\"}"}),
  ("project-invalid", {"user": {"model": "a/user"}, "project": "{\"model\": \"a/project\",}"}),
  ("use-unknown", {"use": ["moonshotai/kimi-k2"]}),
  ("use-switch", {"use": ["moonshotai/kimi-k2", "z-ai/glm-4.6", "qwen/qwen3-coder"]}),
  ("use-to-claude", {"use": ["z-ai/glm-4.6", "anthropic/claude-sonnet-4.5"]}),
  ("use-moves-old-setup", {"local": {"env": {"ANTHROPIC_MODEL": "qwen/qwen3-coder"}},
                           "use": ["moonshotai/kimi-k2"]}),
]


def write (path, content):
  os.makedirs (os.path.dirname (path), exist_ok=True)
  text = content if isinstance (content, str) else json.dumps (content, indent=2)
  with open (path, "w", encoding="utf-8") as f:
    f.write (text)


def run_case (name, spec, claude, signalbox, base_env):
  root = tempfile.mkdtemp (prefix="oracle-%s-" % name)
  try:
    home = os.path.join (root, "home")
    folder = os.path.join (home, "project")
    cache = os.path.join (root, "cache")
    os.makedirs (os.path.join (home, ".claude"))
    os.makedirs (os.path.join (folder, ".claude"))
    # The test catalogue as signalbox's cache, so that --use writes known limits.
    os.makedirs (os.path.join (cache, "signalbox"))
    shutil.copy (CATALOGUE, os.path.join (cache, "signalbox", "models.json"))
    files = {"user": os.path.join (home, ".claude", "settings.json"),
             "project": os.path.join (folder, ".claude", "settings.json"),
             "local": os.path.join (folder, ".claude", "settings.local.json")}
    for scope, path in files.items ():
      if scope in spec:
        write (path, spec[scope])

    env = dict (base_env)
    env.update (HOME=home, XDG_CACHE_HOME=cache, XDG_STATE_HOME=os.path.join (root, "state"),
                SIGNALBOX_MANAGED_DIR=os.path.join (root, "managed"))
    env.pop ("CLAUDE_CONFIG_DIR", None)
    for model in spec.get ("use", []):
      done = subprocess.run ([signalbox, "--use", model, folder], env=env, cwd=folder,
                             capture_output=True, text=True, timeout=60)
      if done.returncode != 0:
        return False, "signalbox --use %s: %s" % (model, done.stderr.strip ())

    status = subprocess.run ([signalbox, "--status", "--json", folder], env=env, cwd=folder,
                             capture_output=True, text=True, timeout=60)
    said = json.loads (status.stdout)["claude"]

    log = os.path.join (root, "requests.jsonl")
    port_file = os.path.join (root, "port")
    server = subprocess.Popen ([sys.executable, SERVER, "--port-file", port_file, "--log", log,
                                "--max-requests", "10", "--timeout", "60"],
                               stdout=subprocess.DEVNULL)
    try:
      for _ in range (100):
        if os.path.exists (port_file):
          break
        time.sleep (0.05)
      port = open (port_file).read ().strip ()
      claude_env = {"PATH": os.environ.get ("PATH", "/usr/bin:/bin"), "TERM": "dumb",
                    "HOME": home, "ANTHROPIC_BASE_URL": "http://127.0.0.1:" + port,
                    "ANTHROPIC_API_KEY": "oracle", "DISABLE_TELEMETRY": "1",
                    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1"}
      ran = subprocess.run ([claude, "-p", "ping", "--output-format", "json"], env=claude_env,
                            cwd=folder, capture_output=True, text=True, timeout=90)
    finally:
      server.terminate ()
      server.wait ()

    requests = [json.loads (line) for line in open (log)
                if line.strip () and json.loads (line)["path"].startswith ("/v1/messages")]
    if not requests:
      return False, "Claude Code sent nothing: %s" % ran.stderr.strip ()[:300]
    body = requests[0].get ("body") or {}
    usage = json.loads (ran.stdout).get ("modelUsage") or {}
    reported = list (usage.keys ())
    window = usage[reported[0]].get ("contextWindow") if len (reported) == 1 else None

    sent = {"model": body.get ("model"), "reported_model": reported[0] if reported else None,
            "max_output_tokens": body.get ("max_tokens"), "context_window": window}
    expected = {key: said.get (key) for key in sent}
    if sent != expected:
      return False, "Claude Code sent %s; signalbox said %s" % (json.dumps (sent),
                                                                json.dumps (expected))
    return True, json.dumps (sent)
  finally:
    shutil.rmtree (root, ignore_errors=True)


def main ():
  # Where build-aux/dev test installs it: oracle/ in the build folder.
  build = os.path.dirname (os.environ.get ("G_TEST_BUILDDIR", "."))
  claude = os.environ.get ("ORACLE_CLAUDE") or os.path.join (
    build, "oracle", "node_modules", "@anthropic-ai", "claude-code", "bin", "claude.exe")
  signalbox = os.environ.get ("SIGNALBOX_BINARY", "")
  if not claude or not os.access (claude, os.X_OK):
    print ("1..0 # SKIP Claude Code is not installed at %r: `build-aux/dev test` installs "
           "the pinned version there with npm, which needs the npm registry" % claude)
    return 0

  version = subprocess.run ([claude, "--version"], capture_output=True, text=True,
                            timeout=60).stdout.strip ()
  env = dict (os.environ)
  # ORACLE_ONLY=name,name runs those cases alone, to look at one rule quickly.
  only = [name for name in os.environ.get ("ORACLE_ONLY", "").split (",") if name]
  cases = [case for case in CASES if not only or case[0] in only]
  print ("1..%d" % (len (cases) + 1))
  print ("# %s" % version)

  results = {}
  with concurrent.futures.ThreadPoolExecutor (max_workers=3) as pool:
    futures = {pool.submit (run_case, name, spec, claude, signalbox, env): name
               for name, spec in cases}
    for future in concurrent.futures.as_completed (futures):
      try:
        results[futures[future]] = future.result ()
      except Exception as error:  # one broken case must not hide the others
        results[futures[future]] = (False, "%s: %s" % (type (error).__name__, error))

  failed = 0
  for i, (name, _) in enumerate (cases, 1):
    ok, detail = results[name]
    failed += not ok
    print ("%s %d /signalbox/oracle/%s" % ("ok" if ok else "not ok", i, name))
    print ("# %s" % detail)

  # The rules in the "claude" object are those of one version: the one that runs here.
  pinned = json.loads (subprocess.run ([signalbox, "--status", "--json", "/"], env=env,
                                       capture_output=True, text=True,
                                       timeout=60).stdout)["claude"]["claude_code"]
  same = version.split ()[0] == pinned if version else False
  print ("%s %d /signalbox/oracle/version" % ("ok" if same else "not ok", len (cases) + 1))
  print ("# claude --version says %r; signalbox's rules are those of %s" % (version, pinned))
  return 1 if failed or not same else 0


if __name__ == "__main__":
  sys.exit (main ())
