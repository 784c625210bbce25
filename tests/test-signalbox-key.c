/* test-signalbox-key.c
 *
 * Tests for the signalbox-key program, run as a process against the real gnome-keyring
 * of a private D-Bus session, and against sessions with no Secret Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include "sb-key-store.h"
#include "sb-test-util.h"

/* The keyring is the fixture; each test starts with it empty. */
typedef struct
{
  int unused;
} Fixture;

typedef struct
{
  int    status;
  char  *out;
  char  *err;
  gint64 elapsed;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs signalbox-key with ARGS, INPUT on standard input, when BUS_ADDRESS is set that
 * session bus, and the environment variables ENV (NAME, VALUE, …; may be %NULL). */
static void
run_key_full (Run                *run,
              const char         *input,
              const char         *bus_address,
              const char * const *env,
              const char * const *args)
{
  g_autoptr(GPtrArray) variables = g_ptr_array_new ();
  SbTestRunOptions options = { .input = input != NULL ? input : "" };
  gint64 start;

  if (bus_address != NULL)
    {
      g_ptr_array_add (variables, (gpointer) "DBUS_SESSION_BUS_ADDRESS");
      g_ptr_array_add (variables, (gpointer) bus_address);
    }
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    g_ptr_array_add (variables, (gpointer) env[i]);
  g_ptr_array_add (variables, NULL);
  options.env = (const char * const *) variables->pdata;

  start = g_get_monotonic_time ();
  run->status = sb_test_run ("SIGNALBOX_KEY_BINARY", args, &options, &run->out, &run->err);
  run->elapsed = g_get_monotonic_time () - start;
}

static void
run_key (Run                *run,
         const char         *input,
         const char         *bus_address,
         const char * const *args)
{
  run_key_full (run, input, bus_address, NULL, args);
}

#define RUN(run, input, ...) \
  G_STMT_START { \
    const char *args_[] = { __VA_ARGS__ }; \
    run_clear (run); \
    run_key (run, input, NULL, args_); \
  } G_STMT_END

/* Exactly one line, ending with a newline. */
static void
assert_one_line (const char *text)
{
  gsize length = strlen (text);

  g_assert_cmpuint (length, >, 1);
  g_assert_cmpint (text[length - 1], ==, '\n');
  g_assert_null (memchr (text, '\n', length - 1));
}

static char *
make_key (const char *tail)
{
  /* Built here, so that no key-shaped string is ever committed. */
  return g_strconcat ("sk-or-", "v1-", "c0ffee00c0ffee00", tail, NULL);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) profiles = NULL;

  /* Each test starts with an empty keyring. */
  RUN (&run, NULL, "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  profiles = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; profiles[i] != NULL; i++)
    if (profiles[i][0] != '\0')
      {
        g_auto(Run) cleared = { 0 };

        RUN (&cleared, NULL, "--clear", "--profile", profiles[i], NULL);
        g_assert_cmpint (cleared.status, ==, 0);
      }
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
}

static void
test_store_and_print (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *key = make_key ("01");
  g_autofree char *input = g_strconcat (key, "\n", NULL);
  g_autofree char *expected = g_strconcat (key, "\n", NULL);
  g_autofree char *other = make_key ("02");
  g_autofree char *crlf = g_strconcat (other, "\r\n", NULL);
  g_autoptr(GSubprocess) secret_tool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  RUN (&run, NULL, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "“default”"));

  RUN (&run, input, "--store", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");

  RUN (&run, NULL, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");

  /* What we stored, any Secret Service client finds. */
  secret_tool = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                  "secret-tool", "lookup", "provider", "openrouter",
                                  "profile", "default", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (secret_tool, NULL, NULL, &shown, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_strchomp (shown), ==, key);

  /* CR LF is stripped as well; the new key replaces the old one. */
  RUN (&run, crlf, "--store", "--profile", "default", NULL);
  g_assert_cmpint (run.status, ==, 0);
  RUN (&run, NULL, "--profile=default", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, other));
  g_assert_cmpstr (run.out + strlen (other), ==, "\n");

  /* And no newline at all. */
  RUN (&run, key, "--store", NULL);
  g_assert_cmpint (run.status, ==, 0);
  RUN (&run, NULL, NULL);
  g_assert_cmpstr (run.out, ==, expected);
}

static void
test_profiles (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *key = make_key ("03");
  g_autofree char *work = make_key ("04");
  g_autofree char *expected = g_strconcat (work, "\n", NULL);

  RUN (&run, work, "--store", "--profile", "work", NULL);
  g_assert_cmpint (run.status, ==, 0);

  RUN (&run, NULL, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  RUN (&run, key, "--store", NULL);
  g_assert_cmpint (run.status, ==, 0);

  RUN (&run, NULL, "--profile", "work", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);

  RUN (&run, NULL, "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "default\nwork\n");

  RUN (&run, NULL, "--clear", "--profile", "work", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");

  RUN (&run, NULL, "--profile", "work", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "“work”"));

  /* Nothing left to clear. */
  RUN (&run, NULL, "--clear", "--profile", "work", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_line (run.err);

  /* The default profile was left alone. */
  RUN (&run, NULL, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, key));
}

typedef struct
{
  const char *input;
  const char *args[5];
} UsageCase;

static const UsageCase usage_cases[] = {
  { "", { "--store", NULL } },
  { "\n", { "--store", NULL } },
  { "\r\n", { "--store", NULL } },
  { "two words\n", { "--store", NULL } },
  { "first\nsecond\n", { "--store", NULL } },
  { NULL, { "--store", "--clear", NULL } },
  { NULL, { "--list", "--clear", NULL } },
  { NULL, { "extra", NULL } },
  { NULL, { "--profile", NULL } },
  { NULL, { "--profile", "", NULL } },
  { NULL, { "--profile=-x", NULL } },
  { NULL, { "--profile", "a\tb", NULL } },
  { NULL, { "--no-such-option", NULL } },
};

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const UsageCase *usage_case = data;
  g_auto(Run) run = { 0 };
  g_auto(Run) after = { 0 };

  run_key (&run, usage_case->input, NULL, usage_case->args);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_line (run.err);
  g_assert_true (g_str_has_prefix (run.err, "signalbox-key: "));

  /* Nothing was stored. */
  RUN (&after, NULL, "--list", NULL);
  g_assert_cmpstr (after.out, ==, "");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  RUN (&run, NULL, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--profile"));
  g_assert_nonnull (strstr (run.out, "--store"));
  g_assert_nonnull (strstr (run.out, "Exit status"));
  g_assert_nonnull (strstr (run.out, "2  the keyring is not available"));
}

/* Runs signalbox-key on BUS_ADDRESS, which has no Secret Service. */
static void
assert_unavailable (const char *bus_address)
{
  g_auto(Run) run = { 0 };
  g_autofree char *key = make_key ("05");
  const char *lookup[] = { NULL };
  const char *store[] = { "--store", NULL };

  run_key (&run, NULL, bus_address, lookup);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_line (run.err);
  g_assert_cmpint (run.elapsed, <, 5 * G_TIME_SPAN_SECOND);

  run_clear (&run);
  run_key (&run, key, bus_address, store);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_line (run.err);
  g_assert_null (strstr (run.err, key));
  g_assert_cmpint (run.elapsed, <, 5 * G_TIME_SPAN_SECOND);
}

static void
test_no_bus (void)
{
  assert_unavailable ("unix:path=/nonexistent/signalbox-bus");
  assert_unavailable ("");
}

/* A bus of our own, whose configuration knows no services: nothing owns, nor can start,
 * org.freedesktop.secrets. */
static void
test_bus_without_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signalbox-bus-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "bus.conf", NULL);
  g_autofree char *socket_path = g_build_filename (dir, "bus", NULL);
  g_autofree char *text = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDataInputStream) output = NULL;

  g_assert_no_error (error);
  text = g_strdup_printf ("<!DOCTYPE busconfig PUBLIC "
                          "\"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                          "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                          "<busconfig>\n"
                          "  <type>session</type>\n"
                          "  <listen>unix:path=%s</listen>\n"
                          "  <auth>EXTERNAL</auth>\n"
                          "  <policy context=\"default\">\n"
                          "    <allow send_destination=\"*\"/>\n"
                          "    <allow receive_sender=\"*\"/>\n"
                          "    <allow own=\"*\"/>\n"
                          "  </policy>\n"
                          "</busconfig>\n", socket_path);
  sb_test_write (config, text);

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "dbus-daemon", "--nofork", "--nosyslog", "--print-address",
                             "--config-file", config, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);

  assert_unavailable (address);

  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
  sb_test_remove_tree (dir);
}

