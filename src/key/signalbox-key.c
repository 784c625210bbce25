/* signalbox-key.c
 *
 * signalbox-key: prints the OpenRouter key from the system keyring, for Claude Code's
 * apiKeyHelper; also stores and clears it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <glib/gi18n.h>

#include "sb-key-store.h"

/* Exit statuses, as documented in --help. */
enum {
  EXIT_OK = 0,
  EXIT_NO_KEY = 1,
  EXIT_UNAVAILABLE = 2,
  EXIT_USAGE = 3,
};

#define INPUT_MAX 8192

typedef struct
{
  GMainLoop *loop;
  char      *profile;
  int        status;
} Run;

static struct termios saved_termios;
static volatile sig_atomic_t echo_off;

/* One line on standard error, whatever the message holds. */
static void
print_error (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("signalbox-key: %s\n", line);
}

static void
restore_echo (void)
{
  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      echo_off = 0;
    }
}

static void
on_interrupt (int signum)
{
  restore_echo ();
  signal (signum, SIG_DFL);
  raise (signum);
}

/* The key from standard input, without echo on a terminal; a trailing newline (LF or
 * CR LF) is not part of it. */
static char *
read_key (GError **error)
{
  gboolean terminal = isatty (STDIN_FILENO);
  char *buffer = g_malloc0 (INPUT_MAX + 1);
  gsize length = 0;
  gssize n;

  if (terminal)
    {
      struct termios quiet;

      g_printerr ("%s", _("OpenRouter API key: "));
      if (tcgetattr (STDIN_FILENO, &saved_termios) == 0)
        {
          quiet = saved_termios;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          signal (SIGINT, on_interrupt);
          signal (SIGTERM, on_interrupt);
          signal (SIGHUP, on_interrupt);
          if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0)
            echo_off = 1;
        }
    }

  while (length < INPUT_MAX)
    {
      n = read (STDIN_FILENO, buffer + length, INPUT_MAX - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      length += n;
      /* On a terminal the line is the key; from a pipe, everything up to the end. */
      if (terminal && memchr (buffer, '\n', length) != NULL)
        break;
    }

  if (terminal)
    {
      restore_echo ();
      g_printerr ("\n");
    }

  if (terminal && memchr (buffer, '\n', length) != NULL)
    length = (char *) memchr (buffer, '\n', length) - buffer;
  else if (length > 0 && buffer[length - 1] == '\n')
    length--;
  if (length > 0 && buffer[length - 1] == '\r')
    length--;

  /* g_malloc0() never returns NULL here; said so for GCC, which with the sanitizers
   * finds a path where it does and refuses to build. */
  g_assert (buffer != NULL);
  explicit_bzero (buffer + length, INPUT_MAX + 1 - length);

  if (length == 0)
    {
      g_free (buffer);
      g_set_error_literal (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_KEY,
                           _("No key was given on standard input"));
      return NULL;
    }

  return buffer;
}

/* The key passes through this process's memory: a core dump would write it to a file
 * (systemd-coredump keeps them), and a debugger of the same user could read it. */
