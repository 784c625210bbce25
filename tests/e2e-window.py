#!/usr/bin/python3
# e2e-window.py
#
# End to end: starts the real signalbox on a temporary HOME and folder (inside
# sb-test-session --dbus --xvfb), reads the window through its accessibility tree as a
# screen reader does, switches the model over D-Bus with app.use-model, edits a file from
# outside, and checks the file and the window each time. A screenshot of each state goes to
# $G_TEST_BUILDDIR/screenshots/.
#
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import time

import pyatspi

APP_ID = "io.github.signalbox.Signalbox"
HOME = os.environ["HOME"]
FOLDER = os.path.join(HOME, "src", "webshop")
USER_FILE = os.path.join(HOME, ".claude", "settings.json")
LOCAL_FILE = os.path.join(FOLDER, ".claude", "settings.local.json")
SHOTS = os.path.join(os.environ.get("G_TEST_BUILDDIR", "."), "screenshots")

results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    number = len(results)
    print(("ok %d - %s" if condition else "not ok %d - %s") % (number, name), flush=True)
    if not condition and detail:
        for line in str(detail).splitlines():
            print("# " + line, flush=True)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def read(path):
    with open(path) as f:
        return f.read()


def screenshot(name):
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, name + ".png")
    subprocess.run(["import", "-window", "root", path], check=False)
    print("# screenshot: " + path, flush=True)


