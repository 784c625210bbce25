#!/usr/bin/env python3
# anthropic-server.py - loopback stand-in for the Anthropic Messages API, for oracle runs
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Claude Code is run against this server so that what it sends (model, max_tokens, headers)
# can be read back from a JSON-lines log. Replies are fixed and carry known usage numbers.
# The server is bounded: it stops after --max-requests requests or --timeout seconds, so a
# test that forgets it cannot leave it running.

import argparse
import hashlib
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REDACTED_HEADERS = ("x-api-key", "authorization", "proxy-authorization", "cookie")


def env_int (name, default):
  try:
    return int (os.environ.get (name, default))
  except ValueError:
    return default


def redact (name, value):
  # Keep a short hash so two runs can tell whether the same credential went out, and the
  # scheme word of Authorization so "Bearer" can be checked; never the secret itself.
  # The hash covers the credential alone, so x-api-key and Authorization can be compared.
  scheme = ""
  if name == "authorization" and " " in value:
    scheme, value = value.split (" ", 1)
    scheme += " "
  digest = hashlib.sha256 (value.encode ("utf-8", "replace")).hexdigest ()[:8]
  return "%s<redacted len=%d sha256:%s>" % (scheme, len (value), digest)


class State:
  def __init__ (self, args):
    self.args = args
    self.lock = threading.Lock ()
    self.count = 0
    self.tool_uses_sent = 0
    self.log = open (args.log, "a", encoding="utf-8") if args.log else None
    self.done = threading.Event ()

  def record (self, entry):
    with self.lock:
      self.count += 1
      entry["n"] = self.count
      if self.log:
        self.log.write (json.dumps (entry, sort_keys=True) + "\n")
        self.log.flush ()
      if self.args.max_requests and self.count >= self.args.max_requests:
        self.done.set ()


class Handler (BaseHTTPRequestHandler):
  protocol_version = "HTTP/1.1"
  server_version = "signalbox-oracle/1"

  def log_message (self, fmt, *args):
    if self.server.state.args.verbose:
      sys.stderr.write ("oracle: " + (fmt % args) + "\n")

  def read_body (self):
    length = int (self.headers.get ("content-length") or 0)
    raw = self.rfile.read (length) if length > 0 else b""
    try:
      return raw, json.loads (raw) if raw else None
    except ValueError:
      return raw, None

  def record (self, body_json, raw):
    headers = {}
    for name, value in self.headers.items ():
      low = name.lower ()
      headers[low] = redact (low, value) if low in REDACTED_HEADERS else value
    entry = {
      "time": time.time (),
      "method": self.command,
      "path": self.path,
      "headers": headers,
    }
    if body_json is not None:
      entry["body"] = body_json
    elif raw:
      entry["body_raw"] = raw[:4096].decode ("utf-8", "replace")
    self.server.state.record (entry)

  def send_json (self, status, obj):
    data = json.dumps (obj).encode ("utf-8")
    self.send_response (status)
    self.send_header ("content-type", "application/json")
    self.send_header ("content-length", str (len (data)))
    self.send_header ("request-id", "req_oracle")
    self.end_headers ()
    self.wfile.write (data)

  def do_HEAD (self):
    self.record (None, b"")
    self.send_response (200)
    self.send_header ("content-length", "0")
    self.end_headers ()

  def do_GET (self):
    self.record (None, b"")
    path = self.path.split ("?", 1)[0]
    if path.endswith ("/v1/models"):
      # An empty list: the oracle is about what Claude Code does with ids it is given,
      # not about discovery.
      self.send_json (200, {"data": [], "has_more": False, "first_id": None, "last_id": None})
    else:
      self.send_json (200, {})

  def do_POST (self):
    raw, body = self.read_body ()
    self.record (body, raw)
    path = self.path.split ("?", 1)[0]
    args = self.server.state.args
    if path.endswith ("/v1/messages/count_tokens"):
      self.send_json (200, {"input_tokens": args.input_tokens})
    elif path.endswith ("/v1/messages"):
      model = (body or {}).get ("model", "unknown")
      tool = self.take_tool_use (body or {})
      if (body or {}).get ("stream"):
        self.stream_reply (model, tool)
      else:
        self.send_json (200, self.message (model, args.output_tokens, tool))
    else:
      self.send_json (404, {"type": "error",
                            "error": {"type": "not_found_error", "message": "no such path"}})

  def take_tool_use (self, body):
    # --tool-use makes the first request that offers the named tool get a call to it instead
    # of text, so that what Claude Code does next (a subagent's request, a Bash command) can
    # be observed. Later requests get the plain reply, which ends the turn.
    args = self.server.state.args
    if not args.tool_use:
      return None
    name, _, raw_input = args.tool_use.partition (":")
    offered = [t.get ("name") for t in body.get ("tools") or [] if isinstance (t, dict)]
    with self.server.state.lock:
      if self.server.state.tool_uses_sent >= args.tool_use_count or name not in offered:
        return None
      self.server.state.tool_uses_sent += 1
      n = self.server.state.tool_uses_sent
    return {"type": "tool_use", "id": "toolu_oracle_%d" % n, "name": name,
            "input": json.loads (raw_input or "{}")}

  def usage (self, output_tokens):
    args = self.server.state.args
    return {
      "input_tokens": args.input_tokens,
      "output_tokens": output_tokens,
      "cache_creation_input_tokens": args.cache_write_tokens,
      "cache_read_input_tokens": args.cache_read_tokens,
    }

  def message (self, model, output_tokens, tool=None):
    return {
      "id": "msg_oracle_%d" % self.server.state.count,
      "type": "message",
      "role": "assistant",
      "model": model,
      "content": [tool if tool else {"type": "text", "text": self.server.state.args.reply}],
      "stop_reason": "tool_use" if tool else "end_turn",
      "stop_sequence": None,
      "usage": self.usage (output_tokens),
    }

  def event (self, name, obj):
    chunk = ("event: %s\ndata: %s\n\n" % (name, json.dumps (obj))).encode ("utf-8")
    self.wfile.write (b"%x\r\n%s\r\n" % (len (chunk), chunk))
    self.wfile.flush ()

  def stream_reply (self, model, tool=None):
    args = self.server.state.args
    self.send_response (200)
    self.send_header ("content-type", "text/event-stream")
    self.send_header ("cache-control", "no-cache")
    self.send_header ("transfer-encoding", "chunked")
    self.send_header ("request-id", "req_oracle")
    self.end_headers ()
    start = self.message (model, 1)
    start["content"] = []
    start["stop_reason"] = None
    self.event ("message_start", {"type": "message_start", "message": start})
    if tool:
      block = {"type": "tool_use", "id": tool["id"], "name": tool["name"], "input": {}}
      delta = {"type": "input_json_delta", "partial_json": json.dumps (tool["input"])}
    else:
      block = {"type": "text", "text": ""}
      delta = {"type": "text_delta", "text": args.reply}
    self.event ("content_block_start", {"type": "content_block_start", "index": 0,
                                        "content_block": block})
    self.event ("ping", {"type": "ping"})
    self.event ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                        "delta": delta})
    self.event ("content_block_stop", {"type": "content_block_stop", "index": 0})
    self.event ("message_delta", {"type": "message_delta",
                                  "delta": {"stop_reason": "tool_use" if tool else "end_turn",
                                            "stop_sequence": None},
                                  "usage": {"output_tokens": args.output_tokens}})
    self.event ("message_stop", {"type": "message_stop"})
    self.wfile.write (b"0\r\n\r\n")
    self.wfile.flush ()


