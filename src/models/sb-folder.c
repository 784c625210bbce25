/* sb-folder.c
 *
 * One project folder as the window works on it: its layers, the changes made to them and
 * their undo, what each change means in words, and its problems.
 *
 * Every change to a folder's files made from the window goes through here, so that there
 * is one place that knows which layer Undo takes back, and one signal, ::notice, that says
 * what happened. The window shows notices as toasts; nothing else does.
 *
 * The layers are read when first asked for, so that a sidebar of folders costs nothing
 * until one is opened; changes on disk reach ::changed once per burst (a save, then the
 * file monitor's echo of it), from an idle callback.
 *
 * A folder is checked once for everyone who shows its problems (the sidebar's row, the
 * Effective column, the marks in the layers' columns): sb_folder_check() reads it if it is
 * not loaded, and from then on it is checked again after each change, when git has
 * answered about its files, when the keyring has answered about the helper's profile (for
 * a loaded folder), and when the model list changes. ::checked follows each check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sb-claude-menu.h"
#include "sb-claude-model.h"
#include "sb-claude-tiers.h"
#include "sb-diagnostics.h"
#include "sb-folder.h"
#include "sb-git.h"
#include "sb-json-edit.h"

struct _SbFolder
{
  GObject       parent_instance;

  /* Owned */
  char         *path;
  SbCatalog    *catalog;       /* for the limits a model brings; may be NULL */
  SbLayerStack *stack;         /* NULL until first asked for */
  SbLayer      *undo_layer;    /* the layer the last change went to */
  char         *model;         /* the effective model, once loaded */
  guint         changed_source;
  gboolean      changed_external;
  guint         changed_on_disk; /* bit per SbScope that another program changed */
  gboolean      has_problems;
  GListStore   *problems;      /* of SbProblem: the diagnostics, as rows show them */
  GPtrArray    *diagnostics;   /* NULL until checked */
  char         *keyring_profile; /* the helper's, last asked about */
  SbKeyringState keyring;
  GCancellable *cancellable;   /* git's and the keyring's answers */
  guint         check_source;
  double        week_cost;     /* USD; negative when unknown, NAN until counted */
  double        week_known;    /* the part of it with a price */
};

G_DEFINE_FINAL_TYPE (SbFolder, sb_folder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_CATALOG,
  PROP_MODEL,
  PROP_HAS_PROBLEMS,
  PROP_CAN_UNDO,
  PROP_WEEK_COST,
  N_PROPS
};