/* A socket that takes connections and never says a word: the helper must not hang. */
static void
test_bus_never_answers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signalbox-bus-XXXXXX", &error);
  g_autofree char *socket_path = g_build_filename (dir, "silent", NULL);
  g_autofree char *address = g_strconcat ("unix:path=", socket_path, NULL);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_assert_no_error (error);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                         &error);
  g_assert_no_error (error);
  socket_address = g_unix_socket_address_new (socket_path);
  g_socket_bind (socket, socket_address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);

  assert_unavailable (address);

  g_socket_close (socket, NULL);
  sb_test_remove_tree (dir);
}

/* Claude Code takes all of standard output for the key: GLib's debug messages, which it
 * writes there by default, must go elsewhere. */
static void
test_debug_messages (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) stored = { 0 };
  g_autofree char *key = make_key ("06");
  g_autofree char *expected = g_strconcat (key, "\n", NULL);
  const char *env[] = { "G_MESSAGES_DEBUG", "all", NULL };
  const char *lookup[] = { NULL };
  const char *list[] = { "--list", NULL };

  RUN (&stored, key, "--store", NULL);
  g_assert_cmpint (stored.status, ==, 0);

  run_key_full (&run, NULL, NULL, env, lookup);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  /* GLib did have something to say: the test saw the messages go to standard error. */
  g_assert_nonnull (strstr (run.err, "-DEBUG: "));

  run_clear (&run);
  run_key_full (&run, NULL, NULL, env, list);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "default\n");
}

