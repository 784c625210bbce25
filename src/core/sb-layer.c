/* sb-layer.c
 *
 * One Claude Code settings file: its scope, text, parsed tree and state, and the edits
 * waiting to be saved into it.
 *
 * Edits are kept as operations (set a JSON Pointer to a value, remove a JSON Pointer), not
 * as a new version of the file: saving re-reads the file and applies them to what is on
 * disk at that moment, so that what Claude Code wrote in the meantime survives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-core-enums.h"
#include "sb-file.h"
#include "sb-history.h"
#include "sb-json-edit.h"
#include "sb-layer.h"

#define RELOAD_DELAY_MS 50
#define MAX_SAVE_ATTEMPTS 50
/* What the umask leaves of it, as for any program's new file, but never writable by others
 * even under umask 0: whoever may write settings may run commands as you (hooks,
 * apiKeyHelper). */
#define NEW_FILE_MODE 0664

typedef struct
{
  char     *pointer;
  JsonNode *value;  /* NULL: remove */
} Operation;

struct _SbLayer
{
  GObject       parent_instance;

  SbScope       scope;
  char         *path;
  char         *within;    /* the folder the file must stay in to be written, or NULL */
  char         *read_only_reason;
  SbLayerState  state;
  char         *error;
  SbJsonDoc    *doc;
  GBytes       *bytes;

  GPtrArray    *pending;   /* of Operation */
  GPtrArray    *undo;      /* of Operation: restores what the last save changed */

  GFileMonitor *monitor;
  guint         reload_source;
};

G_DEFINE_FINAL_TYPE (SbLayer, sb_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCOPE,
  PROP_PATH,
  PROP_WITHIN,
  PROP_STATE,
  PROP_ERROR,
  PROP_WATCHED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (sb-layer-error-quark, sb_layer_error)

static const struct {
  const char *name;
  const char *title;
} scope_names[] = {
  [SB_SCOPE_USER] = { "user", N_("User") },
  [SB_SCOPE_PROJECT] = { "project", N_("Project") },
  [SB_SCOPE_LOCAL] = { "local", N_("Local") },
  [SB_SCOPE_MANAGED] = { "managed", N_("Managed") },
};

const char *
sb_scope_to_string (SbScope scope)
{
  g_return_val_if_fail (scope < SB_N_SCOPES, NULL);

  return scope_names[scope].name;
}

const char *
sb_scope_get_title (SbScope scope)
{
  g_return_val_if_fail (scope < SB_N_SCOPES, NULL);

  return _(scope_names[scope].title);
}

gboolean
sb_scope_from_string (const char *name,
                      SbScope    *scope)
{
  for (guint i = 0; i < G_N_ELEMENTS (scope_names); i++)
    {
      if (g_strcmp0 (name, scope_names[i].name) == 0)
        {
          *scope = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sb_layer_state_to_string (SbLayerState state)
{
  switch (state)
    {
    case SB_LAYER_STATE_MISSING:
      return "missing";
    case SB_LAYER_STATE_OK:
      return "ok";
    case SB_LAYER_STATE_INVALID:
      return "invalid";
    case SB_LAYER_STATE_UNREADABLE:
      return "unreadable";
    default:
      g_return_val_if_reached (NULL);
    }
}

static Operation *
operation_new (const char *pointer,
               JsonNode   *value)
{
  Operation *op = g_new0 (Operation, 1);

  op->pointer = g_strdup (pointer);
  op->value = value != NULL ? sb_json_node_copy_deep (value) : NULL;
  return op;
}

static void
operation_free (gpointer data)
{
  Operation *op = data;

  g_free (op->pointer);
  g_clear_pointer (&op->value, json_node_unref);
  g_free (op);
}

/* Why the file may not be written, for a person: it links out of the folder it belongs
 * to, or its owner made it read-only. NULL if it may be. */
static char *
find_read_only_reason (SbLayer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  GStatBuf st;

  /* Managed files are never written whatever their permissions say. */
  if (self->scope == SB_SCOPE_MANAGED)
    return NULL;

  target = sb_file_resolve_path (self->path, &error);
  if (target == NULL)
    return g_strdup (error->message);

  if (self->within != NULL && !sb_file_is_within (target, self->within))
    /* Translators: %s is a file path */
    return g_strdup_printf (_("Links outside the project to “%s”: read as Claude Code reads "
                              "it, but never written"), target);

  if (g_stat (target, &st) == 0 && S_ISREG (st.st_mode) &&
      sb_file_mode_is_read_only (target, st.st_mode))
    return g_strdup (_("Read-only file: its permissions do not let you write it, so "
                       "Signalbox leaves it as it is"));

  return NULL;
}

/* Reads the file and updates the state. Returns whether anything a viewer would notice
 * changed: the text, the state, or whether it may be written. */
static gboolean
sb_layer_load (SbLayer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SbJsonDoc) doc = NULL;
  SbLayerState old_state = self->state;
  g_autofree char *old_error = g_steal_pointer (&self->error);
  g_autofree char *old_reason = g_steal_pointer (&self->read_only_reason);
  gboolean changed;

  self->read_only_reason = find_read_only_reason (self);
  bytes = sb_file_read (self->path, &error);

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        self->state = SB_LAYER_STATE_MISSING;
      else
        {
          self->state = SB_LAYER_STATE_UNREADABLE;
          self->error = g_strdup (error->message);
        }
    }
  else
    {
      gsize length;
      const char *text = g_bytes_get_data (bytes, &length);

      doc = sb_json_doc_new (text, length, &error);
      if (doc == NULL)
        {
          self->state = SB_LAYER_STATE_INVALID;
          self->error = g_strdup (error->message);
        }
      else
        self->state = SB_LAYER_STATE_OK;
    }

  changed = old_state != self->state ||
            g_strcmp0 (old_error, self->error) != 0 ||
            g_strcmp0 (old_reason, self->read_only_reason) != 0 ||
            !((self->bytes == NULL && bytes == NULL) ||
              (self->bytes != NULL && bytes != NULL && g_bytes_equal (self->bytes, bytes)));

  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_steal_pointer (&bytes);
  g_clear_pointer (&self->doc, sb_json_doc_free);
  self->doc = g_steal_pointer (&doc);

  if (old_state != self->state)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (g_strcmp0 (old_error, self->error) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);

  return changed;
}

/**
 * sb_layer_reload:
 * @self: a #SbLayer
 *
 * Reads the file again, emitting #SbLayer::changed if it is not what it was.
 *
 * Returns: whether the file changed
 */
gboolean
sb_layer_reload (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), FALSE);

  if (!sb_layer_load (self))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0, TRUE);
  return TRUE;
}