enum {
  CHANGED,
  NOTICE,
  CHECKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_notice (SbFolder   *self,
             const char *message,
             gboolean    undoable)
{
  g_signal_emit (self, signals[NOTICE], 0, message, undoable);
}

/* The id Claude Code will send, after aliases, tiers and availableModels: what the
 * sidebar and the verdict say. */
static void
update_model (SbFolder     *self,
              SbLayerStack *stack)
{
  g_autoptr(SbClaudeModel) claude = sb_claude_model_resolve (stack);
  g_autofree char *model = g_strdup (claude->reported != NULL ? claude->reported
                                                              : claude->model);

  if (g_strcmp0 (model, self->model) == 0)
    return;

  g_free (self->model);
  self->model = g_steal_pointer (&model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

static void
set_undo_layer (SbFolder *self,
                SbLayer  *layer)
{
  gboolean could = sb_folder_get_can_undo (self);

  g_set_object (&self->undo_layer, layer);
  if (could != sb_folder_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

static gboolean
changed_cb (gpointer user_data)
{
  SbFolder *self = user_data;
  gboolean external = self->changed_external;
  g_autoptr(GString) on_disk = g_string_new (NULL);

  self->changed_source = 0;
  self->changed_external = FALSE;

  for (SbScope scope = 0; scope < SB_N_SCOPES; scope++)
    if (self->changed_on_disk & (1u << scope))
      {
        if (on_disk->len > 0)
          g_string_append (on_disk, ", ");
        g_string_append (on_disk, sb_scope_get_title (scope));
      }
  self->changed_on_disk = 0;

  update_model (self, self->stack);
  /* The undo step no longer matches a file someone else rewrote. */
  if (self->undo_layer != NULL && !sb_layer_can_undo (self->undo_layer))
    set_undo_layer (self, NULL);

  if (self->diagnostics != NULL)
    sb_folder_check (self);
  g_signal_emit (self, signals[CHANGED], 0, external);

  if (on_disk->len > 0)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a list of layers, e.g. "Local" or "User, Local" */
      message = g_strdup_printf (_("Changed on disk and reloaded: %s"), on_disk->str);
      emit_notice (self, message, FALSE);
    }

  return G_SOURCE_REMOVE;
}

static void
on_layer_changed_cb (SbFolder *self,
                     gboolean  external,
                     SbLayer  *layer)
{
  if (external)
    self->changed_on_disk |= 1u << sb_layer_get_scope (layer);
  self->changed_external |= external;
  if (self->changed_source == 0)
    self->changed_source = g_idle_add_full (G_PRIORITY_DEFAULT, changed_cb, self, NULL);
}

/**
 * sb_folder_get_stack:
 * @self: a folder
 *
 * Reads the folder's layers the first time and watches their files from then on, until
 * sb_folder_unload().
 *
 * Returns: (transfer none): the folder's layers
 */
SbLayerStack *
sb_folder_get_stack (SbFolder *self)
{
  GPtrArray *layers;

  g_return_val_if_fail (SB_IS_FOLDER (self), NULL);

  if (self->stack != NULL)
    return self->stack;

  self->stack = sb_layer_stack_new (self->path);
  layers = sb_layer_stack_get_layers (self->stack);
  for (guint i = 0; i < layers->len; i++)
    g_signal_connect_object (g_ptr_array_index (layers, i), "changed",
                             G_CALLBACK (on_layer_changed_cb), self, G_CONNECT_SWAPPED);
  sb_layer_stack_set_watched (self->stack, TRUE);
  update_model (self, self->stack);
  return self->stack;
}

gboolean
sb_folder_get_loaded (SbFolder *self)
{
  g_return_val_if_fail (SB_IS_FOLDER (self), FALSE);

  return self->stack != NULL;
}

/**
 * sb_folder_unload:
 * @self: a folder
 *
 * Stops watching the folder's files and forgets its layers and its undo step, as when the
 * window shows another folder.
 */
void
sb_folder_unload (SbFolder *self)
{
  g_return_if_fail (SB_IS_FOLDER (self));

  g_clear_handle_id (&self->changed_source, g_source_remove);
  self->changed_external = FALSE;
  self->changed_on_disk = 0;
  set_undo_layer (self, NULL);
  if (self->stack != NULL)
    {
      sb_layer_stack_set_watched (self->stack, FALSE);
      g_clear_object (&self->stack);
    }
}

const char *
sb_folder_get_path (SbFolder *self)
{
  g_return_val_if_fail (SB_IS_FOLDER (self), NULL);

  return self->path;
}

/**
 * sb_folder_get_model:
 * @self: a folder
 *
 * Returns: (nullable): the model id Claude Code will send in the folder, once its layers
 *   were read, or %NULL
 */
const char *
sb_folder_get_model (SbFolder *self)
{
  g_return_val_if_fail (SB_IS_FOLDER (self), NULL);

  return self->model;
}

gboolean
sb_folder_get_has_problems (SbFolder *self)
{
  g_return_val_if_fail (SB_IS_FOLDER (self), FALSE);

  return self->has_problems;
}

static void
set_has_problems (SbFolder *self,
                  gboolean  has_problems)
{
  has_problems = !!has_problems;
  if (self->has_problems == has_problems)
    return;

  self->has_problems = has_problems;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PROBLEMS]);
}

/* Problems */

static void check (SbFolder *self,
                   gboolean  ask_git);

static void
on_keyring_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SbFolder) self = user_data;
  SbKeyringState keyring = sb_diagnostics_lookup_keyring_finish (result);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->keyring = keyring;
  check (self, FALSE);
}

static void
on_git_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SbFolder) self = user_data;

  if (sb_git_update_states_finish (result, NULL))
    check (self, FALSE);
}

/* The keyring is asked again only when the helper asks for another profile. */
static void
ask_keyring (SbFolder     *self,
             SbLayerStack *stack)
{
  g_autofree char *profile = sb_diagnostics_get_helper_profile (stack);

  if (g_strcmp0 (profile, self->keyring_profile) == 0)
    return;

  g_free (self->keyring_profile);
  self->keyring_profile = g_steal_pointer (&profile);
  self->keyring = SB_KEYRING_UNKNOWN;
  if (self->keyring_profile != NULL)
    sb_diagnostics_lookup_keyring_async (self->keyring_profile, self->cancellable,
                                         on_keyring_cb, g_object_ref (self));
}

