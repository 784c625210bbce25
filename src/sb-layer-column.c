/* sb-layer-column.c
 *
 * One settings layer as a column: its file, its routing and model keys, its environment,
 * and a summary of the rest.
 *
 * Every change is an operation on the layer (set or remove one JSON Pointer), saved at
 * once: the rest of the file keeps its bytes. The rows are bound to value lists that
 * change in place by pointer, so a row whose value stays is never made anew, and one
 * whose value changes follows it: what the person was typing, and where the focus was,
 * survive a change elsewhere. The column shows only what the layer sets, and an Add row
 * offers the routing and model keys it does not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-diagnostics.h"
#include "sb-edit-popover.h"
#include "sb-json-edit.h"
#include "sb-layer-column.h"
#include "sb-layer-values.h"
#include "sb-model-chooser.h"
#include "sb-paths.h"
#include "sb-row-box.h"
#include "sb-secrets.h"
#include "sb-value-row.h"
#include "sb-widget-utils-private.h"

struct _SbLayerColumn
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkListBox          *add_list;    /* the Add row's: offers the routing keys not set */
  GtkMenuButton       *add_button;
  GtkBox              *buttons;
  GtkButton           *create_button;
  AdwActionRow        *error_row;
  SbGroup             *file_group;
  AdwActionRow        *file_row;
  GtkButton           *open_button;
  GtkButton           *open_icon_button;
  GtkButton           *restore_button;
  GtkListBox          *env_entry_list;
  GtkLabel            *title_label;
  GtkStack            *view_stack;

  /* Owned */
  SbLayerStack        *stack;
  SbLayer             *layer;
  SbContext           *context;
  SbValueList         *lists[SB_VALUE_GROUP_OTHER + 1]; /* what each group shows */
  GBytes              *shown;       /* the file's bytes the rows were made from */
  GPtrArray           *diagnostics; /* the problems last marked, for rows made later */
  char                *choosing;    /* the pointer the model chooser is open for */
  gboolean             raw;
  gboolean             changed_on_disk;
  GtkTextView         *raw_view;    /* made when first shown */
  SbGroup             *groups[SB_VALUE_GROUP_OTHER + 1];
  SbEditPopover       *add_popover; /* made when first opened; unowned: the button's */
  char               **unset;       /* the keys the Add row offers */
};

G_DEFINE_FINAL_TYPE (SbLayerColumn, sb_layer_column, ADW_TYPE_BIN)

enum {
  FAILED,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_editable (SbLayerColumn *self)
{
  SbLayerState state = sb_layer_get_state (self->layer);

  return !sb_layer_get_read_only (self->layer) &&
         (state == SB_LAYER_STATE_OK || state == SB_LAYER_STATE_MISSING);
}

static const char *
pointer_key (const char *pointer)
{
  return strrchr (pointer, '/') + 1;
}

/**
 * sb_layer_column_apply:
 * @self: a column
 * @pointer: the value to change, e.g. `/env/ANTHROPIC_MODEL`
 * @text: (nullable): its new text; empty or %NULL removes it
 *
 * Asks for one value of the layer to change, as its row does when the person presses
 * Enter: the folder view's folder.set-value makes the change, saves it and says so.
 */
void
sb_layer_column_apply (SbLayerColumn *self,
                       const char    *pointer,
                       const char    *text)
{
  g_return_if_fail (SB_IS_LAYER_COLUMN (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "folder.set-value", "(isms)",
                              (int) sb_layer_get_scope (self->layer), pointer,
                              text != NULL && text[0] != '\0' ? text : NULL);
}

/* layer.set-value (pointer, text, masked): an edit popover's Enter or Remove. */
static void
set_value_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbLayerColumn *self = SB_LAYER_COLUMN (widget);
  const char *pointer;
  const char *text;
  gboolean masked;

  g_variant_get (parameter, "(&s&sb)", &pointer, &text, &masked);

  /* The editor started with the keys in the value masked: text that still holds a mask
   * would write the mask over the key. */
  if (masked && (strstr (text, SB_REDACTED) != NULL || strstr (text, "…") != NULL))
    {
      g_signal_emit (self, signals[FAILED], 0,
                     _("Parts of this value are hidden because they look like keys: type "
                       "the whole value, or edit the file itself"));
      return;
    }

  sb_layer_column_apply (self, pointer, text);
}

/* layer.keep-typed (pointer): the value changed on disk while another was being typed. */
static void
keep_typed_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbLayerColumn *self = SB_LAYER_COLUMN (widget);
  const char *pointer = g_variant_get_string (parameter, NULL);
  SbValueItem *item = NULL;
  g_autofree char *message = NULL;

  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER && item == NULL; group++)
    item = sb_value_list_lookup (self->lists[group], pointer);
  if (item == NULL)
    return;

  /* Translators: the first %s is a setting, the second its value on disk */
  message = g_strdup_printf (_("%s changed on disk to “%s” while you were editing it; your "
                               "text is kept: press Enter to apply it"),
                             pointer_key (pointer), sb_value_item_get_edit_text (item));
  g_signal_emit (self, signals[NOTICE], 0, message);
}

