/* sb-effective-column.c
 *
 * The merged settings of a folder, each value with the layer it comes from.
 *
 * The rows are bound to value lists that change in place by pointer: a change elsewhere
 * leaves a row, or an open expander, as it is. The problems are the folder's list of
 * SbProblem, bound the same way; a problem's Fix goes up as folder.fix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-claude-model.h"
#include "sb-diagnostics.h"
#include "sb-effective-column.h"
#include "sb-expander-row.h"
#include "sb-json-edit.h"
#include "sb-layer-values.h"
#include "sb-problem-row.h"
#include "sb-secrets.h"
#include "sb-summary.h"
#include "sb-value-row.h"
#include "sb-widget-utils-private.h"

/* Enough to see what a long permission list holds without making thousands of rows. */
#define MAX_CHILD_ROWS 200

struct _SbEffectiveColumn
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwActionRow        *nothing_set_row;
  SbGroup             *problems_group;
  GtkListBox          *problems_list;
  GtkLabel            *verdict_label;
  GtkStack            *view_stack;

  /* Owned */
  SbFolder            *folder;
  SbLayerStack        *stack;       /* the folder's */
  SbValueList         *lists[SB_VALUE_GROUP_OTHER + 1]; /* what each group shows */
  gboolean             raw;
  GtkTextView         *raw_view;    /* made when first shown */
  SbGroup             *groups[SB_VALUE_GROUP_OTHER + 1];
};

G_DEFINE_FINAL_TYPE (SbEffectiveColumn, sb_effective_column, ADW_TYPE_BIN)


/* An expander's state: its rows of members, made when it is first opened and made again
 * when its value changes while open. Freed with the expander. */
typedef struct
{
  SbEffectiveColumn *column;   /* unowned: it outlives its rows */
  SbValueItem       *item;
  SbExpanderRow     *expander; /* unowned: this lives as long as it */
  GPtrArray         *children;
  gulong             item_handler;
} Expander;

static void
expander_free (gpointer data,
               GClosure *closure)
{
  Expander *expander = data;

  g_clear_signal_handler (&expander->item_handler, expander->item);
  g_clear_object (&expander->item);
  g_ptr_array_unref (expander->children);
  g_free (expander);
}

/* "/permissions/allow/3" under "/permissions" reads "allow/3". */
static const char *
relative_pointer (const char *pointer,
                  const char *prefix)
{
  return pointer + strlen (prefix) + 1;
}

/* A leaf's row, with its origin. */
static GtkWidget *
make_child_row (SbLayerStack *stack,
                const char   *pointer,
                const char   *name,
                JsonNode     *value)
{
  g_autoptr(SbValueItem) item = sb_effective_values_item_new (stack, pointer, name, value);

  return sb_value_row_new (item, NULL);
}

/* The rows of every leaf under the expander's key: a list of permissions can be long, and
 * most are never opened. */
static void
fill_expander (Expander *expander)
{
  SbEffectiveColumn *self = expander->column;
  const char *prefix = sb_value_item_get_pointer (expander->item);
  g_autofree char *prefix_slash = g_strconcat (prefix, "/", NULL);
  g_autoptr(JsonNode) effective = NULL;
  GPtrArray *origins;
  guint n_hidden = 0;

  for (guint i = 0; i < expander->children->len; i++)
    sb_expander_row_remove (expander->expander, g_ptr_array_index (expander->children, i));
  g_ptr_array_set_size (expander->children, 0);
  if (!sb_expander_row_get_expanded (expander->expander))
    return;

  effective = sb_secrets_redact (sb_layer_stack_get_effective (self->stack));
  origins = sb_layer_stack_get_origins (self->stack);
  for (guint i = 0; i < origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (origins, i);
      JsonNode *node;

      if (!g_str_has_prefix (origin->pointer, prefix_slash) ||
          (node = sb_json_pointer_get (effective, origin->pointer)) == NULL)
        continue;

      if (expander->children->len >= MAX_CHILD_ROWS)
        n_hidden++;
      else
        g_ptr_array_add (expander->children,
                         make_child_row (self->stack, origin->pointer,
                                         relative_pointer (origin->pointer, prefix), node));
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
      g_ptr_array_add (expander->children, row);
    }

  for (guint i = 0; i < expander->children->len; i++)
    sb_expander_row_add_row (expander->expander, g_ptr_array_index (expander->children, i));
  sb_labels_set_min_chars (GTK_WIDGET (expander->expander), SB_MIN_LABEL_CHARS);
}

static void
on_expanded_cb (SbExpanderRow  *row,
                GParamSpec     *pspec,
                Expander       *expander)
{
  /* Made once; then kept while closed, and made again when the value changes. */
  if (expander->children->len == 0)
    fill_expander (expander);
}

static void
on_expander_value_cb (Expander *expander)
{
  if (expander->children->len > 0 || sb_expander_row_get_expanded (expander->expander))
    fill_expander (expander);
}