static void
check (SbFolder *self,
       gboolean  ask_git)
{
  /* A folder not loaded is read for the check, not watched. */
  g_autoptr(SbLayerStack) stack = self->stack != NULL ? g_object_ref (self->stack)
                                                      : sb_layer_stack_new (self->path);
  gboolean catalog_ready = self->catalog != NULL &&
                           sb_catalog_get_source (self->catalog) != SB_CATALOG_SOURCE_NONE;
  SbDiagnosticsContext context = { catalog_ready ? self->catalog : NULL, SB_KEYRING_UNKNOWN,
                                   NULL, TRUE };
  g_autoptr(GPtrArray) diagnostics = NULL;

  g_clear_handle_id (&self->check_source, g_source_remove);

  /* Only for the folder shown: a sidebar of folders asks the keyring nothing. */
  if (self->stack != NULL)
    {
      ask_keyring (self, stack);
      context.keyring = self->keyring;
    }
  else
    update_model (self, stack);

  /* git answers in a thread; the folder is checked again when it has. */
  if (ask_git)
    {
      g_auto(GStrv) git_paths = sb_diagnostics_get_git_paths (stack);

      sb_git_update_states_async ((const char * const *) git_paths, self->cancellable,
                                  on_git_cb, g_object_ref (self));
    }

  diagnostics = sb_diagnostics_check_full (stack, &context);
  sb_problem_list_update (self->problems, diagnostics);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = g_steal_pointer (&diagnostics);
  set_has_problems (self, sb_diagnostics_has_errors (self->diagnostics));

  g_signal_emit (self, signals[CHECKED], 0);
}

/**
 * sb_folder_check:
 * @self: a folder
 *
 * Checks the folder now, reading its layers if they are not loaded (without loading them),
 * and asks git about its files, to check it again when git has answered.
 */
void
sb_folder_check (SbFolder *self)
{
  g_return_if_fail (SB_IS_FOLDER (self));

  check (self, TRUE);
}

static gboolean
check_cb (gpointer user_data)
{
  SbFolder *self = user_data;

  self->check_source = 0;
  check (self, TRUE);
  return G_SOURCE_REMOVE;
}

/**
 * sb_folder_check_soon:
 * @self: a folder
 *
 * Checks the folder when the main loop is idle, unless it was checked already: for a
 * sidebar row, after the window's first frame.
 */
void
sb_folder_check_soon (SbFolder *self)
{
  g_return_if_fail (SB_IS_FOLDER (self));

  if (self->diagnostics == NULL && self->check_source == 0)
    self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_cb, self, NULL);
}

/**
 * sb_folder_get_problems:
 * @self: a folder
 *
 * Returns: (transfer none): the folder's problems, a list of #SbProblem, empty until
 *   checked, and changed only where a check finds others
 */
GListModel *
sb_folder_get_problems (SbFolder *self)
{
  g_return_val_if_fail (SB_IS_FOLDER (self), NULL);

  return G_LIST_MODEL (self->problems);
}

/**
 * sb_folder_get_diagnostics:
 * @self: a folder
 *
 * Returns: (transfer none) (nullable) (element-type SbDiagnostic): what the last check
 *   found, or %NULL before the first
 */
GPtrArray *
sb_folder_get_diagnostics (SbFolder *self)
{
  g_return_val_if_fail (SB_IS_FOLDER (self), NULL);

  return self->diagnostics;
}

/**
 * sb_folder_apply_fix:
 * @self: a folder
 * @problem: one of its problems, with a fix
 * @error: where the fix failed
 *
 * Applies @problem's fix and says so: a fix that edits a layer is one Undo step. The
 * folder is checked again: at once when the fix changed no watched file, and otherwise
 * when the change comes back through ::changed, as every change does.
 *
 * Returns: whether the fix was made
 */