static void
on_model_chosen_cb (SbLayerColumn *self,
                    const char    *id)
{
  if (self->choosing != NULL)
    sb_layer_column_apply (self, self->choosing, id);
}

/* layer.choose-model (pointer): the model chooser, for a model key. */
static void
choose_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbLayerColumn *self = SB_LAYER_COLUMN (widget);
  const char *pointer = g_variant_get_string (parameter, NULL);
  JsonNode *node = sb_json_pointer_get (sb_layer_get_root (self->layer), pointer);
  const char *current = NULL;
  SbModelChooser *chooser;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING && json_node_get_string (node)[0] != '\0')
    current = json_node_get_string (node);

  chooser = sb_model_chooser_open (GTK_WIDGET (self), self->context, current);
  if (chooser == NULL)
    return;

  /* The chooser is modal: one pointer at a time. */
  g_free (self->choosing);
  self->choosing = g_strdup (pointer);
  g_signal_connect_object (chooser, "model-chosen", G_CALLBACK (on_model_chosen_cb), self,
                           G_CONNECT_SWAPPED);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SbLayerColumn *self = user_data;

  return sb_value_row_new (item, sb_context_get_catalog (self->context));
}

static void
on_env_entry_apply_cb (SbLayerColumn *self,
                       AdwEntryRow   *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_autofree char *pointer = NULL;
  char *equals = strchr (text, '=');

  if (equals != NULL)
    *equals = '\0';
  g_strstrip (text);

  if (!sb_diagnostics_is_env_name (text))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the person typed as a variable name */
      message = g_strdup_printf (_("“%s” is not a variable name: use capital letters, digits "
                                   "and _, as in MY_VARIABLE=value"), text);
      g_signal_emit (self, signals[FAILED], 0, message);
      return;
    }

  pointer = sb_json_pointer_append ("/env", text);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  /* An empty value is a value: Claude Code needs ANTHROPIC_API_KEY present and empty. */
  gtk_widget_activate_action (GTK_WIDGET (self), "folder.set-value", "(isms)",
                              (int) sb_layer_get_scope (self->layer), pointer,
                              equals != NULL ? equals + 1 : "");
}

static void
on_create_clicked_cb (SbLayerColumn *self)
{
  g_autoptr(GError) error = NULL;

  if (!sb_layer_create (self->layer, &error))
    g_signal_emit (self, signals[FAILED], 0, error->message);
}

static void
on_restore_clicked_cb (SbLayerColumn *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!sb_layer_restore (self->layer, NULL, &error))
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }

  /* Translators: %s is a layer: User, Project or Local */
  message = g_strdup_printf (_("Restored the last version of the %s settings that parses; the "
                               "broken one is kept in the history"),
                             sb_scope_get_title (sb_layer_get_scope (self->layer)));
  g_signal_emit (self, signals[NOTICE], 0, message);
}

static void
on_open_clicked_cb (SbLayerColumn *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (sb_layer_get_path (self->layer));
  g_autofree char *uri = g_file_get_uri (file);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* The file's row, its error and the buttons that fit its state, changed in place. */
static void
update_file_rows (SbLayerColumn *self)
{
  g_autofree char *path = sb_paths_abbreviate (sb_layer_get_path (self->layer));
  g_autofree char *state_text = sb_layer_values_describe_file (self->layer,
                                                                self->changed_on_disk);
  const char *error = sb_layer_get_error (self->layer);
  SbLayerState state = sb_layer_get_state (self->layer);
  gboolean writable = !sb_layer_get_read_only (self->layer);
  gboolean any;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), path);
  adw_action_row_set_subtitle (self->file_row, state_text);

  gtk_widget_set_visible (GTK_WIDGET (self->error_row), error != NULL);
  if (error != NULL)
    {
      g_autofree char *shown = sb_secrets_redact_string (NULL, error);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), shown);
      adw_action_row_set_subtitle (self->error_row,
                                   state == SB_LAYER_STATE_INVALID
                                   ? _("Claude Code skips this file, and Signalbox leaves it "
                                       "as it is")
                                   : NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->open_icon_button), state == SB_LAYER_STATE_OK);
  gtk_widget_set_visible (GTK_WIDGET (self->create_button),
                          state == SB_LAYER_STATE_MISSING && writable);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), state == SB_LAYER_STATE_INVALID);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button),
                          state == SB_LAYER_STATE_INVALID && writable);
  any = gtk_widget_get_visible (GTK_WIDGET (self->create_button)) ||
        gtk_widget_get_visible (GTK_WIDGET (self->open_button));
  gtk_widget_set_visible (GTK_WIDGET (self->buttons), any);
}