static gboolean
reload_cb (gpointer user_data)
{
  SbLayer *self = user_data;

  self->reload_source = 0;
  sb_layer_reload (self);
  return G_SOURCE_REMOVE;
}

/* Editors and Claude Code write in several steps (a temporary file and a rename, or a
 * truncation and a write): wait for the burst of events to end, then compare contents,
 * which also tells our own writes, already loaded, from outside ones. */
static void
on_monitor_changed_cb (SbLayer           *self,
                       GFile             *file,
                       GFile             *other_file,
                       GFileMonitorEvent  event,
                       GFileMonitor      *monitor)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

static void
sb_layer_dispose (GObject *object)
{
  SbLayer *self = (SbLayer *)object;

  sb_layer_set_watched (self, FALSE);

  G_OBJECT_CLASS (sb_layer_parent_class)->dispose (object);
}

static void
sb_layer_finalize (GObject *object)
{
  SbLayer *self = (SbLayer *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->within, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->doc, sb_json_doc_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_layer_parent_class)->finalize (object);
}

static void
sb_layer_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbLayer *self = SB_LAYER (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      g_value_set_enum (value, self->scope);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_WITHIN:
      g_value_set_string (value, self->within);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_WATCHED:
      g_value_set_boolean (value, sb_layer_get_watched (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_layer_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SbLayer *self = SB_LAYER (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      self->scope = g_value_get_enum (value);
      break;

    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_WITHIN:
      /* Compared with targets whose links are all resolved: resolve it the same way. */
      if (g_value_get_string (value) != NULL)
        {
          self->within = sb_file_resolve_path (g_value_get_string (value), NULL);
          if (self->within == NULL)
            self->within = g_strdup (g_value_get_string (value));
        }
      break;

    case PROP_WATCHED:
      sb_layer_set_watched (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_layer_constructed (GObject *object)
{
  SbLayer *self = (SbLayer *)object;

  G_OBJECT_CLASS (sb_layer_parent_class)->constructed (object);

  sb_layer_load (self);
}

static void
sb_layer_class_init (SbLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sb_layer_constructed;
  object_class->dispose = sb_layer_dispose;
  object_class->finalize = sb_layer_finalize;
  object_class->get_property = sb_layer_get_property;
  object_class->set_property = sb_layer_set_property;

  properties[PROP_SCOPE] =
    g_param_spec_enum ("scope", NULL, NULL,
                       SB_TYPE_SCOPE, SB_SCOPE_USER,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The folder that a Project or Local file must stay in, every link followed, to be
   * written: the project, or the git work tree for Local settings at its root. */
  properties[PROP_WITHIN] =
    g_param_spec_string ("within", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       SB_TYPE_LAYER_STATE, SB_LAYER_STATE_MISSING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WATCHED] =
    g_param_spec_boolean ("watched", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbLayer::changed:
   * @self: a #SbLayer
   * @external: %TRUE if something other than this layer changed the file
   *
   * The file's text or state changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
sb_layer_init (SbLayer *self)
{
  self->pending = g_ptr_array_new_with_free_func (operation_free);
  self->undo = g_ptr_array_new_with_free_func (operation_free);
}

/**
 * sb_layer_new:
 * @scope: which layer this is
 * @path: the settings file (it need not exist)
 *
 * Creates a layer and reads its file.
 */
SbLayer *
sb_layer_new (SbScope     scope,
              const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (SB_TYPE_LAYER,
                       "scope", scope,
                       "path", path,
                       NULL);
}

/**
 * sb_layer_new_within:
 * @scope: which layer this is
 * @path: the settings file (it need not exist)
 * @within: (nullable): the folder the file, every link followed, must lie in to be
 *   written; a file that links out of it is read but never written
 *
 * Creates a layer and reads its file.
 */
SbLayer *
sb_layer_new_within (SbScope     scope,
                     const char *path,
                     const char *within)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (SB_TYPE_LAYER,
                       "scope", scope,
                       "path", path,
                       "within", within,
                       NULL);
}

SbScope
sb_layer_get_scope (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), 0);

  return self->scope;
}

const char *
sb_layer_get_path (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), NULL);

  return self->path;
}

SbLayerState
sb_layer_get_state (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), 0);

  return self->state;
}

/**
 * sb_layer_get_error:
 * @self: a #SbLayer
 *
 * Returns: (nullable): for an invalid file, "LINE:COL description"; for an unreadable
 *   one, why it could not be read
 */
const char *
sb_layer_get_error (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), NULL);

  return self->error;
}