gboolean
sb_folder_apply_fix (SbFolder   *self,
                     SbProblem  *problem,
                     GError    **error)
{
  /* Held: the check after the fix drops the list's hold on the problem. */
  g_autoptr(SbProblem) held = NULL;
  SbDiagnostic *diagnostic;
  g_autofree char *message = NULL;

  g_return_val_if_fail (SB_IS_FOLDER (self), FALSE);
  g_return_val_if_fail (SB_IS_PROBLEM (problem), FALSE);

  held = g_object_ref (problem);
  diagnostic = sb_problem_get_diagnostic (problem);
  if (!sb_diagnostic_apply_fix (diagnostic, error))
    return FALSE;

  /* Translators: %s says what was done, e.g. "Set ANTHROPIC_API_KEY to empty" */
  message = g_strdup_printf (_("Fixed: %s"), diagnostic->fix->description);
  if (diagnostic->fix->kind == SB_FIX_EDIT)
    sb_folder_changed_by (self, diagnostic->fix->layer, message);
  else
    emit_notice (self, message, FALSE);

  /* An edit to a watched layer comes back through ::changed, which checks again. */
  if (diagnostic->fix->kind != SB_FIX_EDIT || self->stack == NULL)
    check (self, TRUE);
  return TRUE;
}

static void
on_catalog_changed_cb (SbFolder *self)
{
  if (self->diagnostics != NULL)
    check (self, FALSE);
}

/**
 * sb_folder_get_week_cost:
 * @self: a folder
 *
 * Returns: what Claude Code spent in the folder in the last 7 days, in US dollars, as
 *   estimated from its transcripts; negative when a model has no price, NAN until counted
 */
double
sb_folder_get_week_cost (SbFolder *self)
{
  g_return_val_if_fail (SB_IS_FOLDER (self), NAN);

  return self->week_cost;
}

/* Returns: the part of the last 7 days' cost that has a price (all of it, when known) */
double
sb_folder_get_week_known_cost (SbFolder *self)
{
  g_return_val_if_fail (SB_IS_FOLDER (self), NAN);

  return self->week_known;
}

void
sb_folder_set_week_cost (SbFolder *self,
                         double    week_cost,
                         double    week_known)
{
  g_return_if_fail (SB_IS_FOLDER (self));

  if ((self->week_cost == week_cost || (isnan (self->week_cost) && isnan (week_cost))) &&
      self->week_known == week_known)
    return;

  self->week_cost = week_cost;
  self->week_known = week_known;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEEK_COST]);
}

gboolean
sb_folder_get_can_undo (SbFolder *self)
{
  g_return_val_if_fail (SB_IS_FOLDER (self), FALSE);

  return self->undo_layer != NULL && sb_layer_can_undo (self->undo_layer);
}

static const char *
pointer_key (const char *pointer)
{
  const char *slash = strrchr (pointer, '/');

  return slash != NULL ? slash + 1 : pointer;
}

/**
 * sb_folder_set_value:
 * @self: a folder
 * @scope: the layer to change
 * @pointer: the value to change, e.g. `/env/ANTHROPIC_MODEL`
 * @text: (nullable): its new text, written as a JSON string (empty too: Claude Code needs
 *   some variables present and empty); %NULL removes it
 * @error: where to say why not
 *
 * Changes one value of a layer and saves the file; the change can be undone.
 *
 * Returns: %TRUE if the file holds the change (or needed none)
 */
gboolean
sb_folder_set_value (SbFolder    *self,
                     SbScope      scope,
                     const char  *pointer,
                     const char  *text,
                     GError     **error)
{
  SbLayer *layer;
  const char *title = sb_scope_get_title (scope);
  g_autofree char *message = NULL;

  g_return_val_if_fail (SB_IS_FOLDER (self), FALSE);
  g_return_val_if_fail (pointer != NULL && pointer[0] == '/', FALSE);

  layer = sb_layer_stack_get_layer (sb_folder_get_stack (self), scope);
  g_return_val_if_fail (layer != NULL, FALSE);

  if (text == NULL)
    {
      if (sb_json_pointer_get (sb_layer_get_root (layer), pointer) == NULL)
        return TRUE;

      sb_layer_remove_value (layer, pointer);
      /* Translators: the first %s is a setting, the second a layer (User, Project, Local) */
      message = g_strdup_printf (_("Removed %s from the %s settings"), pointer_key (pointer),
                                 title);
    }
  else
    {
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);

      sb_layer_set_value (layer, pointer, value);
      /* Translators: the first %s is a setting, the second a layer (User, Project, Local) */
      message = g_strdup_printf (_("Set %s in the %s settings"), pointer_key (pointer), title);
    }

  if (!sb_layer_save (layer, error))
    return FALSE;

  sb_folder_changed_by (self, layer, message);
  return TRUE;
}

/**
 * sb_folder_use_model:
 * @self: a folder
 * @model: a model id
 * @scope: the layer to write
 * @error: where to say why not
 *
 * Makes claude use @model in the folder, as `signalbox --use` does, with the limits the
 * catalogue gives it; the change can be undone in one step.
 *
 * Returns: whether the model is set
 */
