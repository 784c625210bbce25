/* sb-effective-column.c
 *
 * The merged settings of a folder, each value with the layer it comes from.
 *
 * A new column shows only its verdict until sb_effective_column_show_rows(); the problems
 * are found at once all the same, for the window's sidebar and the layers' columns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-diagnostics.h"
#include "sb-effective-column.h"
#include "sb-git.h"
#include "sb-json-edit.h"
#include "sb-layer-column.h"
#include "sb-secrets.h"
#include "sb-summary.h"
#include "sb-value-row.h"

/* Enough to see what a long permission list holds without making thousands of rows. */
#define MAX_CHILD_ROWS 200

struct _SbEffectiveColumn
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkLabel            *title_label;
  GtkLabel            *verdict_label;
  GtkStack            *view_stack;

  /* Owned */
  SbLayerStack        *stack;
  GPtrArray           *rows;
  GPtrArray           *problem_rows;
  GPtrArray           *diagnostics;
  SbCatalog           *catalog;
  GCancellable        *cancellable;
  char                *keyring_profile;
  SbKeyringState       keyring;
  gboolean             rows_shown;
  GtkTextView         *raw_view;    /* made when first shown */
  AdwPreferencesGroup *problems_group; /* these four with the rows */
  AdwPreferencesGroup *routing_group;
  AdwPreferencesGroup *env_group;
  AdwPreferencesGroup *other_group;
  gboolean             raw;
  char                *routing_signature; /* what each group's rows were made from */
  char                *env_signature;
  char                *other_signature;
  char                *problems_signature;
  gboolean             problems_shown;   /* whether the rows were made with the problems */
};

G_DEFINE_FINAL_TYPE (SbEffectiveColumn, sb_effective_column, ADW_TYPE_BIN)

enum {
  FIXED,
  FAILED,
  PROBLEMS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * sb_make_scope_badge:
 * @scope: a layer's scope
 *
 * Returns: (transfer floating): a small coloured label naming the layer
 */
GtkWidget *
sb_make_scope_badge (SbScope scope)
{
  GtkWidget *badge = gtk_label_new (sb_scope_get_title (scope));

  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, sb_scope_to_string (scope));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  return badge;
}

static char *
value_to_display (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      /* Translators: shown for a setting whose value is the empty string */
      return g_strdup (text[0] != '\0' ? text : _("(empty)"));
    }

  return sb_json_node_to_string (node);
}

/* A row titled by the setting's readable name if it has one, else by @name. */
static GtkWidget *
make_row (const char *pointer,
          const char *name,
          JsonNode   *value,
          gboolean    has_scope,
          SbScope     scope)
{
  g_autofree char *text = value_to_display (value);
  const char *title = sb_summary_get_title (pointer);
  GtkWidget *row = sb_value_row_new (title != NULL ? title : name, text, name);

  if (has_scope)
    sb_value_row_add_suffix (SB_VALUE_ROW (row), sb_make_scope_badge (scope));

  return row;
}