gboolean
sb_layer_get_read_only (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), TRUE);

  return self->scope == SB_SCOPE_MANAGED || self->read_only_reason != NULL;
}

/**
 * sb_layer_get_read_only_reason:
 * @self: a #SbLayer
 *
 * Returns: (nullable): why a file that is not managed may not be written, as of the last
 *   read: it links outside the project, or it is read-only
 */
const char *
sb_layer_get_read_only_reason (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), NULL);

  return self->read_only_reason;
}

/**
 * sb_layer_get_text:
 * @self: a #SbLayer
 * @length: (out) (optional): the length of the text
 *
 * Returns: (nullable): the file's text as last read (not nul-terminated), or %NULL if the
 *   file is missing or unreadable
 */
const char *
sb_layer_get_text (SbLayer *self,
                   gsize   *length)
{
  g_return_val_if_fail (SB_IS_LAYER (self), NULL);

  if (self->bytes == NULL)
    {
      if (length != NULL)
        *length = 0;
      return NULL;
    }

  return g_bytes_get_data (self->bytes, length);
}

/**
 * sb_layer_get_root:
 * @self: a #SbLayer
 *
 * Returns: (nullable) (transfer none): the settings object, or %NULL unless the file
 *   exists and parses
 */
JsonNode *
sb_layer_get_root (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), NULL);

  return self->doc != NULL ? sb_json_doc_get_root (self->doc) : NULL;
}

/**
 * sb_layer_set_value:
 * @self: a #SbLayer
 * @pointer: a JSON Pointer, such as "/env/ANTHROPIC_MODEL"
 * @value: the value to set there
 *
 * Queues setting @pointer to @value; sb_layer_save() applies it.
 */
