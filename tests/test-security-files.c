/* test-security-files.c
 *
 * Attack tests for the files Signalbox reads and writes: links out of the project, files
 * that are not files, huge and deeply nested input, modes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sb-catalog-private.h"
#include "sb-catalog.h"
#include "sb-diagnostics.h"
#include "sb-file.h"
#include "sb-layer-stack.h"
#include "sb-layer.h"
#include "sb-openrouter.h"
#include "sb-projects.h"
#include "sb-test-util.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

#define DEEP 100000
#define TIMEOUT_SECONDS 20

static const char user_text[] = "{\n  \"env\": {\n    \"DISABLE_TELEMETRY\": \"1\"\n  }\n}\n";

static void
limit_memory (gpointer user_data)
{
  /* A reader that does not stop at a limit fails here instead of eating the machine.
   * Not under AddressSanitizer, which reserves terabytes of address space. */
#if !defined(__SANITIZE_ADDRESS__)
  struct rlimit limit = { 1024 * 1024 * 1024, 1024 * 1024 * 1024 };

  setrlimit (RLIMIT_AS, &limit);
#endif
}

/* Runs the real signalbox, killed if it takes longer than TIMEOUT_SECONDS. Returns its
 * exit status; 137 means it had to be killed. */
static int
run_signalbox (const char **args,
               char       **out,
               char       **err)
{
  SbTestRunOptions options = { .kill_after = TIMEOUT_SECONDS, .child_setup = limit_memory };

  return sb_test_run ("SIGNALBOX_BINARY", args, &options, out, err);
}

static char *
user_path (SbTestEnv *env)
{
  return g_build_filename (env->home, ".claude", "settings.json", NULL);
}

static char *
claude_path (SbTestEnv  *env,
             const char *name)
{
  return g_build_filename (env->folder, ".claude", name, NULL);
}

static void
make_link (const char *target,
           const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (symlink (target, path), ==, 0);
}

/* A Local file that is a dangling link out of the project: `--use` must neither write
 * through it nor make the folders it points into. */