static void
add_row (SbEffectiveColumn   *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

/* "/permissions/allow/3" under "/permissions" reads "allow/3". */
static const char *
relative_pointer (const char *pointer,
                  const char *prefix)
{
  return pointer + strlen (prefix) + 1;
}

/* The rows of every leaf under an expander's key, made when it first opens: a list of
 * permissions can be long, and most are never opened. */
static void
fill_expander (SbEffectiveColumn *self,
               GParamSpec        *pspec,
               AdwExpanderRow    *expander)
{
  const char *prefix = g_object_get_data (G_OBJECT (expander), "sb-pointer");
  g_autofree char *prefix_slash = g_strconcat (prefix, "/", NULL);
  g_autoptr(JsonNode) effective = NULL;
  GPtrArray *origins;
  guint n_children = 0;
  guint n_hidden = 0;

  if (!adw_expander_row_get_expanded (expander) ||
      g_object_get_data (G_OBJECT (expander), "sb-filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (expander), "sb-filled", GINT_TO_POINTER (TRUE));

  effective = sb_secrets_redact (sb_layer_stack_get_effective (self->stack));
  origins = sb_layer_stack_get_origins (self->stack);

  for (guint i = 0; i < origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (origins, i);
      JsonNode *node;

      if (!g_str_has_prefix (origin->pointer, prefix_slash))
        continue;

      node = sb_json_pointer_get (effective, origin->pointer);
      if (node == NULL)
        continue;

      if (n_children >= MAX_CHILD_ROWS)
        {
          n_hidden++;
          continue;
        }

      adw_expander_row_add_row (expander,
                                make_row (origin->pointer,
                                          relative_pointer (origin->pointer, prefix), node,
                                          TRUE, origin->scope));
      n_children++;
    }

  if (n_hidden > 0)
    {
      g_autofree char *more = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: %u is a number of settings not shown; the raw view shows them */
      more = g_strdup_printf (ngettext ("%u more value, shown in the raw view",
                                        "%u more values, shown in the raw view", n_hidden),
                              n_hidden);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      adw_expander_row_add_row (expander, row);
    }

  sb_labels_set_min_chars (GTK_WIDGET (expander), SB_MIN_LABEL_CHARS);
}

static void
add_expander (SbEffectiveColumn *self,
              const char        *key,
              JsonNode          *value)
{
  g_autofree char *prefix = sb_json_pointer_append ("", key);
  g_autofree char *prefix_slash = g_strconcat (prefix, "/", NULL);
  g_autofree char *summary = sb_summary_describe (key, value);
  GPtrArray *origins = sb_layer_stack_get_origins (self->stack);
  GtkWidget *expander = adw_expander_row_new ();
  gboolean scopes[SB_N_SCOPES] = { FALSE, };
  g_autoptr(GString) from = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), key);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary);
  g_object_set_data_full (G_OBJECT (expander), "sb-pointer", g_steal_pointer (&prefix), g_free);
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (fill_expander), self,
                           G_CONNECT_SWAPPED);

  /* Which layers it comes from, at a glance, without opening it. */
  for (guint i = 0; i < origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (origins, i);

      if (g_str_has_prefix (origin->pointer, prefix_slash))
        scopes[origin->scope] = TRUE;
    }
  for (guint scope = 0; scope < SB_N_SCOPES; scope++)
    if (scopes[scope])
      {
        if (from->len > 0)
          g_string_append (from, ", ");
        g_string_append (from, sb_scope_get_title (scope));
      }
  if (from->len > 0)
    {
      g_autofree char *line = NULL;

      /* Translators: the first %s summarises a setting, the second lists layers,
       * e.g. "3 allowed, 0 denied, 0 to ask\nfrom Local, User" */
      line = g_strdup_printf (_("%s\nfrom %s"), summary, from->str);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), line);
    }

  add_row (self, self->other_group, expander);
}

/* Problems */