void
sb_layer_set_value (SbLayer    *self,
                    const char *pointer,
                    JsonNode   *value)
{
  g_return_if_fail (SB_IS_LAYER (self));
  g_return_if_fail (pointer != NULL);
  g_return_if_fail (value != NULL);

  g_ptr_array_add (self->pending, operation_new (pointer, value));
}

void
sb_layer_remove_value (SbLayer    *self,
                       const char *pointer)
{
  g_return_if_fail (SB_IS_LAYER (self));
  g_return_if_fail (pointer != NULL);

  g_ptr_array_add (self->pending, operation_new (pointer, NULL));
}

gboolean
sb_layer_has_pending (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), FALSE);

  return self->pending->len > 0;
}

/* The shortest prefix of @pointer that names nothing in @root. */
static char *
first_missing (JsonNode   *root,
               const char *pointer)
{
  g_auto(GStrv) tokens = sb_json_pointer_parse (pointer, NULL);
  g_autofree char *prefix = g_strdup ("");

  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    {
      JsonNode *parent = sb_json_pointer_get (root, prefix);
      g_autofree char *index = NULL;
      char *next;

      /* "-" appends to an array: what it creates is the element after the last. */
      if (g_str_equal (tokens[i], "-") && parent != NULL && JSON_NODE_HOLDS_ARRAY (parent))
        index = g_strdup_printf ("%u", json_array_get_length (json_node_get_array (parent)));

      next = sb_json_pointer_append (prefix, index != NULL ? index : tokens[i]);

      g_free (prefix);
      prefix = next;
      if (sb_json_pointer_get (root, prefix) == NULL)
        break;
    }

  return g_steal_pointer (&prefix);
}

/* Applies @ops to @doc, collecting in @undo the operations that would put back what they
 * replace, last first. */
static gboolean
apply_operations (SbLayer    *self,
                  SbJsonDoc  *doc,
                  GPtrArray  *ops,
                  GPtrArray  *undo,
                  GError    **error)
{
  for (guint i = 0; i < ops->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      const Operation *op = g_ptr_array_index (ops, i);
      JsonNode *old = sb_json_pointer_get (sb_json_doc_get_root (doc), op->pointer);
      gboolean ok;

      if (old != NULL && op->value != NULL && sb_json_node_equal (old, op->value))
        continue;

      if (old != NULL || op->value == NULL)
        g_ptr_array_insert (undo, 0, operation_new (op->pointer, old));
      else
        {
          /* Setting a value may create its parents: undo removes the first one created. */
          g_autofree char *created = first_missing (sb_json_doc_get_root (doc), op->pointer);
          g_ptr_array_insert (undo, 0, operation_new (created, NULL));
        }

      if (op->value != NULL)
        ok = sb_json_doc_set (doc, op->pointer, op->value, &local_error);
      else
        ok = sb_json_doc_remove (doc, op->pointer, &local_error);

      /* Removing what someone else already removed is what was asked for. */
      if (!ok && g_error_matches (local_error, SB_JSON_ERROR, SB_JSON_ERROR_NOT_FOUND))
        {
          g_ptr_array_remove_index (undo, 0);
          continue;
        }

      if (!ok)
        {
          g_set_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_EDIT,
                       _("Cannot change %s in “%s”: %s"),
                       op->pointer, self->path, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* Managed files, files that link out of their folder and read-only files are never
 * written. Asked again at each write: the file may have changed since it was read. */
static gboolean
check_writable (SbLayer  *self,
                GError  **error)
{
  g_autofree char *reason = NULL;

  if (self->scope == SB_SCOPE_MANAGED)
    {
      g_set_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_READ_ONLY,
                   _("Managed settings are set by the system administrator and cannot "
                     "be changed here"));
      return FALSE;
    }

  reason = find_read_only_reason (self);
  if (reason != NULL)
    {
      /* Translators: the first %s is a file, the second why it is not written */
      g_set_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_READ_ONLY,
                   _("“%s” was left unchanged. %s."), self->path, reason);
      return FALSE;
    }

  return TRUE;
}

/* One attempt at saving @ops. Returns FALSE with SB_FILE_ERROR_CHANGED when the file
 * changed under us, so that the caller tries again with what is on disk then. */
static gboolean
save_operations (SbLayer    *self,
                 GPtrArray  *ops,
                 GPtrArray  *undo,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) disk = NULL;
  g_autoptr(SbJsonDoc) doc = NULL;
  const char *text = "";
  const char *new_text;
  gsize length = 0;
  gsize new_length;

  disk = sb_file_read (self->path, &local_error);
  if (disk == NULL && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_UNREADABLE,
                   _("Cannot read “%s”: %s"), self->path, local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  if (disk != NULL)
    text = g_bytes_get_data (disk, &length);

  doc = sb_json_doc_new (text, length, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_INVALID,
                   _("“%s” does not parse (%s), so it was left unchanged. "
                     "Fix the file first."),
                   self->path, local_error->message);
      return FALSE;
    }

  g_ptr_array_set_size (undo, 0);
  if (!apply_operations (self, doc, ops, undo, error))
    return FALSE;

  new_text = sb_json_doc_get_text (doc, &new_length);
  if (disk != NULL && new_length == length && memcmp (new_text, text, length) == 0)
    return TRUE;

  if (disk != NULL && !sb_history_add (self->path, text, length, &local_error))
    {
      /* Without a copy of the old version the change could not be undone: don't make it. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return sb_file_replace (self->path, new_text, new_length, disk, NEW_FILE_MODE, self->within,
                          error);
}

static gboolean
save_with_retries (SbLayer    *self,
                   GPtrArray  *ops,
                   GError    **error)
{
  g_autoptr(GPtrArray) undo = g_ptr_array_new_with_free_func (operation_free);

  if (!check_writable (self, error))
    return FALSE;

  for (guint attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (save_operations (self, ops, undo, &local_error))
        {
          g_ptr_array_unref (self->undo);
          self->undo = g_steal_pointer (&undo);
          if (sb_layer_load (self))
            g_signal_emit (self, signals[CHANGED], 0, FALSE);
          return TRUE;
        }

      if (!g_error_matches (local_error, SB_FILE_ERROR, SB_FILE_ERROR_CHANGED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* A random pause, so as not to fall in step with a writer that writes regularly,
       * growing with each attempt (up to 20 ms) so that a save slower than the writer's
       * period still finds a gap: about a second in all before giving up. */
      g_debug ("%s changed while saving (attempt %u)", self->path, attempt + 1);
      g_usleep (g_random_int_range (0, MIN (attempt + 1, 20) * 1000));
    }

  g_set_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_BUSY,
               _("“%s” kept changing on disk; it was left unchanged. Try again."),
               self->path);
  return FALSE;
}