gboolean
sb_folder_use_model (SbFolder    *self,
                     const char  *model,
                     SbScope      scope,
                     GError     **error)
{
  g_autoptr(SbClaudeSwitch) done = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (SB_IS_FOLDER (self), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

  if (!sb_claude_model_use (sb_folder_get_stack (self), self->catalog, model, scope, &done,
                            error))
    return FALSE;

  if (done->shadowed != NULL)
    /* Translators: the first %s is a model id, the second and third layers (User, Project,
     * Local) */
    message = g_strdup_printf (_("Set %s in the %s settings, but the %s settings’ "
                                 "ANTHROPIC_MODEL still wins"), model,
                               sb_scope_get_title (scope),
                               sb_scope_get_title (done->shadowed_scope));
  else if (done->kept->len > 0)
    /* Translators: the first %s is a model id, the second a layer (User, Project, Local),
     * the third a variable such as CLAUDE_CODE_MAX_CONTEXT_TOKENS */
    message = g_strdup_printf (_("Now using %s, set in the %s settings; your own %s is "
                                 "kept"), model, sb_scope_get_title (scope),
                               (const char *) g_ptr_array_index (done->kept, 0));
  else
    /* Translators: the first %s is a model id, the second a layer (User, Project, Local) */
    message = g_strdup_printf (_("Now using %s, set in the %s settings"), model,
                               sb_scope_get_title (scope));
  sb_folder_changed_by (self, sb_layer_stack_get_layer (self->stack, scope), message);
  return TRUE;
}

/**
 * sb_folder_use_for_tiers:
 * @self: a folder
 * @model: a model id
 * @scope: the layer to write
 * @error: where to say why not
 *
 * Sets every model tier of a layer (the Opus, Sonnet, Haiku and Fable tiers and the
 * subagents' model) to @model, so that background and subagent calls use it too.
 *
 * Returns: whether the layer holds them
 */
gboolean
sb_folder_use_for_tiers (SbFolder    *self,
                         const char  *model,
                         SbScope      scope,
                         GError     **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (SB_IS_FOLDER (self), FALSE);

  if (!sb_claude_use_for_tiers (sb_folder_get_stack (self), model, scope, error))
    return FALSE;

  /* Translators: the first %s is a layer (User, Project, Local), the second a model id */
  message = g_strdup_printf (_("Every tier of the %s settings now uses %s"),
                             sb_scope_get_title (scope), model);
  sb_folder_changed_by (self, sb_layer_stack_get_layer (self->stack, scope), message);
  return TRUE;
}

/**
 * sb_folder_set_offered:
 * @self: a folder
 * @model: a model id
 * @scope: the layer to write
 * @offered: whether `/model` is to offer @model in the folder
 * @error: where to say why not
 *
 * Adds @model to the layer's `availableModels`, or takes it out. Lists merge across
 * layers: see sb_claude_available_find() for who else still allows it.
 *
 * Returns: whether the layer holds the change
 */
gboolean
sb_folder_set_offered (SbFolder    *self,
                       const char  *model,
                       SbScope      scope,
                       gboolean     offered,
                       GError     **error)
{
  g_autofree char *message = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (SB_IS_FOLDER (self), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

  if (!sb_claude_available_set (sb_folder_get_stack (self), model, scope, offered, &changed,
                                error))
    return FALSE;
  if (!changed)
    return TRUE;

  if (offered)
    /* Translators: the first %s is a model id, the second a layer (User, Project, Local) */
    message = g_strdup_printf (_("/model offers %s here now, from the %s settings"), model,
                               sb_scope_get_title (scope));
  else
    /* Translators: the first %s is a model id, the second a layer (User, Project, Local) */
    message = g_strdup_printf (_("/model no longer offers %s from the %s settings"), model,
                               sb_scope_get_title (scope));
  sb_folder_changed_by (self, sb_layer_stack_get_layer (self->stack, scope), message);
  return TRUE;
}

/**
 * sb_folder_changed_by:
 * @self: a folder
 * @layer: the layer a change was just saved to
 * @message: (nullable): what the change was, in words; %NULL when the one who made it
 *   said so already
 *
 * Records a change that something else saved to one of the folder's layers (the key
 * page, a fix of a problem), so that Undo takes it back, and says so.
 */
void
sb_folder_changed_by (SbFolder   *self,
                      SbLayer    *layer,
                      const char *message)
{
  g_return_if_fail (SB_IS_FOLDER (self));
  g_return_if_fail (SB_IS_LAYER (layer));

  set_undo_layer (self, layer);
  /* At once, not at the next idle: a folder that is not shown is unloaded right after. */
  if (self->stack != NULL)
    update_model (self, self->stack);
  if (message != NULL)
    emit_notice (self, message, TRUE);
}

/**
 * sb_folder_notice:
 * @self: a folder
 * @message: something the person should know, that cannot be undone
 *
 * Passes a message on to whoever shows the folder, as a failed save or a refusal.
 */
void
sb_folder_notice (SbFolder   *self,
                  const char *message)
{
  g_return_if_fail (SB_IS_FOLDER (self));

  emit_notice (self, message, FALSE);
}

/**
 * sb_folder_undo:
 * @self: a folder
 * @error: where to say why not
 *
 * Takes back the last change made through the folder.
 *
 * Returns: whether it was taken back
 */
gboolean
sb_folder_undo (SbFolder  *self,
                GError   **error)
{
  g_autoptr(SbLayer) layer = NULL;

  g_return_val_if_fail (SB_IS_FOLDER (self), FALSE);

  if (self->undo_layer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Nothing to undo"));
      return FALSE;
    }

  layer = g_object_ref (self->undo_layer);
  set_undo_layer (self, NULL);
  if (!sb_layer_undo (layer, error))
    return FALSE;

  emit_notice (self, _("Undone"), FALSE);
  return TRUE;
}

/* GObject */

static void
sb_folder_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SbFolder *self = SB_FOLDER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_HAS_PROBLEMS:
      g_value_set_boolean (value, self->has_problems);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sb_folder_get_can_undo (self));
      break;
    case PROP_WEEK_COST:
      g_value_set_double (value, self->week_cost);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_folder_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SbFolder *self = SB_FOLDER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_folder_dispose (GObject *object)
{
  SbFolder *self = SB_FOLDER (object);

  sb_folder_unload (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_folder_parent_class)->dispose (object);
}

static void
sb_folder_finalize (GObject *object)
{
  SbFolder *self = SB_FOLDER (object);

  g_free (self->path);
  g_free (self->model);
  g_free (self->keyring_profile);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sb_folder_parent_class)->finalize (object);
}