static const char *
severity_icon (SbSeverity severity)
{
  switch (severity)
    {
    case SB_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case SB_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case SB_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_label (SbSeverity severity)
{
  switch (severity)
    {
    case SB_SEVERITY_ERROR:
      return _("Error");
    case SB_SEVERITY_WARNING:
      return _("Warning");
    case SB_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

static void update_problems (SbEffectiveColumn *self);

static void
on_fix_clicked_cb (SbEffectiveColumn *self,
                   GtkButton         *button)
{
  /* Applying the fix reloads the stack, which rebuilds the rows and the list. */
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_ref (self->diagnostics);
  SbDiagnostic *diagnostic = g_object_get_data (G_OBJECT (button), "sb-diagnostic");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(SbLayer) layer = NULL;

  if (!sb_diagnostic_apply_fix (diagnostic, &error))
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }

  if (diagnostic->fix->kind == SB_FIX_EDIT)
    layer = g_object_ref (diagnostic->fix->layer);

  /* Translators: %s says what was done, e.g. "Set ANTHROPIC_API_KEY to empty" */
  message = g_strdup_printf (_("Fixed: %s"), diagnostic->fix->description);
  g_signal_emit (self, signals[FIXED], 0, message, layer);

  /* Not every fix changes a settings file that is watched. */
  update_problems (self);
}

static GtkWidget *
make_problem_row (SbEffectiveColumn *self,
                  SbDiagnostic      *diagnostic)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (diagnostic->severity));
  g_autofree char *where = NULL;
  g_autofree char *label = NULL;
  g_autofree char *pointer = sb_secrets_redact_pointer (diagnostic->pointer);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diagnostic->message);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  if (diagnostic->layer != NULL)
    {
      const char *title = sb_scope_get_title (sb_layer_get_scope (diagnostic->layer));

      where = diagnostic->pointer != NULL
              /* Translators: where a problem is: a layer, then a setting, e.g.
               * "Local settings, /env/ANTHROPIC_MODEL" */
              ? g_strdup_printf (_("%s settings, %s"), title, pointer)
              /* Translators: %s is a layer, e.g. "Local settings" */
              : g_strdup_printf (_("%s settings"), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
    }

  gtk_widget_add_css_class (icon, sb_severity_to_string (diagnostic->severity));
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (icon, severity_label (diagnostic->severity));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "problem");

  /* Translators: the first %s is "Error" or "Warning", the second says what is wrong */
  label = g_strdup_printf (_("%s: %s"), severity_label (diagnostic->severity),
                           diagnostic->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  if (diagnostic->fix != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Fix"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, diagnostic->fix->description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      diagnostic->fix->description, -1);
      g_object_set_data (G_OBJECT (button), "sb-diagnostic", diagnostic);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_fix_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
on_keyring_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SbEffectiveColumn) self = user_data;
  SbKeyringState keyring = sb_diagnostics_lookup_keyring_finish (result);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->keyring = keyring;
  update_problems (self);
}

static void
on_git_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SbEffectiveColumn) self = user_data;

  if (sb_git_update_states_finish (result, NULL) && self->stack != NULL)
    update_problems (self);
}

static void
on_catalog_items_changed_cb (SbEffectiveColumn *self)
{
  if (self->stack != NULL)
    update_problems (self);
}

/* Everything the problem rows show. */
static char *
problems_signature (GPtrArray *diagnostics)
{
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      g_string_append_printf (signature, "\x1e%d\x1f%s\x1f%s\x1f%p\x1f%s\x1f%s",
                              diagnostic->severity, diagnostic->code, diagnostic->message,
                              (gpointer) diagnostic->layer,
                              diagnostic->pointer != NULL ? diagnostic->pointer : "",
                              diagnostic->fix != NULL ? diagnostic->fix->description : "");
    }

  return g_string_free (signature, FALSE);
}

static void
update_problems (SbEffectiveColumn *self)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *profile = sb_diagnostics_get_helper_profile (self->stack);
  gboolean catalog_ready = sb_catalog_get_source (self->catalog) != SB_CATALOG_SOURCE_NONE;
  SbDiagnosticsContext context = { catalog_ready ? self->catalog : NULL, SB_KEYRING_UNKNOWN,
                                   NULL, TRUE };
  g_auto(GStrv) git_paths = sb_diagnostics_get_git_paths (self->stack);

  /* The keyring is asked again only when the helper asks for another profile. */
  if (g_strcmp0 (profile, self->keyring_profile) != 0)
    {
      g_free (self->keyring_profile);
      self->keyring_profile = g_steal_pointer (&profile);
      self->keyring = SB_KEYRING_UNKNOWN;
      if (self->keyring_profile != NULL)
        sb_diagnostics_lookup_keyring_async (self->keyring_profile, self->cancellable,
                                             on_keyring_cb, g_object_ref (self));
    }
  context.keyring = self->keyring;

  /* git answers in a thread; the problems are checked again when it has. */
  sb_git_update_states_async ((const char * const *) git_paths, self->cancellable, on_git_cb,
                              g_object_ref (self));

  diagnostics = sb_diagnostics_check_full (self->stack, &context);
  signature = problems_signature (diagnostics);

  /* The same problems as shown: the rows stay, with the diagnostics their Fix buttons
   * hold. */
  if (self->diagnostics != NULL && self->rows_shown == self->problems_shown &&
      g_strcmp0 (signature, self->problems_signature) == 0)
    {
      g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
      return;
    }

  g_free (self->problems_signature);
  self->problems_signature = g_steal_pointer (&signature);
  self->problems_shown = self->rows_shown;

  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->problems_group,
                                  g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);

  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = g_steal_pointer (&diagnostics);

  for (guint i = 0; self->rows_shown && i < self->diagnostics->len; i++)
    {
      GtkWidget *row = make_problem_row (self, g_ptr_array_index (self->diagnostics, i));

      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (self->problem_rows, row);
    }
  if (self->problems_group != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->problems_group), self->diagnostics->len > 0);
  sb_labels_set_min_chars (GTK_WIDGET (self), SB_MIN_LABEL_CHARS);

  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