def find_app(name="signalbox", timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == name and app.childCount > 0:
                return app
        time.sleep(0.2)
    return None


def texts(node, out=None, depth=0):
    """Every name and label text under node, as a screen reader can reach it."""
    if out is None:
        out = []
    if node is None or depth > 80:
        return out
    try:
        if node.name:
            out.append(node.name)
        if node.getRole() == pyatspi.ROLE_LABEL:
            text = node.queryText()
            content = text.getText(0, text.characterCount)
            if content and content != node.name:
                out.append(content)
    except Exception:
        pass
    try:
        for i in range(node.childCount):
            texts(node.getChildAtIndex(i), out, depth + 1)
    except Exception:
        pass
    return out


def visible(text):
    return text


def nodes(node, out=None, depth=0):
    """Every accessible under node, with its role and name."""
    if out is None:
        out = []
    if node is None or depth > 80:
        return out
    try:
        out.append(node)
        for i in range(node.childCount):
            nodes(node.getChildAtIndex(i), out, depth + 1)
    except Exception:
        pass
    return out


def matching(app, predicate):
    """The accessibles under app for which predicate holds. One that goes away while it is
    read (a row the window has just made anew) is not among them."""
    found = []
    for node in nodes(app):
        try:
            if predicate(node):
                found.append(node)
        except Exception:
            pass
    return found


def safe_names(found):
    """The names of found, but of those gone meanwhile."""
    return [name for name in (safe_name(n) for n in found) if name is not None]


def safe_name(node):
    try:
        return node.name
    except Exception:
        return None


def wait_for_nodes(app, predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while True:
        found = matching(app, predicate)
        if found or time.monotonic() >= deadline:
            return found
        time.sleep(0.3)


def named(app, role, name):
    return matching(app, lambda n: n.getRole() == role and n.name == name)


def focusable_buttons(app, name):
    return [n for n in named(app, pyatspi.ROLE_PUSH_BUTTON, name)
            if n.getState().contains(pyatspi.STATE_FOCUSABLE)]


def wait_for_text(app, wanted, timeout=10):
    deadline = time.monotonic() + timeout
    found = []
    while time.monotonic() < deadline:
        found = [visible(t) for t in texts(app)]
        if all(any(w in t for t in found) for w in wanted):
            return True, found
        time.sleep(0.3)
    return False, found


def missing(wanted, found):
    return "missing: %r" % [w for w in wanted if not any(w in t for t in found)]


def use_model(folder, model, layer):
    return subprocess.run(
        ["gdbus", "call", "--session", "--dest", APP_ID,
         "--object-path", "/" + APP_ID.replace(".", "/"),
         "--method", "org.gtk.Actions.Activate", "use-model",
         "[<(%s, %s, %s)>]" % (json.dumps(folder), json.dumps(model), json.dumps(layer)),
         "{}"],
        capture_output=True, text=True, timeout=10)


def write_transcript(days=12):
    """A transcript of Claude Code's older format for FOLDER: a reply a day on qwen3-coder
    (in the bundled price list), and one today on a model OpenRouter does not list."""
    folder = os.path.join(HOME, ".claude", "projects", FOLDER.replace("/", "-"))
    lines = []
    now = time.time()
    for day in range(days):
        stamp = time.strftime("%Y-%m-%dT12:00:00.000Z", time.gmtime(now - day * 86400))
        for model, number in (("qwen/qwen3-coder", day), ("someone/unlisted", 100 + day)):
            if model == "someone/unlisted" and day > 0:
                continue
            lines.append(json.dumps({
                "type": "assistant", "timestamp": stamp, "cwd": FOLDER,
                "requestId": "req_%d" % number,
                "message": {"id": "msg_%d" % number, "model": model, "usage": {
                    "input_tokens": 400000 + day * 50000, "output_tokens": 20000,
                    "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0}}}))
    write(os.path.join(folder, "session.jsonl"), "\n".join(lines) + "\n")


def click(node):
    """Activates a button or menu item as a screen reader does: its first action."""
    action = node.queryAction()
    action.doAction(0)


def menu_item(app, button_name, item_name, timeout=5):
    """Opens a menu button and finds one of its items."""
    for button in focusable_buttons(app, button_name):
        click(button)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        items = [n for n in nodes(app) if n.name == item_name and n.getRole() in (
            pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_PUSH_BUTTON,
            pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_TOGGLE_BUTTON)]
        if items:
            return items[0]
        time.sleep(0.2)
    return None


def show_costs(app):
    """Show Costs, from the main menu."""
    item = menu_item(app, "Main Menu", "Show Costs")
    if item is not None:
        click(item)
    return item is not None


def start(extra_env=None, settings=None):
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env["GTK_A11Y"] = "atspi"
    # The model list is refreshed at startup: never from the real OpenRouter here
    # (nothing listens on the discard port).
    env["SIGNALBOX_OPENROUTER_URL"] = "http://127.0.0.1:9/api/v1"
    # Real settings in a key file, so the window can be given a size as a person's would.
    env["GSETTINGS_BACKEND"] = "keyfile"
    keyfile = os.path.join(env.get("XDG_CONFIG_HOME", os.path.join(HOME, ".config")),
                           "glib-2.0", "settings", "keyfile")
    lines = ["[io/github/signalbox/Signalbox]"]
    for key, value in (settings or {}).items():
        lines.append("%s=%s" % (key, value))
    write(keyfile, "\n".join(lines) + "\n")
    env.update(extra_env or {})
    return subprocess.Popen([os.environ["SIGNALBOX_BINARY"], FOLDER], env=env)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main():
    print("1..20", flush=True)

    write(USER_FILE, json.dumps({
        "env": {
            "ANTHROPIC_BASE_URL": "https://openrouter.ai/api",
            "ANTHROPIC_API_KEY": "",
            "ANTHROPIC_MODEL": "anthropic/claude-sonnet-4.5",
        },
        "permissions": {"allow": ["Bash(npm run test:*)"], "defaultMode": "acceptEdits"},
    }, indent=2) + "\n")
    local_text = ('{\n'
                  '    "permissions": {"allow": ["Bash(git status)"]},\n'
                  '    "env": {\n'
                  '        "ANTHROPIC_MODEL": "qwen/qwen3-coder"\n'
                  '    }\n'
                  '}\n')
    write(LOCAL_FILE, local_text)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", FOLDER], check=False)
        write(os.path.join(FOLDER, ".gitignore"), ".claude/settings.local.json\n")

    process = start(settings={"window-width": 1280, "window-height": 800})
    try:
        app = find_app()
        check("the window shows up in the accessibility tree", app is not None)
        if app is None:
            return

        wanted = ["User", "Project", "Local", "Effective",
                  "~/.claude/settings.json", "~/src/webshop/.claude/settings.local.json",
                  "qwen/qwen3-coder", "overridden by Local",
                  "claude here uses qwen/qwen3-coder via OpenRouter, no key set here",
                  "Base URL", "ANTHROPIC_BASE_URL", "https://openrouter.ai/api",
                  "Ignored by git", "Model", "Add a Setting"]
        ok, found = wait_for_text(app, wanted)
        check("layer names, paths, values and origins are read out", ok, missing(wanted, found))
        check("no name or text holds a zero-width space",
              not any("\u200b" in t for t in found),
              repr([t for t in found if "\u200b" in t][:3]))
        rows = [n for n in nodes(app) if n.name == "Base URL"]
        check("a setting's row is named by its readable title alone, once",
              len(rows) >= 4 and all(n.name == "Base URL" for n in rows),
              repr([(n.getRoleName(), n.name) for n in rows]))
        # GTK 4.8 gives toggle buttons the push-button role; the one that takes focus counts.
        check("the model menu is named for screen readers",
              len(focusable_buttons(app, "Model for This Folder")) == 1)
        check("the raw-view button is named for screen readers",
              len(focusable_buttons(app, "Show Raw Files")) == 1)
        screenshot("01-folder")

        result = use_model(FOLDER, "z-ai/glm-4.6", "local")
        check("app.use-model is reachable over D-Bus", result.returncode == 0, result.stderr)
        # The User settings set ANTHROPIC_MODEL, which outranks `model` anywhere: the switch
        # stays in Local's ANTHROPIC_MODEL, with the limits Claude Code cannot know.
        expected = local_text.replace(
            '"ANTHROPIC_MODEL": "qwen/qwen3-coder"\n',
            '"ANTHROPIC_MODEL": "z-ai/glm-4.6",\n'
            '        "CLAUDE_CODE_MAX_CONTEXT_TOKENS": "202752",\n'
            '        "CLAUDE_CODE_MAX_OUTPUT_TOKENS": "32000"\n')
        deadline = time.monotonic() + 5
        while read(LOCAL_FILE) != expected and time.monotonic() < deadline:
            time.sleep(0.1)
        check("use-model changed only the model's bytes, and added its limits",
              read(LOCAL_FILE) == expected,
              read(LOCAL_FILE))
        wanted = ["claude here uses z-ai/glm-4.6 via OpenRouter",
                  "Now using z-ai/glm-4.6, set in the Local settings"]
        ok, found = wait_for_text(app, wanted)
        check("the window follows use-model and offers Undo", ok, missing(wanted, found))
        screenshot("02-use-model")

        result = use_model(FOLDER, "x", "nonsense")
        check("a bad layer changes nothing", read(LOCAL_FILE) == expected, read(LOCAL_FILE))

        write(LOCAL_FILE, expected.replace("z-ai/glm-4.6", "moonshotai/kimi-k2"))
        wanted = ["claude here uses moonshotai/kimi-k2 via OpenRouter",
                  "Changed on disk and reloaded: Local"]
        ok, found = wait_for_text(app, wanted)
        check("an outside edit appears, and is announced", ok, missing(wanted, found))
        screenshot("03-outside-edit")

        write(LOCAL_FILE, '{\n  "env": {"ANTHROPIC_MODEL": "x",}\n}\n')
        wanted = ["Does not parse", "2:33 trailing comma"]
        ok, found = wait_for_text(app, wanted)
        check("a file that does not parse says where", ok, missing(wanted, found))
        screenshot("04-does-not-parse")

        write(LOCAL_FILE, local_text)
        write_transcript()
        check("the main menu offers Show Costs", show_costs(app))
        wanted = ["Last 7 Days", "at least $", "qwen/qwen3-coder", "someone/unlisted",
                  "The same tokens on qwen/qwen3-coder"]
        ok, found = wait_for_text(app, wanted)
        check("Ctrl+K shows what the folder cost, with the unpriced model said", ok,
              missing(wanted, found))
        charts = wait_for_nodes(app, lambda n: n.getRole() == pyatspi.ROLE_IMAGE
                                and n.name == "Spending per day"
                                and "days from" in n.description)
        images = matching(app, lambda n: n.getRole() == pyatspi.ROLE_IMAGE)
        check("the chart is an image described in words", len(charts) == 1,
              repr(safe_names(images)))
        screenshot("05-costs")
    finally:
        stop(process)

    # Dark, and narrow: nothing cut off at 360 pixels.
    process = start(extra_env={"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"},
                    settings={"window-width": 360, "window-height": 720})
    try:
        app = find_app()
        check("the narrow window starts", app is not None)
        if app is None:
            return
        wanted = ["Effective", "qwen/qwen3-coder", "Local"]
        ok, found = wait_for_text(app, wanted)
        check("the narrow window shows Effective first, with a page switcher", ok,
              missing(wanted, found))
        frame = None
        for node in [app.getChildAtIndex(i) for i in range(app.childCount)]:
            if node is not None and node.getRole() == pyatspi.ROLE_FRAME:
                frame = node
        width = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).width if frame else -1
        check("the window is 360 pixels wide", 0 < width <= 360, "width %d" % width)
        if frame is not None:
            # Window coordinates: GTK 4.8 has no screen coordinates under X11.
            left = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS).x
            # The header bar's buttons and the page tabs, the close button and the last tab
            # among them.
            names = ["Back to Projects", "Model for This Folder", "Main Menu", "Minimize",
                     "Maximize", "Close", "User", "Project", "Local", "Effective"]
            buttons = [b for name in names for b in focusable_buttons(app, name)]
            outside = []
            for button in buttons:
                box = button.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                if box.x < left or box.x + box.width > left + min(width, 360):
                    outside.append((button.name, box.x, box.width))
            check("every button of the narrow window is inside its 360 pixels",
                  all(focusable_buttons(app, name) for name in names) and not outside,
                  "%d buttons, outside: %r" % (len(buttons), outside))
        screenshot("06-narrow-dark")
        show_costs(app)
        wanted = ["Last 7 Days", "Per Day"]
        ok, found = wait_for_text(app, wanted)
        check("the costs fit the narrow window, in the dark style", ok, missing(wanted, found))
        screenshot("07-costs-narrow-dark")
    finally:
        stop(process)


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a crash is a failure, said in TAP
        check("no exception", False, repr(error))
    sys.exit(0 if results and all(results) else 1)