static void
disable_core_dumps (void)
{
  const struct rlimit none = { 0, 0 };

  /* Both best effort: neither can fail for an unprivileged process lowering its own. */
  setrlimit (RLIMIT_CORE, &none);
#ifdef __linux__
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

static void
wipe_and_free (char *key)
{
  if (key != NULL)
    explicit_bzero (key, strlen (key));
  g_free (key);
}

static int
status_for_error (const GError *error)
{
  if (g_error_matches (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE) ||
      g_error_matches (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_KEY))
    return EXIT_USAGE;

  return EXIT_UNAVAILABLE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }

  return TRUE;
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  char *key;

  key = sb_key_store_lookup_finish (result, &error);
  if (error != NULL)
    {
      print_error (error->message);
      run->status = status_for_error (error);
    }
  else if (key == NULL)
    {
      g_autofree char *message =
        /* Translators: %s is a profile name, such as “default” */
        g_strdup_printf (_("No OpenRouter key is stored for the profile “%s” (or the "
                           "keyring stayed locked); store one with Signalbox or with "
                           "“signalbox-key --store”"),
                         run->profile);

      print_error (message);
      run->status = EXIT_NO_KEY;
    }
  else if (!sb_key_store_check_key (key, &error))
    {
      g_autofree char *message =
        /* Translators: the first %s is a profile name, the second why the text is not a key */
        g_strdup_printf (_("What the keyring holds for the profile “%s” is not an API key "
                           "(%s); store the key again"),
                         run->profile, error->message);

      /* The key store checks it too; this is the last step before standard output, where
       * a newline would end the key early and add a header to Claude Code's request. */
      print_error (message);
      run->status = EXIT_UNAVAILABLE;
    }
  else if (!write_all (STDOUT_FILENO, key, strlen (key)) || !write_all (STDOUT_FILENO, "\n", 1))
    {
      print_error (_("Could not write the key to standard output"));
      run->status = EXIT_UNAVAILABLE;
    }
  else
    {
      run->status = EXIT_OK;
    }

  sb_key_store_free_key (key);
  g_main_loop_quit (run->loop);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_key_store_store_finish (result, &error))
    {
      print_error (error->message);
      run->status = status_for_error (error);
    }
  else
    {
      run->status = EXIT_OK;
    }

  g_main_loop_quit (run->loop);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed = FALSE;

  if (!sb_key_store_clear_finish (result, &removed, &error))
    {
      print_error (error->message);
      run->status = status_for_error (error);
    }
  else if (!removed)
    {
      g_autofree char *message =
        g_strdup_printf (_("No OpenRouter key was stored for the profile “%s”"), run->profile);

      print_error (message);
      run->status = EXIT_NO_KEY;
    }
  else
    {
      run->status = EXIT_OK;
    }

  g_main_loop_quit (run->loop);
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) profiles = NULL;

  profiles = sb_key_store_list_profiles_finish (result, &error);
  if (profiles == NULL)
    {
      print_error (error->message);
      run->status = status_for_error (error);
    }
  else
    {
      for (guint i = 0; profiles[i] != NULL; i++)
        g_print ("%s\n", profiles[i]);
      run->status = EXIT_OK;
    }

  g_main_loop_quit (run->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *description = NULL;
  gboolean store = FALSE;
  gboolean clear = FALSE;
  gboolean list = FALSE;
  Run run = { 0 };
  char *key = NULL;
  const GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile,
      N_("Use the key of profile NAME (default: “default”)"), N_("NAME") },
    { "store", 0, 0, G_OPTION_ARG_NONE, &store,
      N_("Store the key read from standard input, replacing the profile’s key"), NULL },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear,
      N_("Remove the profile’s key from the keyring"), NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list,
      N_("List the profiles that have a key"), NULL },
    { NULL }
  };

  /* Before anything can log: Claude Code takes all of standard output for the key, and
   * with G_MESSAGES_DEBUG set GLib writes debug messages there. */
  g_log_writer_default_set_use_stderr (TRUE);
  disable_core_dumps ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Prints the OpenRouter API key kept in the system keyring, "
                                  "and nothing else, for Claude Code’s apiKeyHelper setting. "
                                  "The key is followed by one newline, which Claude Code "
                                  "ignores."));
  description = g_strdup_printf ("%s\n  %s\n  %s\n  %s\n  %s",
                                 _("Exit status:"),
                                 _("0  done"),
                                 _("1  no key is stored for the profile (or the keyring "
                                   "stayed locked)"),
                                 _("2  the keyring is not available, or failed, or holds "
                                   "something that is not a key; a keyring that does not "
                                   "answer is given up on after a few seconds"),
                                 _("3  bad usage, or an invalid profile name or key"));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return EXIT_USAGE;
    }

  if (argc > 1 || store + clear + list > 1)
    {
      print_error (_("Give at most one of --store, --clear and --list, and no other "
                     "arguments; see --help"));
      return EXIT_USAGE;
    }

  run.profile = profile != NULL ? profile : SB_KEY_STORE_DEFAULT_PROFILE;
  if (!list && !sb_key_store_check_profile (run.profile, &error))
    {
      print_error (error->message);
      return EXIT_USAGE;
    }

  if (store)
    {
      key = read_key (&error);
      if (key == NULL)
        {
          print_error (error->message);
          return EXIT_USAGE;
        }
    }

  run.loop = g_main_loop_new (NULL, FALSE);

  if (store)
    sb_key_store_store_async (run.profile, key, NULL, on_stored, &run);
  else if (clear)
    sb_key_store_clear_async (run.profile, NULL, on_cleared, &run);
  else if (list)
    sb_key_store_list_profiles_async (NULL, on_listed, &run);
  else
    sb_key_store_lookup_async (run.profile, NULL, on_looked_up, &run);

  wipe_and_free (key);

  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);

  return run.status;
}