/* An object or a list: its summary, and its members when opened. */
static GtkWidget *
make_expander (SbEffectiveColumn *self,
               SbValueItem       *item)
{
  GtkWidget *row = sb_expander_row_new ();
  Expander *expander = g_new0 (Expander, 1);

  g_object_bind_property (item, "title", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (item, "text", row, "subtitle", G_BINDING_SYNC_CREATE);

  expander->column = self;
  expander->item = g_object_ref (item);
  expander->expander = SB_EXPANDER_ROW (row);
  expander->children = g_ptr_array_new ();
  expander->item_handler = g_signal_connect_swapped (item, "notify::edit-text",
                                                     G_CALLBACK (on_expander_value_cb),
                                                     expander);
  g_signal_connect_data (row, "notify::expanded", G_CALLBACK (on_expanded_cb), expander,
                         expander_free, 0);
  return row;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  if (sb_value_item_get_expandable (item))
    return make_expander (user_data, item);

  return sb_value_row_new (item, NULL);
}

/* Problems */

static GtkWidget *
create_problem_row (gpointer item,
                    gpointer user_data)
{
  return sb_problem_row_new (item);
}

static void
on_problems_changed_cb (SbEffectiveColumn *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group),
                          g_list_model_get_n_items (sb_folder_get_problems (self->folder)) > 0);
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
  g_autoptr(SbClaudeModel) claude = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (SB_IS_EFFECTIVE_COLUMN (self));

  effective = sb_secrets_redact (sb_layer_stack_get_effective (self->stack));

  /* The id Claude Code will send (aliases, tiers, availableModels applied), as the sidebar
   * says it, and the window and output cap it will use. */
  claude = sb_claude_model_resolve (self->stack);
  verdict = sb_summary_verdict_for (effective, claude->source_pointer != NULL
                                               ? claude->reported : NULL);
  sent = sb_claude_model_describe (claude);
  text = g_strdup_printf ("%s\n%s", verdict, sent);
  g_free (verdict);
  verdict = sb_secrets_redact_string (NULL, text);
  gtk_label_set_label (self->verdict_label, verdict);

  /* Each list changes in place: an expander that is open stays open through a change
   * elsewhere. */
  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER; group++)
    {
      g_autoptr(GPtrArray) items = sb_effective_values_collect (self->stack, effective, group);

      sb_value_list_update (self->lists[group], items);
      if (group != SB_VALUE_GROUP_ROUTING)
        gtk_widget_set_visible (GTK_WIDGET (self->groups[group]), items->len > 0);
    }

  update_raw (self, effective);
}

/**
 * sb_effective_column_add_group:
 * @self: the column
 * @group: a group of rows about the folder, such as its /model list
 *
 * Puts @group under the verdict, above the merged values.
 */
void
sb_effective_column_add_group (SbEffectiveColumn *self,
                               GtkWidget         *group)
{
  g_return_if_fail (SB_IS_EFFECTIVE_COLUMN (self));

  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->verdict_label))),
                              group, GTK_WIDGET (self->verdict_label));
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

  gtk_stack_set_visible_child_name (self->view_stack, raw ? "raw" : "rows");
}

static void
sb_effective_column_dispose (GObject *object)
{
  SbEffectiveColumn *self = (SbEffectiveColumn *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_EFFECTIVE_COLUMN);
  g_clear_object (&self->stack);
  g_clear_object (&self->folder);
  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER; group++)
    g_clear_object (&self->lists[group]);

  G_OBJECT_CLASS (sb_effective_column_parent_class)->dispose (object);
}

static void
sb_effective_column_class_init (SbEffectiveColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_effective_column_dispose;

  g_type_ensure (SB_TYPE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-effective-column.ui");
  gtk_widget_class_bind_template_child (widget_class, SbEffectiveColumn, nothing_set_row);
  gtk_widget_class_bind_template_child (widget_class, SbEffectiveColumn, problems_group);
  gtk_widget_class_bind_template_child (widget_class, SbEffectiveColumn, problems_list);
  gtk_widget_class_bind_template_child (widget_class, SbEffectiveColumn, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, SbEffectiveColumn, view_stack);
}

static void
sb_effective_column_init (SbEffectiveColumn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER; group++)
    self->lists[group] = sb_value_list_new ();

  sb_rows_page_add (self->view_stack, FALSE, &self->groups[SB_VALUE_GROUP_ROUTING],
                    &self->groups[SB_VALUE_GROUP_ENV], &self->groups[SB_VALUE_GROUP_OTHER]);
  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER; group++)
    sb_rows_group_add_list (self->groups[group], self->lists[group],
                            group == SB_VALUE_GROUP_ROUTING ? GTK_WIDGET (self->nothing_set_row) : NULL,
                            create_row, self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Effective"), -1);
}

/**
 * sb_effective_column_new:
 * @folder: the folder shown, checked by the caller
 *
 * Returns: (transfer floating): the column of what claude uses in @folder
 */
SbEffectiveColumn *
sb_effective_column_new (SbFolder *folder)
{
  SbEffectiveColumn *self;

  g_return_val_if_fail (SB_IS_FOLDER (folder), NULL);

  self = g_object_new (SB_TYPE_EFFECTIVE_COLUMN, NULL);
  self->folder = g_object_ref (folder);
  self->stack = g_object_ref (sb_folder_get_stack (folder));

  gtk_list_box_bind_model (self->problems_list, sb_folder_get_problems (folder),
                           create_problem_row, NULL, NULL);
  g_signal_connect_object (sb_folder_get_problems (folder), "items-changed",
                           G_CALLBACK (on_problems_changed_cb), self, G_CONNECT_SWAPPED);
  on_problems_changed_cb (self);
  sb_effective_column_update (self);

  return self;
}