static void
test_dangling_link_out (SbTestEnv     *env,
                        gconstpointer  data)
{
  g_autofree char *local = claude_path (env, "settings.local.json");
  g_autofree char *elsewhere = g_build_filename (env->home, "src", "elsewhere", NULL);
  const char *use_args[] = { "--use", "openai/gpt-4o", env->folder, NULL };
  const char *status_args[] = { "--status", "--json", env->folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *status_out = NULL;
  g_autofree char *status_err = NULL;

  /* .claude/../../elsewhere is home/src/elsewhere, beside the project. */
  make_link ("../../elsewhere/new/x.json", local);

  g_assert_cmpint (run_signalbox (use_args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "outside the project"));
  g_assert_false (g_file_test (elsewhere, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_signalbox (status_args, &status_out, &status_err), ==, 0);
  g_assert_nonnull (strstr (status_out, "\"read-only\" : \"Links outside the project to"));
}

/* The .claude folder itself is a link out of the project. */
static void
test_claude_folder_link_out (SbTestEnv     *env,
                             gconstpointer  data)
{
  g_autofree char *claude = g_build_filename (env->folder, ".claude", NULL);
  g_autofree char *outside = g_build_filename (env->root, "outside", NULL);
  g_autofree char *outside_file = g_build_filename (outside, "settings.local.json", NULL);
  const char *use_args[] = { "--use", "openai/gpt-4o", env->folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (outside, 0755), ==, 0);
  make_link (outside, claude);

  g_assert_cmpint (run_signalbox (use_args, &out, &err), ==, 2);
  g_assert_false (g_file_test (outside_file, G_FILE_TEST_EXISTS));
}

/* A project file linked to the user's own settings: `--layer project` must not rewrite
 * them. */
static void
test_project_linked_to_user (SbTestEnv     *env,
                             gconstpointer  data)
{
  g_autofree char *user = user_path (env);
  g_autofree char *project = claude_path (env, "settings.json");
  const char *use_args[] = { "--use", "openai/gpt-4o", "--layer", "project", env->folder,
                             NULL };
  const char *status_args[] = { "--status", env->folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *status_out = NULL;
  g_autofree char *status_err = NULL;
  g_autofree char *after = NULL;

  sb_test_write (user, user_text);
  make_link (user, project);

  g_assert_cmpint (run_signalbox (use_args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "outside the project"));
  after = sb_test_read (user);
  g_assert_cmpstr (after, ==, user_text);

  g_assert_cmpint (run_signalbox (status_args, &status_out, &status_err), ==, 0);
  g_assert_nonnull (strstr (status_out, "Links outside the project to"));
}

/* The User file may link anywhere: a dotfiles repository outside the home folder. */
static void
test_user_dotfiles_link (SbTestEnv     *env,
                         gconstpointer  data)
{
  g_autofree char *user = user_path (env);
  g_autofree char *dotfiles = g_build_filename (env->root, "dotfiles", "claude.json", NULL);
  const char *use_args[] = { "--use", "openai/gpt-4o", "--layer", "user", env->folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;

  sb_test_write (dotfiles, user_text);
  make_link (dotfiles, user);

  g_assert_cmpint (run_signalbox (use_args, &out, &err), ==, 0);
  g_assert_true (g_file_test (user, G_FILE_TEST_IS_SYMLINK));
  after = sb_test_read (dotfiles);
  g_assert_nonnull (strstr (after, "openai/gpt-4o"));
  g_assert_nonnull (strstr (after, "DISABLE_TELEMETRY"));
}

/* A FIFO at a settings path: opening it for reading would wait for a writer for ever. */
static void
test_fifo (SbTestEnv     *env,
           gconstpointer  data)
{
  g_autofree char *project = claude_path (env, "settings.json");
  g_autofree char *dir = g_path_get_dirname (project);
  const char *status_args[] = { "--status", env->folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (mkfifo (project, 0600), ==, 0);

  /* 1: the unreadable file is an error-level diagnostic; not 137, killed by the timeout. */
  g_assert_cmpint (run_signalbox (status_args, &out, &err), <=, 1);
  g_assert_nonnull (strstr (out, "unreadable"));
  g_assert_nonnull (strstr (out, "is not a regular file"));
}

/* A link to a device that never ends. */
static void
test_dev_zero (SbTestEnv     *env,
               gconstpointer  data)
{
  g_autofree char *local = claude_path (env, "settings.local.json");
  const char *status_args[] = { "--status", env->folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(SbLayer) layer = NULL;

  make_link ("/dev/zero", local);

  g_assert_cmpint (run_signalbox (status_args, &out, &err), <=, 1);
  g_assert_nonnull (strstr (out, "is not a regular file"));

  layer = sb_layer_new (SB_SCOPE_LOCAL, local);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_UNREADABLE);
}

/* 100 MB that take no room: a file with a hole. */
static void
make_sparse (const char *path,
             goffset     size)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
}

static void
test_huge_file (SbTestEnv     *env,
                gconstpointer  data)
{
  g_autofree char *local = claude_path (env, "settings.local.json");
  g_autofree char *claude_json = g_build_filename (env->home, ".claude.json", NULL);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) folders = NULL;

  make_sparse (local, 100 * 1000 * 1000);
  layer = sb_layer_new (SB_SCOPE_LOCAL, local);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_UNREADABLE);
  g_assert_nonnull (strstr (sb_layer_get_error (layer), "is larger than 8.4"));

  make_sparse (claude_json, 100 * 1000 * 1000);
  folders = sb_projects_read_claude_json (&error);
  g_assert_null (folders);
  g_assert_nonnull (strstr (error->message, "is larger than"));
}

static GBytes *
deep_json (const char *prefix,
           guint       depth,
           const char *suffix)
{
  GString *text = g_string_new (prefix);

  /* Arrays only: an object in an object needs a key, and json-glib would stop there. */
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  /* Brackets in a string do not count, nor close anything. */
  g_string_append (text, "\"]]}}\"");
  for (guint i = depth; i > 0; i--)
    g_string_append_c (text, ']');
  g_string_append (text, suffix);

  return g_string_free_to_bytes (text);
}

static void
test_deep_catalog (SbTestEnv     *env,
                   gconstpointer  data)
{
  g_autoptr(GBytes) body = deep_json ("{\"data\": ", DEEP, "}");
  g_autoptr(GError) error = NULL;
  g_autofree char *claude_json = g_build_filename (env->home, ".claude.json", NULL);
  g_autoptr(GBytes) deep_projects = deep_json ("{\"projects\": ", DEEP, "}");
  g_auto(GStrv) folders = NULL;
  SbCatalogParsed *parsed;

  parsed = sb_catalog_parsed_new (body, &error);
  g_assert_null (parsed);
  g_assert_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested more than"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (claude_json, g_bytes_get_data (deep_projects, NULL),
                                      g_bytes_get_size (deep_projects), NULL));
  folders = sb_projects_read_claude_json (&error);
  g_assert_null (folders);
  g_assert_nonnull (strstr (error->message, "nested more than"));
}