/* Stores VALUE for PROFILE as another Secret Service client could, bypassing the checks of
 * signalbox-key --store. */
static void
store_raw (const char *profile,
           const char *value,
           gssize      length,
           const char *content_type)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) secret = NULL;
  g_autoptr(GError) error = NULL;

  attributes = secret_attributes_build (sb_key_store_get_schema (), "provider", "openrouter",
                                        "profile", profile, NULL);
  secret = secret_value_new (value, length, content_type);
  g_assert_true (secret_service_store_sync (NULL, sb_key_store_get_schema (), attributes,
                                            SECRET_COLLECTION_DEFAULT, profile, secret, NULL,
                                            &error));
  g_assert_no_error (error);
}

/* What the keyring holds is printed only if it can be a key: a newline in it would end
 * the key early and add an HTTP header in Claude Code's request. */
static void
test_invalid_stored (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *key = make_key ("07");
  g_autofree char *two_lines = g_strconcat (key, "\nX-Injected: 1", NULL);
  g_autofree char *escape = g_strconcat ("\033[2J", key, NULL);
  g_autofree char *spaced = g_strconcat (key, " ", key, NULL);
  g_autofree char *accented = g_strconcat (key, "é", NULL);
  g_autofree char *long_key = NULL;
  struct {
    const char *value;
    const char *content_type;
  } cases[] = {
    { two_lines, "text/plain" },
    { escape, "text/plain" },
    { spaced, "text/plain" },
    { accented, "text/plain" },
    { "", "text/plain" },
    { NULL, "text/plain" },
    { "\xff\xfe", "application/octet-stream" },
  };

  long_key = g_strnfill (5000, 'a');
  cases[5].value = long_key;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("case %u", i);
      store_raw ("default", cases[i].value, -1, cases[i].content_type);
      RUN (&run, NULL, NULL);
      /* Something that is no key is a keyring that failed, not a missing key. */
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      assert_one_line (run.err);
      g_assert_nonnull (strstr (run.err, "not an API key"));
      if (cases[i].value[0] != '\0')
        g_assert_null (strstr (run.err, cases[i].value));
      g_assert_null (strstr (run.err, key));
    }
}