static void
update_raw (SbLayerColumn *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->raw_view);
  gsize length = 0;
  const char *text = sb_layer_get_text (self->layer, &length);

  if (text == NULL)
    gtk_text_buffer_set_text (buffer, _("There is no file."), -1);
  else if (!g_utf8_validate (text, length, NULL))
    gtk_text_buffer_set_text (buffer, _("The file is not UTF-8 text."), -1);
  else
    {
      g_autofree char *redacted = sb_secrets_redact_text (text, length);

      sb_text_view_set_code (self->raw_view, redacted);
    }
}

/* The values the layer sets, each list changed in place; the keys it does not set are
 * offered by the Add row. */
static void
update_rows (SbLayerColumn *self)
{
  gboolean editable = is_editable (self);

  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER; group++)
    {
      g_autoptr(GPtrArray) items = sb_layer_values_collect (self->stack, self->layer, group,
                                                            self->diagnostics);

      sb_value_list_update (self->lists[group], items);
    }

  /* The Add row's list: an empty boxed list would still draw its frame. */
  g_strfreev (self->unset);
  self->unset = sb_layer_values_get_unset (self->layer);
  gtk_widget_set_visible (GTK_WIDGET (self->add_list), editable && self->unset[0] != NULL);
  if (self->add_popover != NULL)
    g_object_set (self->add_popover, "choices", self->unset, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->env_entry_list), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->groups[SB_VALUE_GROUP_ROUTING]),
                          editable || g_list_model_get_n_items (G_LIST_MODEL (
                                        self->lists[SB_VALUE_GROUP_ROUTING])) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->groups[SB_VALUE_GROUP_ENV]),
                          editable || g_list_model_get_n_items (G_LIST_MODEL (
                                        self->lists[SB_VALUE_GROUP_ENV])) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->groups[SB_VALUE_GROUP_OTHER]),
                          g_list_model_get_n_items (G_LIST_MODEL (
                            self->lists[SB_VALUE_GROUP_OTHER])) > 0);
}

/**
 * sb_layer_column_update:
 * @self: a column
 * @external: whether the layer changed on disk, by someone else
 *
 * Shows the layer as it is now: rows change in place, and only the values that come or
 * go make or take rows.
 *
 * Returns: whether the file changed since it was last shown
 */
gboolean
sb_layer_column_update (SbLayerColumn *self,
                        gboolean       external)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *text;
  gsize length = 0;
  gboolean file_changed;

  g_return_val_if_fail (SB_IS_LAYER_COLUMN (self), FALSE);

  text = sb_layer_get_text (self->layer, &length);
  bytes = text != NULL ? g_bytes_new (text, length) : NULL;
  file_changed = !((bytes == NULL && self->shown == NULL) ||
                   (bytes != NULL && self->shown != NULL && g_bytes_equal (bytes, self->shown)));
  g_clear_pointer (&self->shown, g_bytes_unref);
  self->shown = g_steal_pointer (&bytes);

  /* Another program's change is marked; one made from here (saved, so not external)
   * clears the mark. */
  if (file_changed)
    self->changed_on_disk = external;

  update_file_rows (self);
  update_rows (self);
  if (self->raw_view != NULL)
    update_raw (self);

  return file_changed;
}

/* Made the first time it opens, as a row's pencil's: few are ever opened. */
static void
create_add_popover (GtkMenuButton *button,
                    gpointer       user_data)
{
  SbLayerColumn *self = user_data;

  if (self->add_popover != NULL)
    return;

  self->add_popover = SB_EDIT_POPOVER (sb_edit_popover_new (sb_context_get_catalog (
                                                              self->context)));
  g_object_set (self->add_popover, "removable", FALSE, "original", "", "choices", self->unset,
                NULL);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->add_popover));
}

/* The Add row opens its + when activated, as an action row with an activatable widget. */
static void
on_add_row_activated_cb (SbLayerColumn *self)
{
  gtk_menu_button_popup (self->add_button);
}

void
sb_layer_column_set_raw (SbLayerColumn *self,
                         gboolean       raw)
{
  g_return_if_fail (SB_IS_LAYER_COLUMN (self));

  self->raw = raw;
  if (raw && self->raw_view == NULL)
    {
      const char *title = sb_scope_get_title (sb_layer_get_scope (self->layer));

      self->raw_view = GTK_TEXT_VIEW (sb_code_view_new (title));
      gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->raw_view), "raw");
      update_raw (self);
    }

  gtk_stack_set_visible_child_name (self->view_stack, raw ? "raw" : "rows");
}