/* Which group of rows a signature is for. */
typedef enum
{
  ROUTING,
  ENV,
  OTHER,
} Group;

static gboolean
in_group (const char *pointer,
          Group       group)
{
  if (sb_summary_is_routing_pointer (pointer))
    return group == ROUTING;
  if (g_str_has_prefix (pointer, "/env/"))
    return group == ENV;
  return group == OTHER;
}

static void
append_value (GString    *signature,
              const char *pointer,
              JsonNode   *value)
{
  g_autofree char *text = sb_json_node_to_string (value);

  g_string_append_printf (signature, "\x1e%s\x1f%s", pointer, text);
}

/* Everything a group's rows show: its values and the layers they come from. */
static char *
group_signature (SbEffectiveColumn *self,
                 JsonNode          *effective,
                 Group              group)
{
  GPtrArray *origins = sb_layer_stack_get_origins (self->stack);
  GString *signature = g_string_new (NULL);
  g_autoptr(GList) keys = NULL;

  if (JSON_NODE_HOLDS_OBJECT (effective))
    keys = json_object_get_members (json_node_get_object (effective));

  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (effective), l->data);
      g_autofree char *pointer = sb_json_pointer_append ("", l->data);

      if (g_str_equal (l->data, "env") && JSON_NODE_HOLDS_OBJECT (value))
        {
          g_autoptr(GList) names = json_object_get_members (json_node_get_object (value));

          for (GList *m = names; m != NULL; m = m->next)
            {
              g_autofree char *member = sb_json_pointer_append ("/env", m->data);

              if (in_group (member, group))
                append_value (signature, member,
                              json_object_get_member (json_node_get_object (value), m->data));
            }
        }
      else if (g_str_equal (l->data, "env") ? group == ENV : in_group (pointer, group))
        append_value (signature, pointer, value);
    }

  for (guint i = 0; i < origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (origins, i);

      if (in_group (origin->pointer, group))
        g_string_append_printf (signature, "\x1d%s\x1f%d", origin->pointer, origin->scope);
    }

  return g_string_free (signature, FALSE);
}

static void
remove_rows (SbEffectiveColumn   *self,
             AdwPreferencesGroup *group)
{
  for (guint i = self->rows->len; i > 0; i--)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i - 1);

      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (group))
        {
          adw_preferences_group_remove (group, row);
          g_ptr_array_remove_index (self->rows, i - 1);
        }
    }
}

static void
add_routing_rows (SbEffectiveColumn *self,
                  JsonNode          *effective)
{
  guint n_routing = 0;

  for (const char * const *p = sb_summary_get_routing_pointers (); *p != NULL; p++)
    {
      JsonNode *node = sb_json_pointer_get (effective, *p);
      SbScope scope;
      gboolean has_scope;

      if (node == NULL)
        continue;

      has_scope = sb_layer_stack_lookup_origin (self->stack, *p, &scope);
      add_row (self, self->routing_group, make_row (*p, strrchr (*p, '/') + 1, node, has_scope,
                                                    scope));
      n_routing++;
    }

  if (n_routing == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing set"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Claude Code uses its defaults in this folder"));
      add_row (self, self->routing_group, row);
    }
}