/* OpenRouter's error and key bodies, served on loopback. */
typedef struct
{
  guint   status;
  GBytes *body;
} Reply;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Reply *reply = user_data;
  gsize size;
  const char *data = g_bytes_get_data (reply->body, &size);

  soup_server_message_set_status (message, reply->status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    data, size);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_deep_error_body (SbTestEnv     *env,
                      gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(SbOpenRouter) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GSList *uris;
  Reply reply = { 0, NULL };
  /* 400: the error body is read for OpenRouter's message; 200: the key's body is parsed.
   * Both bodies are cut at 64 kB: the deepest nesting that fits. */
  guint statuses[] = { 400, 200 };

  soup_server_add_handler (server, NULL, server_cb, &reply, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = sb_openrouter_new_for_base (base, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) local_error = NULL;
      SbKeyInfo *info;

      reply.status = statuses[i];
      g_clear_pointer (&reply.body, g_bytes_unref);
      reply.body = deep_json ("{\"error\": {\"message\": \"deeply-nested-marker\", \"x\": ",
                              32000, "}}");
      sb_openrouter_get_key_info_async (client, "made-up-key", NULL, store_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);

      info = sb_openrouter_get_key_info_finish (client, result, &local_error);
      g_test_message ("status %u: %s", statuses[i], local_error->message);
      g_assert_null (info);
      /* Refused before json-glib saw it: no message taken from it, and not valid JSON. */
      g_assert_null (strstr (local_error->message, "deeply-nested-marker"));
      if (statuses[i] == 200)
        g_assert_nonnull (strstr (local_error->message, "not valid JSON"));
    }

  soup_server_disconnect (server);
  g_bytes_unref (reply.body);
}

/* New files follow the umask: 0600 under umask 077. */
static void
test_umask (SbTestEnv     *env,
            gconstpointer  data)
{
  static const struct {
    mode_t umask;
    guint  mode;
  } cases[] = {
    { 077, 0600 },
    { 027, 0640 },
    { 022, 0644 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("settings-%u.json", i);
      g_autofree char *path = claude_path (env, name);
      g_autoptr(SbLayer) layer = sb_layer_new (SB_SCOPE_LOCAL, path);
      g_autoptr(GError) error = NULL;
      mode_t old = umask (cases[i].umask);
      gboolean created = sb_layer_create (layer, &error);
      GStatBuf st;

      umask (old);
      g_assert_no_error (error);
      g_assert_true (created);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 07777, ==, cases[i].mode);
    }
}

/* A file its owner made read-only is left alone by the core and by `--use`. */
static void
test_read_only_file (SbTestEnv     *env,
                     gconstpointer  data)
{
  g_autofree char *local = claude_path (env, "settings.local.json");
  const char *use_args[] = { "--use", "openai/gpt-4o", env->folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "openai/gpt-4o");
  GStatBuf st;

  sb_test_write (local, user_text);
  g_assert_cmpint (g_chmod (local, 0444), ==, 0);

  layer = sb_layer_new (SB_SCOPE_LOCAL, local);
  g_assert_true (sb_layer_get_read_only (layer));
  g_assert_nonnull (sb_layer_get_read_only_reason (layer));
  sb_layer_set_value (layer, "/env/ANTHROPIC_MODEL", value);
  g_assert_false (sb_layer_save (layer, &error));
  g_assert_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_READ_ONLY);

  g_assert_cmpint (run_signalbox (use_args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "Read-only"));

  after = sb_test_read (local);
  g_assert_cmpstr (after, ==, user_text);
  g_assert_cmpint (g_stat (local, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0444);
}