/**
 * sb_layer_column_show_check:
 * @self: the column
 * @diagnostics: (element-type SbDiagnostic): what the folder's last check found
 *
 * Marks the rows of the values that a diagnostic is about, with the message as tooltip,
 * and says in the file's row what git answered about it: the folder's check is the one
 * that asks git, and is made again when git has answered.
 */
void
sb_layer_column_show_check (SbLayerColumn *self,
                            GPtrArray     *diagnostics)
{
  g_return_if_fail (SB_IS_LAYER_COLUMN (self));
  g_return_if_fail (diagnostics != NULL);

  if (self->diagnostics != diagnostics)
    {
      g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
      self->diagnostics = g_ptr_array_ref (diagnostics);
    }

  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER; group++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->lists[group])); i++)
      {
        g_autoptr(SbValueItem) item = g_list_model_get_item (G_LIST_MODEL (self->lists[group]),
                                                             i);
        const char *message = NULL;

        for (guint j = 0; j < diagnostics->len && message == NULL; j++)
          {
            SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, j);

            if (diagnostic->layer == self->layer &&
                g_strcmp0 (diagnostic->pointer, sb_value_item_get_pointer (item)) == 0)
              message = diagnostic->message;
          }
        sb_value_item_set_problem (item, message);
      }

  update_file_rows (self);
}

SbLayer *
sb_layer_column_get_layer (SbLayerColumn *self)
{
  g_return_val_if_fail (SB_IS_LAYER_COLUMN (self), NULL);

  return self->layer;
}

static void
sb_layer_column_dispose (GObject *object)
{
  SbLayerColumn *self = (SbLayerColumn *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_LAYER_COLUMN);
  g_clear_object (&self->stack);
  g_clear_object (&self->context);
  g_clear_object (&self->layer);
  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER; group++)
    g_clear_object (&self->lists[group]);
  g_clear_pointer (&self->shown, g_bytes_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->choosing, g_free);
  g_clear_pointer (&self->unset, g_strfreev);
  self->add_popover = NULL;

  G_OBJECT_CLASS (sb_layer_column_parent_class)->dispose (object);
}

static void
sb_layer_column_class_init (SbLayerColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_layer_column_dispose;

  /**
   * SbLayerColumn::saved:
   * @message: what was changed, to show with an Undo button
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SbLayerColumn::notice:
   * @message: something the person should know
   */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SB_TYPE_GROUP);
  g_type_ensure (SB_TYPE_ROW_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-layer-column.ui");
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, add_button);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, add_list);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, buttons);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, create_button);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, env_entry_list);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, error_row);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, file_group);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, file_row);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, open_button);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, open_icon_button);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, restore_button);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_env_entry_apply_cb);
  gtk_widget_class_install_action (widget_class, "layer.set-value", "(ssb)", set_value_action);
  gtk_widget_class_install_action (widget_class, "layer.choose-model", "s",
                                   choose_model_action);
  gtk_widget_class_install_action (widget_class, "layer.keep-typed", "s", keep_typed_action);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked_cb);
}

static void
sb_layer_column_init (SbLayerColumn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER; group++)
    self->lists[group] = sb_value_list_new ();

  sb_rows_page_add (self->view_stack, FALSE, &self->groups[SB_VALUE_GROUP_ROUTING],
                    &self->groups[SB_VALUE_GROUP_ENV], &self->groups[SB_VALUE_GROUP_OTHER]);
  sb_group_add_description (self->groups[SB_VALUE_GROUP_OTHER], _("Kept exactly as it is"));
  for (SbValueGroup group = 0; group <= SB_VALUE_GROUP_OTHER; group++)
    sb_rows_group_add_list (self->groups[group], self->lists[group], NULL, create_row, self);

  /* After the bound lists: a bound list holds only its items' rows. */
  sb_group_add (self->groups[SB_VALUE_GROUP_ROUTING], GTK_WIDGET (self->add_list));
  sb_group_add (self->groups[SB_VALUE_GROUP_ENV], GTK_WIDGET (self->env_entry_list));
  gtk_menu_button_set_create_popup_func (self->add_button, create_add_popover, self, NULL);
}

SbLayerColumn *
sb_layer_column_new (SbLayerStack *stack,
                     SbLayer      *layer,
                     SbContext    *context)
{
  SbLayerColumn *self;
  const char *title;

  g_return_val_if_fail (SB_IS_LAYER_STACK (stack), NULL);
  g_return_val_if_fail (SB_IS_LAYER (layer), NULL);
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);

  self = g_object_new (SB_TYPE_LAYER_COLUMN, NULL);
  self->stack = g_object_ref (stack);
  self->layer = g_object_ref (layer);
  self->context = g_object_ref (context);

  title = sb_scope_get_title (sb_layer_get_scope (layer));
  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  sb_layer_column_update (self, FALSE);
  sb_labels_set_min_chars (GTK_WIDGET (self->file_group), SB_MIN_LABEL_CHARS);

  return self;
}