static void
add_env_rows (SbEffectiveColumn *self,
              JsonNode          *effective)
{
  JsonNode *env;
  guint n_env = 0;

  env = sb_json_pointer_get (effective, "/env");
  if (env != NULL && JSON_NODE_HOLDS_OBJECT (env))
    {
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (env));

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *pointer = sb_json_pointer_append ("/env", l->data);
          SbScope scope;
          gboolean has_scope;

          if (sb_summary_is_routing_pointer (pointer))
            continue;

          has_scope = sb_layer_stack_lookup_origin (self->stack, pointer, &scope);
          add_row (self, self->env_group,
                   make_row (pointer, l->data, json_object_get_member (json_node_get_object (env),
                                                              l->data),
                             has_scope, scope));
          n_env++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->env_group), n_env > 0);
}

static void
add_other_rows (SbEffectiveColumn *self,
                JsonNode          *effective)
{
  g_autoptr(GList) keys = NULL;
  guint n_other = 0;

  if (JSON_NODE_HOLDS_OBJECT (effective))
    keys = json_object_get_members (json_node_get_object (effective));

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *pointer = sb_json_pointer_append ("", key);
      JsonNode *value = json_object_get_member (json_node_get_object (effective), key);
      SbScope scope;
      gboolean has_scope;

      if (g_str_equal (key, "env") || sb_summary_is_routing_pointer (pointer))
        continue;

      if (JSON_NODE_HOLDS_OBJECT (value) || JSON_NODE_HOLDS_ARRAY (value))
        add_expander (self, key, value);
      else
        {
          has_scope = sb_layer_stack_lookup_origin (self->stack, pointer, &scope);
          add_row (self, self->other_group, make_row (pointer, key, value, has_scope, scope));
        }
      n_other++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->other_group), n_other > 0);
}

/**
 * sb_effective_column_get_diagnostics:
 * @self: the column
 *
 * Returns: (transfer none) (element-type SbDiagnostic): the problems shown
 */
GPtrArray *
sb_effective_column_get_diagnostics (SbEffectiveColumn *self)
{
  g_return_val_if_fail (SB_IS_EFFECTIVE_COLUMN (self), NULL);

  return self->diagnostics;
}

/* The merged settings as JSON, keys redacted, when the raw view has been shown. */
static void
update_raw (SbEffectiveColumn *self,
            JsonNode          *effective)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *raw = NULL;

  if (self->raw_view == NULL)
    return;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, effective);
  raw = json_generator_to_data (generator, NULL);
  sb_text_view_set_code (self->raw_view, raw);
}

void
sb_effective_column_update (SbEffectiveColumn *self)
{
  g_autoptr(JsonNode) effective = NULL;
  g_autofree char *verdict = NULL;

  g_return_if_fail (SB_IS_EFFECTIVE_COLUMN (self));

  effective = sb_secrets_redact (sb_layer_stack_get_effective (self->stack));

  verdict = sb_summary_verdict (effective);
  gtk_label_set_label (self->verdict_label, verdict);

  if (!self->rows_shown)
    {
      update_problems (self);
      return;
    }

  /* A group's rows are made anew only when what they show changed: an expander that is
   * open stays open through a change elsewhere. */
  if (sb_signature_replace (&self->routing_signature, group_signature (self, effective, ROUTING)))
    {
      remove_rows (self, self->routing_group);
      add_routing_rows (self, effective);
    }
  if (sb_signature_replace (&self->env_signature, group_signature (self, effective, ENV)))
    {
      remove_rows (self, self->env_group);
      add_env_rows (self, effective);
    }
  if (sb_signature_replace (&self->other_signature, group_signature (self, effective, OTHER)))
    {
      remove_rows (self, self->other_group);
      add_other_rows (self, effective);
    }

  update_raw (self, effective);

  /* Sets the minimum width of the labels of every row, these too. */
  update_problems (self);
}