static void
sb_folder_constructed (GObject *object)
{
  SbFolder *self = SB_FOLDER (object);

  G_OBJECT_CLASS (sb_folder_parent_class)->constructed (object);

  if (self->catalog != NULL)
    g_signal_connect_object (self->catalog, "items-changed", G_CALLBACK (on_catalog_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
sb_folder_class_init (SbFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sb_folder_constructed;
  object_class->dispose = sb_folder_dispose;
  object_class->finalize = sb_folder_finalize;
  object_class->get_property = sb_folder_get_property;
  object_class->set_property = sb_folder_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, SB_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_PROBLEMS] =
    g_param_spec_boolean ("has-problems", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEEK_COST] =
    g_param_spec_double ("week-cost", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbFolder::changed:
   * @self: a folder
   * @external: %TRUE if another program changed a file
   *
   * The folder's layers changed, once for a burst of changes, after the layers and the
   * effective settings were read again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * SbFolder::notice:
   * @self: a folder
   * @message: what happened, in words
   * @undoable: whether Undo takes it back
   *
   * Something the person should be told about the folder.
   */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * SbFolder::checked:
   * @self: a folder
   *
   * The folder was checked: its problems and sb_folder_get_diagnostics() are new.
   */
  signals[CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sb_folder_init (SbFolder *self)
{
  self->week_cost = NAN;
  self->problems = g_list_store_new (SB_TYPE_PROBLEM);
  self->cancellable = g_cancellable_new ();
}

/**
 * sb_folder_new:
 * @path: an absolute folder, links resolved
 * @catalog: (nullable): the model list, for the limits a model brings when it is chosen
 *
 * Returns: (transfer full): the folder, its layers not read yet
 */
SbFolder *
sb_folder_new (const char *path,
               SbCatalog  *catalog)
{
  g_return_val_if_fail (path != NULL && g_path_is_absolute (path), NULL);
  g_return_val_if_fail (catalog == NULL || SB_IS_CATALOG (catalog), NULL);

  return g_object_new (SB_TYPE_FOLDER, "path", path, "catalog", catalog, NULL);
}