/* Local settings at the root of the git work tree may link anywhere inside it, not out. */
static void
test_local_at_git_root (SbTestEnv     *env,
                        gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (env->folder, "sub", NULL);
  g_autofree char *real_sub = NULL;
  g_autofree char *local = claude_path (env, "settings.local.json");
  g_autofree char *shared = g_build_filename (env->folder, "shared", "local.json", NULL);
  g_autofree char *outside = g_build_filename (env->home, "src", "outside.json", NULL);
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  SbLayer *layer;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  sb_test_run_git (env->folder, "init", "-q");
  real_sub = sb_file_resolve_path (sub, &error);
  g_assert_no_error (error);

  /* Inside the work tree, though not inside the folder asked about: written. */
  sb_test_write (shared, user_text);
  make_link ("../shared/local.json", local);
  stack = sb_layer_stack_new (real_sub);
  layer = sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL);
  g_assert_null (sb_layer_get_read_only_reason (layer));
  g_assert_true (sb_layer_stack_use_model (stack, "openai/gpt-4o", SB_SCOPE_LOCAL, &error));
  g_assert_no_error (error);
  after = sb_test_read (shared);
  g_assert_nonnull (strstr (after, "openai/gpt-4o"));
  g_clear_object (&stack);

  /* Out of the work tree: never written. */
  g_assert_cmpint (g_unlink (local), ==, 0);
  make_link ("../../outside.json", local);
  stack = sb_layer_stack_new (real_sub);
  layer = sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL);
  g_assert_nonnull (sb_layer_get_read_only_reason (layer));
  g_assert_false (sb_layer_stack_use_model (stack, "openai/gpt-4o", SB_SCOPE_LOCAL, &error));
  g_assert_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_READ_ONLY);
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
}

/* Making a file with a token private keeps it read-only if its owner made it so. */
static void
test_read_only_chmod_fix (SbTestEnv     *env,
                          gconstpointer  data)
{
  g_autofree char *user = user_path (env);
  g_autoptr(GString) text = g_string_new ("{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"sk-or-v1-");
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  SbDiagnostic *diagnostic = NULL;
  GStatBuf st;

  /* Built here, so that no key-shaped string is committed. */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (text, "0123456789abcdef"[(i * 5 + 1) % 16]);
  g_string_append (text, "\"}}\n");
  sb_test_write (user, text->str);
  g_assert_cmpint (g_chmod (user, 0444), ==, 0);

  stack = sb_layer_stack_new (env->folder);
  diagnostics = sb_diagnostics_check (stack);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SbDiagnostic *candidate = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (candidate->code, "secret-readable") == 0)
        diagnostic = candidate;
    }
  g_assert_nonnull (diagnostic);
  g_assert_true (sb_diagnostic_apply_fix (diagnostic, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (user, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/security-files/dangling-link-out", test_dangling_link_out);
  ADD_TEST ("/signalbox/security-files/claude-folder-link-out", test_claude_folder_link_out);
  ADD_TEST ("/signalbox/security-files/project-linked-to-user", test_project_linked_to_user);
  ADD_TEST ("/signalbox/security-files/user-dotfiles-link", test_user_dotfiles_link);
  ADD_TEST ("/signalbox/security-files/fifo", test_fifo);
  ADD_TEST ("/signalbox/security-files/dev-zero", test_dev_zero);
  ADD_TEST ("/signalbox/security-files/huge-file", test_huge_file);
  ADD_TEST ("/signalbox/security-files/deep-catalog", test_deep_catalog);
  ADD_TEST ("/signalbox/security-files/deep-error-body", test_deep_error_body);
  ADD_TEST ("/signalbox/security-files/umask", test_umask);
  ADD_TEST ("/signalbox/security-files/read-only-file", test_read_only_file);
  ADD_TEST ("/signalbox/security-files/read-only-chmod-fix", test_read_only_chmod_fix);
  ADD_TEST ("/signalbox/security-files/local-at-git-root", test_local_at_git_root);

  return g_test_run ();
}