/* The groups the rows go in, made with them. */
static void
add_rows_page (SbEffectiveColumn *self)
{
  /* Above the verdict, under the column's title. */
  self->problems_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->problems_group, _("Problems"));
  adw_preferences_group_set_description (self->problems_group,
                                         _("What would go wrong when claude starts here"));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->title_label))),
                              GTK_WIDGET (self->problems_group),
                              GTK_WIDGET (self->title_label));

  sb_rows_page_add (self->view_stack, self->raw, &self->routing_group, &self->env_group,
                    &self->other_group);
}

/**
 * sb_effective_column_show_rows:
 * @self: the column
 *
 * Makes the rows of the problems and of the merged values, which a new column leaves out.
 */
void
sb_effective_column_show_rows (SbEffectiveColumn *self)
{
  g_return_if_fail (SB_IS_EFFECTIVE_COLUMN (self));

  if (self->rows_shown)
    return;

  self->rows_shown = TRUE;
  add_rows_page (self);
  gtk_widget_set_visible (GTK_WIDGET (self->view_stack), TRUE);
  sb_effective_column_update (self);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, FALSE, -1);
}

/**
 * sb_effective_column_get_rows_shown:
 * @self: the column
 *
 * Returns: whether sb_effective_column_show_rows() made the rows
 */
gboolean
sb_effective_column_get_rows_shown (SbEffectiveColumn *self)
{
  g_return_val_if_fail (SB_IS_EFFECTIVE_COLUMN (self), FALSE);

  return self->rows_shown;
}

void
sb_effective_column_set_raw (SbEffectiveColumn *self,
                             gboolean           raw)
{
  g_return_if_fail (SB_IS_EFFECTIVE_COLUMN (self));

  self->raw = raw;
  if (raw && self->raw_view == NULL)
    {
      g_autoptr(JsonNode) effective = sb_secrets_redact (sb_layer_stack_get_effective (
                                                           self->stack));

      self->raw_view = GTK_TEXT_VIEW (sb_code_view_new (_("Effective")));
      gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->raw_view), "raw");
      update_raw (self, effective);
    }

  if (raw || self->rows_shown)
    gtk_stack_set_visible_child_name (self->view_stack, raw ? "raw" : "rows");
}

static void
sb_effective_column_dispose (GObject *object)
{
  SbEffectiveColumn *self = (SbEffectiveColumn *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_EFFECTIVE_COLUMN);
  g_clear_object (&self->stack);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_clear_object (&self->catalog);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->keyring_profile, g_free);
  g_clear_pointer (&self->routing_signature, g_free);
  g_clear_pointer (&self->env_signature, g_free);
  g_clear_pointer (&self->other_signature, g_free);
  g_clear_pointer (&self->problems_signature, g_free);

  G_OBJECT_CLASS (sb_effective_column_parent_class)->dispose (object);
}

static void
sb_effective_column_class_init (SbEffectiveColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_effective_column_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-effective-column.ui");
  gtk_widget_class_bind_template_child (widget_class, SbEffectiveColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbEffectiveColumn, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, SbEffectiveColumn, view_stack);

  /**
   * SbEffectiveColumn::fixed:
   * @message: what was done
   * @layer: (nullable): the layer written, which can undo it
   */
  signals[FIXED] = g_signal_new ("fixed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, SB_TYPE_LAYER);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PROBLEMS_CHANGED] = g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
sb_effective_column_init (SbEffectiveColumn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->problem_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Effective"), -1);
}

SbEffectiveColumn *
sb_effective_column_new (SbLayerStack *stack,
                         SbContext    *context)
{
  SbEffectiveColumn *self;

  g_return_val_if_fail (SB_IS_LAYER_STACK (stack), NULL);
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);

  self = g_object_new (SB_TYPE_EFFECTIVE_COLUMN, NULL);
  self->stack = g_object_ref (stack);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->view_stack), FALSE);

  /* The application's one model list, kept fresh by it. */
  self->catalog = g_object_ref (sb_context_get_catalog (context));
  g_signal_connect_object (self->catalog, "items-changed",
                           G_CALLBACK (on_catalog_items_changed_cb), self, G_CONNECT_SWAPPED);

  sb_effective_column_update (self);

  return self;
}