/**
 * sb_layer_save:
 * @self: a #SbLayer
 * @error: return location for an error
 *
 * Applies the pending operations to the file as it is on disk now and replaces it
 * atomically, keeping the previous version in the history. A file that does not parse is
 * never written. On success the pending operations are cleared and the layer shows the
 * new file; on failure nothing was written and the operations are dropped, so that a later
 * save cannot write them along with its own.
 */
gboolean
sb_layer_save (SbLayer  *self,
               GError  **error)
{
  gboolean saved;

  g_return_val_if_fail (SB_IS_LAYER (self), FALSE);

  if (self->pending->len == 0)
    return TRUE;

  saved = save_with_retries (self, self->pending, error);
  g_ptr_array_set_size (self->pending, 0);
  return saved;
}

/**
 * sb_layer_remove_bom:
 * @self: a #SbLayer
 * @error: return location for an error
 *
 * Removes a UTF-8 byte-order mark from the start of the file, and nothing else: Claude
 * Code's CLI reads such a file, but Claude Desktop ignores all of it. The old version goes
 * into the history like any other save.
 */
gboolean
sb_layer_remove_bom (SbLayer  *self,
                     GError  **error)
{
  g_autoptr(GBytes) disk = NULL;
  const char *text;
  gsize length;

  g_return_val_if_fail (SB_IS_LAYER (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  disk = sb_file_read (self->path, error);
  if (disk == NULL)
    return FALSE;
  text = g_bytes_get_data (disk, &length);
  if (length < 3 || memcmp (text, "\xEF\xBB\xBF", 3) != 0)
    return TRUE;

  if (!sb_history_add (self->path, text, length, error) ||
      !sb_file_replace (self->path, text + 3, length - 3, disk, NEW_FILE_MODE, self->within,
                        error))
    return FALSE;

  if (sb_layer_load (self))
    g_signal_emit (self, signals[CHANGED], 0, FALSE);
  return TRUE;
}

gboolean
sb_layer_can_undo (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), FALSE);

  return self->undo->len > 0;
}