def main ():
  p = argparse.ArgumentParser (description=__doc__)
  p.add_argument ("--port", type=int, default=0, help="0 picks a free port")
  p.add_argument ("--port-file", help="write the chosen port here once listening")
  p.add_argument ("--log", help="append one JSON line per request here")
  p.add_argument ("--max-requests", type=int, default=env_int ("ORACLE_MAX_REQUESTS", 50))
  p.add_argument ("--timeout", type=float, default=env_int ("ORACLE_TIMEOUT", 120))
  p.add_argument ("--reply", default=os.environ.get ("ORACLE_REPLY", "pong"))
  p.add_argument ("--input-tokens", type=int, default=env_int ("ORACLE_INPUT_TOKENS", 11))
  p.add_argument ("--output-tokens", type=int, default=env_int ("ORACLE_OUTPUT_TOKENS", 7))
  p.add_argument ("--cache-read-tokens", type=int,
                  default=env_int ("ORACLE_CACHE_READ_TOKENS", 0))
  p.add_argument ("--cache-write-tokens", type=int,
                  default=env_int ("ORACLE_CACHE_WRITE_TOKENS", 0))
  p.add_argument ("--tool-use", default=os.environ.get ("ORACLE_TOOL_USE", ""),
                  help="NAME:JSON - answer the first request offering tool NAME with a call")
  p.add_argument ("--tool-use-count", type=int, default=1)
  p.add_argument ("--verbose", action="store_true")
  args = p.parse_args ()

  server = ThreadingHTTPServer (("127.0.0.1", args.port), Handler)
  server.daemon_threads = True
  server.state = State (args)
  port = server.server_address[1]
  if args.port_file:
    tmp = args.port_file + ".tmp"
    with open (tmp, "w") as f:
      f.write ("%d\n" % port)
    os.replace (tmp, args.port_file)
  print (port, flush=True)

  thread = threading.Thread (target=server.serve_forever, daemon=True)
  thread.start ()
  server.state.done.wait (args.timeout)
  # Let the last reply finish writing before the socket goes away.
  time.sleep (0.2)
  server.shutdown ()
  server.server_close ()


if __name__ == "__main__":
  main ()