static void
drop_privileges (gpointer user_data)
{
  /* In the child, between fork and exec: only system calls. */
  if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
    _exit (121);
}

/* The uid in /proc/PID/status (real, the first of four). */
static guint
process_uid (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "status", NULL);
  g_autofree char *status = sb_test_read (path);
  const char *line = strstr (status, "\nUid:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nUid:"), NULL, 10);
}

/* While signalbox-key waits for the bus, before it has asked for the key: no core dump of
 * it can be written (RLIMIT_CORE is 0), and it is not dumpable, which the kernel shows by
 * giving its /proc/PID files to root instead of to its user. Run as root, the test runs it
 * as nobody so that the difference shows. */
static void
test_no_core_dumps (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signalbox-bus-XXXXXX", &error);
  g_autofree char *socket_path = g_build_filename (dir, "silent", NULL);
  g_autofree char *address = g_strconcat ("unix:path=", socket_path, NULL);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocket) connection = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *limits_path = NULL;
  g_autofree char *limits = NULL;
  g_autofree char *proc = NULL;
  const char *binary = g_getenv ("SIGNALBOX_KEY_BINARY");
  char soft[16] = "";
  char hard[16] = "";
  const char *line;
  const char *pid;
  GStatBuf st;

  g_assert_no_error (error);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                         &error);
  g_assert_no_error (error);
  socket_address = g_unix_socket_address_new (socket_path);
  g_socket_bind (socket, socket_address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, 20);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (socket_path, 0777), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  if (getuid () == 0)
    g_subprocess_launcher_set_child_setup (launcher, drop_privileges, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, binary, NULL);
  g_assert_no_error (error);
  pid = g_subprocess_get_identifier (process);

  /* It connected: it is in its lookup, waiting for an answer that does not come. */
  connection = g_socket_accept (socket, NULL, &error);
  g_assert_no_error (error);

  limits_path = g_build_filename ("/proc", pid, "limits", NULL);
  limits = sb_test_read (limits_path);
  line = strstr (limits, "Max core file size");
  g_assert_nonnull (line);
  g_test_message ("%.*s", (int) strcspn (line, "\n"), line);
  g_assert_cmpint (sscanf (line + strlen ("Max core file size"), "%15s %15s", soft, hard), ==, 2);
  g_assert_cmpstr (soft, ==, "0");
  g_assert_cmpstr (hard, ==, "0");

  proc = g_build_filename ("/proc", pid, "status", NULL);
  g_assert_cmpint (g_stat (proc, &st), ==, 0);
  g_test_message ("process uid %u, /proc/%s/status owned by %u", process_uid (pid), pid,
                  st.st_uid);
  g_assert_cmpuint (process_uid (pid), !=, 0);
  g_assert_cmpuint (st.st_uid, !=, process_uid (pid));

  g_socket_close (connection, NULL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);

  g_socket_close (socket, NULL);
  sb_test_remove_tree (dir);
}

#define ADD_TEST(path, func, data) \
  g_test_add (path, Fixture, data, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/signalbox-key/store-and-print", test_store_and_print, NULL);
  ADD_TEST ("/signalbox/signalbox-key/profiles", test_profiles, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/signalbox-key/usage/%u", i);

      ADD_TEST (path, test_usage, &usage_cases[i]);
    }
  ADD_TEST ("/signalbox/signalbox-key/debug-messages", test_debug_messages, NULL);
  ADD_TEST ("/signalbox/signalbox-key/invalid-stored", test_invalid_stored, NULL);
  g_test_add_func ("/signalbox/signalbox-key/no-core-dumps", test_no_core_dumps);
  g_test_add_func ("/signalbox/signalbox-key/help", test_help);
  g_test_add_func ("/signalbox/signalbox-key/unavailable/no-bus", test_no_bus);
  g_test_add_func ("/signalbox/signalbox-key/unavailable/bus-without-keyring",
                   test_bus_without_keyring);
  g_test_add_func ("/signalbox/signalbox-key/unavailable/bus-never-answers",
                   test_bus_never_answers);

  return g_test_run ();
}