/**
 * sb_layer_undo:
 * @self: a #SbLayer
 * @error: return location for an error
 *
 * Puts back the values that the last save changed, as operations on the file as it is
 * now: what others wrote since stays. Undoing again redoes.
 */
gboolean
sb_layer_undo (SbLayer  *self,
               GError  **error)
{
  g_autoptr(GPtrArray) ops = NULL;

  g_return_val_if_fail (SB_IS_LAYER (self), FALSE);

  if (self->undo->len == 0)
    return TRUE;

  ops = g_ptr_array_ref (self->undo);
  return save_with_retries (self, ops, error);
}

/**
 * sb_layer_create:
 * @self: a #SbLayer whose file is missing
 * @error: return location for an error
 *
 * Creates the file as an empty settings object, and its folder if need be. A file that
 * appeared meanwhile is left as it is.
 */
gboolean
sb_layer_create (SbLayer  *self,
                 GError  **error)
{
  static const char empty[] = "{\n}\n";

  g_return_val_if_fail (SB_IS_LAYER (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!sb_file_replace (self->path, empty, strlen (empty), NULL, NEW_FILE_MODE, self->within,
                        error))
    return FALSE;

  if (sb_layer_load (self))
    g_signal_emit (self, signals[CHANGED], 0, FALSE);
  return TRUE;
}

/**
 * sb_layer_restore:
 * @self: a #SbLayer whose file does not parse
 * @restored_path: (out) (optional): the version put back, in the history
 * @error: return location for an error
 *
 * Puts back the newest version from the history that parses. The broken text is kept in
 * the history first, so nothing is lost; a file that changed meanwhile is left alone.
 */
gboolean
sb_layer_restore (SbLayer  *self,
                  char    **restored_path,
                  GError  **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GBytes) good = NULL;
  const char *text;
  gsize length;
  guint i;

  g_return_val_if_fail (SB_IS_LAYER (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  versions = sb_history_list (self->path);
  for (i = versions->len; i > 0 && good == NULL; i--)
    {
      g_autoptr(GBytes) bytes = sb_file_read (g_ptr_array_index (versions, i - 1), NULL);
      g_autoptr(SbJsonDoc) doc = NULL;

      if (bytes == NULL)
        continue;
      text = g_bytes_get_data (bytes, &length);
      doc = sb_json_doc_new (text, length, NULL);
      if (doc != NULL)
        good = g_steal_pointer (&bytes);
    }

  if (good == NULL)
    {
      g_set_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_EDIT,
                   _("No earlier version of “%s” that parses is in the history"), self->path);
      return FALSE;
    }

  if (self->bytes != NULL)
    {
      text = g_bytes_get_data (self->bytes, &length);
      if (!sb_history_add (self->path, text, length, error))
        return FALSE;
    }

  text = g_bytes_get_data (good, &length);
  if (!sb_file_replace (self->path, text, length, self->bytes, NEW_FILE_MODE, self->within, error))
    return FALSE;

  if (restored_path != NULL)
    *restored_path = g_strdup (g_ptr_array_index (versions, i));

  g_ptr_array_set_size (self->undo, 0);
  if (sb_layer_load (self))
    g_signal_emit (self, signals[CHANGED], 0, FALSE);
  return TRUE;
}

gboolean
sb_layer_get_watched (SbLayer *self)
{
  g_return_val_if_fail (SB_IS_LAYER (self), FALSE);

  return self->monitor != NULL;
}

/**
 * sb_layer_set_watched:
 * @self: a #SbLayer
 * @watched: whether to watch the file
 *
 * While watched, the layer reloads itself when the file changes on disk and emits
 * #SbLayer::changed with @external set; its own saves are not mistaken for outside ones.
 */
void
sb_layer_set_watched (SbLayer  *self,
                      gboolean  watched)
{
  g_return_if_fail (SB_IS_LAYER (self));

  if (watched == (self->monitor != NULL))
    return;

  if (watched)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->path);
      g_autoptr(GError) error = NULL;

      self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
      if (self->monitor == NULL)
        {
          g_warning ("Cannot watch %s: %s", self->path, error->message);
          return;
        }

      g_signal_connect_object (self->monitor, "changed",
                               G_CALLBACK (on_monitor_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
      g_clear_handle_id (&self->reload_source, g_source_remove);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHED]);
}
