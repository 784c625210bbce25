/* sb-layer-column.c
 *
 * One settings layer as a column: its file, its routing and model keys, its environment,
 * and a summary of the rest.
 *
 * Every change is an operation on the layer (set or remove one JSON Pointer), saved at
 * once: the rest of the file keeps its bytes. When the layer changes, the rows of a group
 * are made anew only if what they show changed (a signature of it says so); what the
 * person was typing, and where the focus was, survive that.
 *
 * A new column shows only its file until sb_layer_column_show_rows(): the window makes
 * the rows of every column in the frame after its first, so that it appears at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-catalog.h"
#include "sb-git.h"
#include "sb-json-edit.h"
#include "sb-diagnostics.h"
#include "sb-layer-column.h"
#include "sb-model-chooser.h"
#include "sb-paths.h"
#include "sb-secrets.h"
#include "sb-summary.h"
#include "sb-value-row.h"

struct _SbLayerColumn
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *file_group;
  GtkLabel            *title_label;
  GtkStack            *view_stack;

  /* Owned */
  SbLayerStack        *stack;
  SbLayer             *layer;
  SbContext           *context;
  GPtrArray           *rows;        /* the rows made from the layer, to remove on update */
  GBytes              *shown;       /* the file's bytes the rows were made from */
  GPtrArray           *diagnostics; /* the problems last marked, for rows made later */
  GtkTextView         *raw_view;    /* made when first shown */
  AdwPreferencesGroup *routing_group; /* these three with the rows */
  AdwPreferencesGroup *env_group;
  AdwPreferencesGroup *other_group;
  gboolean             raw;
  char                *file_signature; /* what each group's rows were made from */
  char                *env_signature;
  char                *other_signature;
  gboolean             changed_on_disk;
  gboolean             rows_shown;
};

G_DEFINE_FINAL_TYPE (SbLayerColumn, sb_layer_column, ADW_TYPE_BIN)

enum {
  SAVED,
  FAILED,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define POINTER_KEY "sb-pointer"
#define ORIGINAL_KEY "sb-original"

/**
 * sb_code_view_new:
 * @label: what the view shows, for screen readers
 *
 * Returns: (transfer floating): a read-only text view for a settings file's text, made
 *   when the raw view is first asked for
 */
GtkWidget *
sb_code_view_new (const char *label)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_add_css_class (view, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return view;
}

/**
 * sb_text_view_set_code:
 * @view: a read-only text view
 * @text: file text to show
 *
 * Shows @text wrapped at any character but without the hyphens Pango adds inside words,
 * which would read as part of the file.
 */
void
sb_text_view_set_code (GtkTextView *view,
                       const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter start, end;

  if (gtk_text_tag_table_lookup (table, "code") == NULL)
    gtk_text_buffer_create_tag (buffer, "code", "insert-hyphens", FALSE, NULL);

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "code", &start, &end);
}

/**
 * sb_labels_set_min_chars:
 * @widget: a widget
 * @n_chars: the fewest characters a line of a wrapping label need hold
 *
 * Gives every wrapping label under @widget that has no width in characters of its own
 * @n_chars as its minimum width. Without one, GtkLabel finds its minimum width by laying
 * its text out at width 0, where word-char wrapping breaks after every character, and
 * Pango re-shapes the rest of the line at each break: a folder's rows took about 300,000
 * shaping calls that way, and a small part of that with a minimum of a few characters
 * (SB_MIN_LABEL_CHARS). The columns are wider than that in any case.
 */
void
sb_labels_set_min_chars (GtkWidget *widget,
                         int        n_chars)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) &&
      gtk_label_get_width_chars (GTK_LABEL (widget)) < 0)
    gtk_label_set_width_chars (GTK_LABEL (widget), n_chars);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sb_labels_set_min_chars (child, n_chars);
}

static gboolean
is_editable (SbLayerColumn *self)
{
  SbLayerState state = sb_layer_get_state (self->layer);

  return !sb_layer_get_read_only (self->layer) &&
         (state == SB_LAYER_STATE_OK || state == SB_LAYER_STATE_MISSING);
}

/* The text a value is edited as: strings bare, anything else as JSON. */
static char *
value_to_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("");

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return sb_json_node_to_string (node);
}

static const char *
pointer_key (const char *pointer)
{
  return strrchr (pointer, '/') + 1;
}

static void
add_row (SbLayerColumn       *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  g_object_set_data (G_OBJECT (row), "sb-fresh", GINT_TO_POINTER (TRUE));
}

static void
save (SbLayerColumn *self,
      const char    *message)
{
  g_autoptr(GError) error = NULL;

  if (!sb_layer_save (self->layer, &error))
    {
      sb_layer_discard_pending (self->layer);
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }

  self->changed_on_disk = FALSE;
  g_signal_emit (self, signals[SAVED], 0, message);
}

/**
 * sb_layer_column_apply:
 * @self: a column
 * @pointer: the value to change, e.g. `/env/ANTHROPIC_MODEL`
 * @text: (nullable): its new text; empty or %NULL removes it
 *
 * Changes one value of the layer, as its row does when the person presses Enter, and
 * saves the file.
 */
void
sb_layer_column_apply (SbLayerColumn *self,
                       const char    *pointer,
                       const char    *text)
{
  const char *title = sb_scope_get_title (sb_layer_get_scope (self->layer));
  g_autofree char *message = NULL;

  g_return_if_fail (SB_IS_LAYER_COLUMN (self));

  if (text == NULL || text[0] == '\0')
    {
      if (sb_json_pointer_get (sb_layer_get_root (self->layer), pointer) == NULL)
        return;

      sb_layer_remove_value (self->layer, pointer);
      /* Translators: the first %s is a setting, the second a layer (User, Project, Local) */
      message = g_strdup_printf (_("Removed %s from the %s settings"), pointer_key (pointer),
                                 title);
    }
  else
    {
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);

      sb_layer_set_value (self->layer, pointer, value);
      /* Translators: the first %s is a setting, the second a layer (User, Project, Local) */
      message = g_strdup_printf (_("Set %s in the %s settings"), pointer_key (pointer), title);
    }

  save (self, message);
}

static void
on_edit_entry_activate_cb (SbLayerColumn *self,
                           GtkEditable   *entry)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);
  const char *pointer = g_object_get_data (G_OBJECT (entry), POINTER_KEY);
  const char *original = g_object_get_data (G_OBJECT (entry), ORIGINAL_KEY);
  g_autofree char *text = g_strdup (gtk_editable_get_text (entry));

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));

  if (g_strcmp0 (text, original) == 0)
    return;

  /* The entry started with the keys in the value masked: text that still holds a mask
   * would write the mask over the key. */
  if (g_object_get_data (G_OBJECT (entry), "sb-masked") != NULL &&
      (strstr (text, SB_REDACTED) != NULL || strstr (text, "…") != NULL))
    {
      g_signal_emit (self, signals[FAILED], 0,
                     _("Parts of this value are hidden because they look like keys: type "
                       "the whole value, or edit the file itself"));
      return;
    }

  sb_layer_column_apply (self, pointer, text);
}

static void
on_remove_clicked_cb (SbLayerColumn *self,
                      GtkButton     *button)
{
  sb_layer_column_apply (self, g_object_get_data (G_OBJECT (button), POINTER_KEY), NULL);
}

/* Back to what the file says when the popover closes without applying. */
static void
on_edit_popover_closed_cb (GtkEditable *entry)
{
  const char *original = g_object_get_data (G_OBJECT (entry), ORIGINAL_KEY);

  gtk_editable_set_text (entry, original);
}

/* "overridden by Local", when a higher layer sets the same value. */
static char *
get_override (SbLayerColumn *self,
              const char    *pointer)
{
  SbScope origin;

  if (!sb_layer_stack_lookup_origin (self->stack, pointer, &origin) ||
      origin == sb_layer_get_scope (self->layer))
    return NULL;

  /* Translators: %s is the layer whose value wins: User, Project, Local or Managed */
  return g_strdup_printf (_("overridden by %s"), sb_scope_get_title (origin));
}

static GtkWidget *
make_icon_button (const char *icon_name,
                  const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
on_model_chosen_cb (SbLayerColumn  *self,
                    const char     *id,
                    SbModelChooser *chooser)
{
  sb_layer_column_apply (self, g_object_get_data (G_OBJECT (chooser), POINTER_KEY), id);
}

static void
on_choose_clicked_cb (SbLayerColumn *self,
                      GtkButton     *button)
{
  const char *pointer = g_object_get_data (G_OBJECT (button), POINTER_KEY);
  JsonNode *node = sb_json_pointer_get (sb_layer_get_root (self->layer), pointer);
  g_autofree char *current = value_to_text (node);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  SbModelChooser *chooser;

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));

  chooser = sb_model_chooser_open (GTK_WIDGET (self), self->context,
                                   current[0] != '\0' ? current : NULL);
  if (chooser == NULL)
    return;

  g_object_set_data_full (G_OBJECT (chooser), POINTER_KEY, g_strdup (pointer), g_free);
  g_signal_connect_object (chooser, "model-chosen", G_CALLBACK (on_model_chosen_cb), self,
                           G_CONNECT_SWAPPED);
}

static gboolean
is_model_pointer (const char *pointer)
{
  return sb_summary_is_routing_pointer (pointer) &&
         (g_str_equal (pointer, "/model") || g_str_has_suffix (pointer, "_MODEL"));
}

/* The catalogue of the column @widget is in; an edit popover is the column's child. */
static SbCatalog *
get_catalog (GtkWidget *widget)
{
  GtkWidget *column = gtk_widget_get_ancestor (widget, SB_TYPE_LAYER_COLUMN);

  return column != NULL ? sb_context_get_catalog (SB_LAYER_COLUMN (column)->context) : NULL;
}

/* As a model id is typed, whether OpenRouter's list knows it, and if not, the nearest id. */
static void
on_model_entry_changed_cb (GtkLabel    *hint,
                           GtkEditable *entry)
{
  SbCatalog *catalog = get_catalog (GTK_WIDGET (entry));
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *suggestion = NULL;
  g_autofree char *message = NULL;

  if (catalog == NULL || g_list_model_get_n_items (G_LIST_MODEL (catalog)) == 0 ||
      text[0] == '\0' || sb_catalog_lookup (catalog, text) != NULL)
    {
      gtk_label_set_label (hint, _("Enter applies; an empty value removes the setting"));
      gtk_widget_remove_css_class (GTK_WIDGET (hint), "warning");
      return;
    }

  suggestion = sb_catalog_suggest (catalog, text);
  if (suggestion != NULL)
    /* Translators: %s is the nearest model id OpenRouter knows */
    message = g_strdup_printf (_("OpenRouter does not list this model; did you mean “%s”?"),
                               suggestion);
  else
    message = g_strdup (_("OpenRouter does not list this model"));
  gtk_label_set_label (hint, message);
  gtk_widget_add_css_class (GTK_WIDGET (hint), "warning");
}

typedef struct
{
  SbLayerColumn *column;  /* unowned: the column outlives the buttons in its rows */
  char          *pointer;
  char          *name;
  char          *text;    /* what the entry starts with: never a key */
  gboolean       secret;
  gboolean       masked;  /* @text is the value with the keys in it masked */
} EditData;

static void
edit_data_free (gpointer data)
{
  EditData *edit = data;

  g_free (edit->pointer);
  g_free (edit->name);
  g_free (edit->text);
  g_free (edit);
}

/* The popover of a pencil, made the first time it opens: a column has dozens of pencils,
 * and an entry with its input method is not worth making for each before it is wanted. */
static void
create_edit_popover (GtkMenuButton *button,
                     gpointer       user_data)
{
  EditData *edit = user_data;
  SbLayerColumn *self = edit->column;
  GtkWidget *popover;
  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *entry;
  GtkWidget *hint;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;

  popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (edit->name);

  if (edit->secret)
    {
      entry = gtk_password_entry_new ();
      gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
    }
  else
    entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), edit->text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  edit->name, -1);
  g_object_set_data_full (G_OBJECT (entry), POINTER_KEY, g_strdup (edit->pointer), g_free);
  g_object_set_data_full (G_OBJECT (entry), ORIGINAL_KEY, g_strdup (edit->text), g_free);
  if (edit->masked)
    g_object_set_data (G_OBJECT (entry), "sb-masked", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_edit_entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_edit_popover_closed_cb), entry,
                           G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  if (edit->secret)
    hint = gtk_label_new (_("The value is hidden: type a new one and press Enter to replace "
                            "it"));
  else if (edit->masked)
    hint = gtk_label_new (_("Keys in this value are hidden: what you type replaces the whole "
                            "value"));
  else
    hint = gtk_label_new (_("Enter applies; an empty value removes the setting"));
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 30);

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), hint);

  /* In the popover rather than on the row, which would grow wider or taller. */
  if (is_model_pointer (edit->pointer))
    {
      GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose Model…"));

      g_object_set_data_full (G_OBJECT (choose), POINTER_KEY, g_strdup (edit->pointer),
                              g_free);
      g_signal_connect_object (choose, "clicked", G_CALLBACK (on_choose_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), choose);

      g_signal_connect_object (entry, "changed", G_CALLBACK (on_model_entry_changed_cb), hint,
                               G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (entry), "sb-hint", hint);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), entry);
  gtk_menu_button_set_popover (button, popover);
  g_object_set_data (G_OBJECT (button), "sb-entry", entry);
}

/* A pencil that opens a popover with the value in an entry: Enter applies, Escape leaves
 * the file alone. */
static GtkWidget *
make_edit_button (SbLayerColumn *self,
                  const char    *pointer,
                  const char    *name,
                  const char    *text,
                  gboolean       secret,
                  gboolean       masked)
{
  g_autofree char *label = NULL;
  GtkWidget *button = gtk_menu_button_new ();
  EditData *edit = g_new0 (EditData, 1);

  /* Translators: %s is a setting, e.g. "Opus tier" or MY_VARIABLE */
  label = g_strdup_printf (_("Edit %s"), name);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-edit-symbolic");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  edit->column = self;
  edit->pointer = g_strdup (pointer);
  edit->name = g_strdup (name);
  edit->text = g_strdup (text);
  edit->secret = secret;
  edit->masked = masked;
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_edit_popover, edit,
                                         edit_data_free);

  return button;
}

static GtkWidget *
make_value_row (SbLayerColumn *self,
                const char    *pointer,
                const char    *name)
{
  JsonNode *node = sb_json_pointer_get (sb_layer_get_root (self->layer), pointer);
  g_autofree char *text = value_to_text (node);
  g_autoptr(JsonNode) redacted = sb_secrets_redact_at (sb_layer_get_root (self->layer), pointer);
  g_autofree char *redacted_text = value_to_text (redacted);
  g_autofree char *override = node != NULL ? get_override (self, pointer) : NULL;
  gboolean secret = sb_secrets_is_secret_name (name);
  gboolean masked = !secret && !g_str_equal (text, redacted_text);
  /* A name can be a key too, as in env {"sk-or-v1-…": "1"}. */
  g_autofree char *shown_name = sb_secrets_redact_string (NULL, name);
  const char *title = sb_summary_get_title (pointer);
  /* No key in a label or an entry: a secret is edited from empty, anything else with the
   * keys in it masked. */
  g_autofree char *editable = g_strdup (secret ? "" : redacted_text);
  g_autofree char *shown = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (title == NULL)
    title = shown_name;

  if (node == NULL)
    shown = g_strdup (_("Not set"));
  else if (text[0] == '\0')
    /* Translators: shown for a setting whose value is the empty string */
    shown = g_strdup (_("(empty)"));
  else if (secret)
    shown = g_strdup (_("Hidden"));
  else
    shown = g_strdup (redacted_text);

  subtitle = override != NULL ? g_strdup_printf ("%s\n%s", shown, override)
                              : g_steal_pointer (&shown);

  row = sb_value_row_new (title, subtitle, shown_name);
  if (node == NULL)
    gtk_widget_add_css_class (row, "unset");
  if (override != NULL)
    gtk_widget_add_css_class (row, "overridden");

  if (is_editable (self))
    {
      GtkWidget *edit = make_edit_button (self, pointer, title, editable, secret, masked);

      sb_value_row_add_suffix (SB_VALUE_ROW (row), edit);
      sb_value_row_set_activatable_widget (SB_VALUE_ROW (row), edit);
      g_object_set_data (G_OBJECT (row), "sb-edit", edit);

      if (node != NULL)
        {
          g_autofree char *label = NULL;
          GtkWidget *button;

          /* Translators: %s is a setting, e.g. "Opus tier" or MY_VARIABLE */
          label = g_strdup_printf (_("Remove %s"), title);
          button = make_icon_button ("user-trash-symbolic", label);
          g_object_set_data_full (G_OBJECT (button), POINTER_KEY, g_strdup (pointer), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self,
                                   G_CONNECT_SWAPPED);
          sb_value_row_add_suffix (SB_VALUE_ROW (row), button);
        }
    }

  g_object_set_data_full (G_OBJECT (row), POINTER_KEY, g_strdup (pointer), g_free);
  g_object_set_data_full (G_OBJECT (row), ORIGINAL_KEY, g_steal_pointer (&editable), g_free);
  return row;
}

static void
on_add_row_apply_cb (SbLayerColumn *self,
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
  if (equals == NULL || equals[1] == '\0')
    {
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "");
      g_autofree char *message = NULL;

      sb_layer_set_value (self->layer, pointer, value);
      /* Translators: the first %s is a setting, the second a layer (User, Project, Local) */
      message = g_strdup_printf (_("Set %s in the %s settings"), text,
                                 sb_scope_get_title (sb_layer_get_scope (self->layer)));
      save (self, message);
    }
  else
    sb_layer_column_apply (self, pointer, equals + 1);
}

static char *
describe_file (SbLayerColumn *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  switch (sb_layer_get_state (self->layer))
    {
    case SB_LAYER_STATE_MISSING:
      g_string_append (text, _("No file yet"));
      break;
    case SB_LAYER_STATE_OK:
      g_string_append (text, _("Valid"));
      break;
    case SB_LAYER_STATE_INVALID:
      g_string_append (text, _("Does not parse"));
      break;
    case SB_LAYER_STATE_UNREADABLE:
      g_string_append (text, _("Cannot be read"));
      break;
    default:
      g_assert_not_reached ();
    }

  /* Never git itself here: its answer comes from a thread, see ask_git (). */
  switch (sb_git_peek_state (sb_layer_get_path (self->layer)))
    {
    case SB_GIT_STATE_TRACKED:
      g_string_append_printf (text, " · %s", _("Tracked by git"));
      break;
    case SB_GIT_STATE_IGNORED:
      g_string_append_printf (text, " · %s", _("Ignored by git"));
      break;
    case SB_GIT_STATE_UNTRACKED:
      if (sb_layer_get_state (self->layer) != SB_LAYER_STATE_MISSING)
        g_string_append_printf (text, " · %s", _("Not ignored by git"));
      break;
    case SB_GIT_STATE_NONE:
    case SB_GIT_STATE_UNKNOWN:
    default:
      break;
    }

  /* Says why, so that nobody looks for a way round it here. */
  if (sb_layer_get_read_only_reason (self->layer) != NULL)
    g_string_append_printf (text, " · %s", sb_layer_get_read_only_reason (self->layer));
  else if (sb_layer_get_read_only (self->layer))
    g_string_append_printf (text, " · %s", _("Read-only"));

  if (self->changed_on_disk)
    g_string_append_printf (text, " · %s", _("Changed on disk, reloaded"));

  return g_string_free (g_steal_pointer (&text), FALSE);
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

static GtkWidget *
make_button (const char *label,
             const char *icon_name)
{
  GtkWidget *button;

  if (icon_name != NULL)
    {
      button = gtk_button_new_from_icon_name (icon_name);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_add_css_class (button, "flat");
    }
  else
    button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
add_file_row (SbLayerColumn *self)
{
  g_autofree char *path = sb_paths_abbreviate (sb_layer_get_path (self->layer));
  g_autofree char *state = describe_file (self);
  const char *error = sb_layer_get_error (self->layer);
  gboolean writable = !sb_layer_get_read_only (self->layer);
  GtkWidget *row = adw_action_row_new ();
  /* Stacked: side by side they would widen the column. */
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), path);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  g_object_set_data_full (G_OBJECT (row), POINTER_KEY, g_strdup (""), g_free);
  add_row (self, self->file_group, row);

  /* Where and why it breaks, on a row of its own: it needs the room. */
  if (error != NULL)
    {
      GtkWidget *error_row = adw_action_row_new ();
      g_autofree char *shown = sb_secrets_redact_string (NULL, error);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), shown);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (error_row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (error_row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (error_row), 0);
      if (sb_layer_get_state (self->layer) == SB_LAYER_STATE_INVALID)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (error_row),
                                     _("Claude Code skips this file, and Signalbox leaves it "
                                       "as it is"));
      gtk_widget_add_css_class (error_row, "error");
      add_row (self, self->file_group, error_row);
    }

  switch (sb_layer_get_state (self->layer))
    {
    case SB_LAYER_STATE_MISSING:
      if (writable)
        {
          button = make_button (_("_Create"), NULL);
          gtk_widget_set_tooltip_text (button, _("Create the file with no settings in it"));
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_create_clicked_cb), self,
                                   G_CONNECT_SWAPPED);
          gtk_box_append (GTK_BOX (buttons), button);
        }
      break;
    case SB_LAYER_STATE_INVALID:
      button = make_button (_("_Open in Text Editor"), NULL);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_open_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (buttons), button);
      if (writable)
        {
          button = make_button (_("_Restore"), NULL);
          gtk_widget_set_tooltip_text (button, _("Put back the last version that parses"));
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked_cb), self,
                                   G_CONNECT_SWAPPED);
          gtk_box_append (GTK_BOX (buttons), button);
        }
      break;
    case SB_LAYER_STATE_OK:
      button = make_button (_("Open in Text Editor"), "text-editor-symbolic");
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_open_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      break;
    case SB_LAYER_STATE_UNREADABLE:
    default:
      break;
    }

  if (gtk_widget_get_first_child (buttons) != NULL)
    {
      gtk_widget_set_margin_top (buttons, 12);
      add_row (self, self->file_group, buttons);
    }
  else
    {
      /* Never shown: drop it. */
      g_object_ref_sink (buttons);
      g_object_unref (buttons);
    }
}

static void
add_env_rows (SbLayerColumn *self)
{
  JsonNode *env = sb_json_pointer_get (sb_layer_get_root (self->layer), "/env");
  GtkWidget *row;

  if (env != NULL && JSON_NODE_HOLDS_OBJECT (env))
    {
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (env));

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *pointer = sb_json_pointer_append ("/env", l->data);

          if (!sb_summary_is_routing_pointer (pointer))
            add_row (self, self->env_group, make_value_row (self, pointer, l->data));
        }
    }
  else if (env != NULL)
    {
      g_autoptr(JsonNode) redacted = sb_secrets_redact (env);
      g_autofree char *text = sb_json_node_to_string (redacted);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("env is not an object; Claude Code ignores it"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      add_row (self, self->env_group, row);
      return;
    }

  if (is_editable (self))
    {
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Add a Variable: NAME=value"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), POINTER_KEY, g_strdup ("+env"), g_free);
      g_object_set_data_full (G_OBJECT (row), ORIGINAL_KEY, g_strdup (""), g_free);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_add_row_apply_cb), self,
                               G_CONNECT_SWAPPED);
      add_row (self, self->env_group, row);
    }
}

static void
add_other_rows (SbLayerColumn *self)
{
  JsonNode *root = sb_layer_get_root (self->layer);
  g_autoptr(GList) keys = NULL;
  guint shown = 0;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    keys = json_object_get_members (json_node_get_object (root));

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *pointer = sb_json_pointer_append ("", key);
      g_autofree char *shown_key = sb_secrets_redact_string (NULL, key);
      g_autoptr(JsonNode) redacted = NULL;
      g_autofree char *text = NULL;
      GtkWidget *row;

      if (g_str_equal (key, "env") || sb_summary_is_routing_pointer (pointer))
        continue;

      redacted = sb_secrets_redact_at (root, pointer);
      text = sb_summary_describe (key, redacted);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_key);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      add_row (self, self->other_group, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->other_group), shown > 0);
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

/* Where a row's value is typed: its popover's entry (once it has been opened), or the row
 * itself. */
static GtkEditable *
get_entry (GtkWidget *row)
{
  GtkWidget *edit = g_object_get_data (G_OBJECT (row), "sb-edit");
  GtkWidget *entry = edit != NULL ? g_object_get_data (G_OBJECT (edit), "sb-entry") : NULL;

  if (entry != NULL)
    return GTK_EDITABLE (entry);
  if (ADW_IS_ENTRY_ROW (row))
    return GTK_EDITABLE (row);
  return NULL;
}

/* The row holding the focus, if any of ours does. */
static GtkWidget *
get_focus_row (SbLayerColumn *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    if (g_object_get_data (G_OBJECT (focus), POINTER_KEY) != NULL &&
        gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
      return focus;

  return NULL;
}

/**
 * sb_signature_replace:
 * @stored: where a group of rows keeps the signature of what it shows
 * @signature: (transfer full): the signature of what it would show now
 *
 * Returns: whether @signature differs from the one in @stored, which it then replaces: the
 *   group's rows are to be made anew
 */
gboolean
sb_signature_replace (char **stored,
                      char  *signature)
{
  if (g_strcmp0 (*stored, signature) == 0)
    {
      g_free (signature);
      return FALSE;
    }

  g_free (*stored);
  *stored = signature;
  return TRUE;
}

/* Everything a routing row shows: its value, whether it is overridden, and whether the
 * layer can be edited. */
static char *
value_row_signature (SbLayerColumn *self,
                     const char    *pointer)
{
  JsonNode *node = sb_json_pointer_get (sb_layer_get_root (self->layer), pointer);
  g_autofree char *text = value_to_text (node);
  g_autofree char *override = node != NULL ? get_override (self, pointer) : NULL;

  return g_strdup_printf ("%d\x1f%d\x1f%s\x1f%s", is_editable (self), node != NULL, text,
                          override != NULL ? override : "");
}

/* Everything the file's rows show. */
static char *
file_signature (SbLayerColumn *self)
{
  g_autofree char *state = describe_file (self);

  return g_strdup_printf ("%d\x1f%d\x1f%s\x1f%s", sb_layer_get_state (self->layer),
                          sb_layer_get_read_only (self->layer), state,
                          sb_layer_get_error (self->layer) != NULL
                            ? sb_layer_get_error (self->layer) : "");
}

static char *
env_signature (SbLayerColumn *self)
{
  JsonNode *env = sb_json_pointer_get (sb_layer_get_root (self->layer), "/env");
  GString *signature = g_string_new (is_editable (self) ? "e" : "r");

  if (env != NULL && JSON_NODE_HOLDS_OBJECT (env))
    {
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (env));

      /* Not the routing variables, which have rows of their own. */
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *pointer = sb_json_pointer_append ("/env", l->data);
          g_autofree char *text = NULL;
          g_autofree char *override = NULL;

          if (sb_summary_is_routing_pointer (pointer))
            continue;

          text = value_to_text (json_object_get_member (json_node_get_object (env), l->data));
          override = get_override (self, pointer);
          g_string_append_printf (signature, "\x1e%s\x1f%s\x1f%s", (const char *) l->data,
                                  text, override != NULL ? override : "");
        }
    }
  else if (env != NULL)
    {
      g_autofree char *text = sb_json_node_to_string (env);

      g_string_append_printf (signature, "\x1d%s", text);
    }

  return g_string_free (signature, FALSE);
}

static char *
other_signature (SbLayerColumn *self)
{
  JsonNode *root = sb_layer_get_root (self->layer);
  GString *signature = g_string_new (NULL);
  g_autoptr(GList) keys = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    keys = json_object_get_members (json_node_get_object (root));

  /* The keys add_other_rows() shows, and what it shows of them. */
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_autofree char *pointer = sb_json_pointer_append ("", l->data);
      g_autofree char *text = NULL;

      if (g_str_equal (l->data, "env") || sb_summary_is_routing_pointer (pointer))
        continue;

      text = sb_summary_describe (l->data, json_object_get_member (json_node_get_object (root),
                                                                   l->data));
      g_string_append_printf (signature, "\x1e%s\x1f%s", (const char *) l->data, text);
    }

  return g_string_free (signature, FALSE);
}

/* Keeps in @typed the text typed in @row and not applied. */
static void
keep_typed (GtkWidget  *row,
            GHashTable *typed)
{
  GtkEditable *entry = get_entry (row);
  const char *original = g_object_get_data (G_OBJECT (row), ORIGINAL_KEY);

  if (entry != NULL && original != NULL &&
      g_strcmp0 (gtk_editable_get_text (entry), original) != 0)
    g_hash_table_insert (typed, g_strdup (g_object_get_data (G_OBJECT (row), POINTER_KEY)),
                         g_strdup (gtk_editable_get_text (entry)));
}

/* The row of @pointer in @group, if there is one. */
static GtkWidget *
find_row (SbLayerColumn       *self,
          AdwPreferencesGroup *group,
          const char          *pointer)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), POINTER_KEY), pointer) == 0 &&
          gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (group))
        return row;
    }

  return NULL;
}

/* The routing rows, one for each key and always in the same order: a row is made anew
 * only when what it shows changed, in the place of the old one. */
static void
update_routing_rows (SbLayerColumn *self,
                     GHashTable    *typed)
{
  for (const char * const *p = sb_summary_get_routing_pointers (); *p != NULL; p++)
    {
      g_autofree char *signature = value_row_signature (self, *p);
      GtkWidget *old = find_row (self, self->routing_group, *p);
      GtkWidget *row;
      GtkWidget *list;

      if (old != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (old), "sb-signature"),
                                    signature) == 0)
        continue;

      row = make_value_row (self, *p, pointer_key (*p));
      g_object_set_data_full (G_OBJECT (row), "sb-signature", g_steal_pointer (&signature),
                              g_free);
      if (old == NULL)
        {
          add_row (self, self->routing_group, row);
          continue;
        }

      /* In the group's list, where the old row was. */
      keep_typed (old, typed);
      list = gtk_widget_get_parent (old);
      gtk_list_box_insert (GTK_LIST_BOX (list), row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (old)));
      gtk_list_box_remove (GTK_LIST_BOX (list), old);
      g_ptr_array_remove (self->rows, old);
      g_ptr_array_add (self->rows, row);
      g_object_set_data (G_OBJECT (row), "sb-fresh", GINT_TO_POINTER (TRUE));
    }
}

/* Takes the rows of @group away, keeping in @typed the text typed in them and not
 * applied. */
static void
remove_rows (SbLayerColumn       *self,
             AdwPreferencesGroup *group,
             GHashTable          *typed)
{
  for (guint i = self->rows->len; i > 0; i--)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i - 1);

      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) != GTK_WIDGET (group))
        continue;

      keep_typed (row, typed);
      adw_preferences_group_remove (group, row);
      g_ptr_array_remove_index (self->rows, i - 1);
    }
}

static void
on_git_answered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SbLayerColumn) self = user_data;

  /* A column closed meanwhile has no layer any more. */
  if (sb_git_update_states_finish (result, NULL) && self->layer != NULL)
    sb_layer_column_update (self, FALSE);
}

/* What git thinks of the file is shown when it has answered, in a thread. */
static void
ask_git (SbLayerColumn *self)
{
  const char *paths[] = { sb_layer_get_path (self->layer), NULL };

  if (sb_git_peek_state (paths[0]) == SB_GIT_STATE_UNKNOWN)
    sb_git_update_states_async (paths, NULL, on_git_answered_cb, g_object_ref (self));
}

/**
 * sb_layer_column_update:
 * @self: a column
 * @external: whether the layer changed on disk, by someone else
 *
 * Shows the layer as it is now: the rows whose values changed are made anew, the others
 * stay as they are.
 *
 * Returns: whether the file changed since the rows were last made
 */
gboolean
sb_layer_column_update (SbLayerColumn *self,
                        gboolean       external)
{
  g_autoptr(GHashTable) typed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *focus_pointer = NULL;
  const char *text;
  gsize length = 0;
  gboolean file_changed;
  GtkWidget *focus;

  g_return_val_if_fail (SB_IS_LAYER_COLUMN (self), FALSE);

  text = sb_layer_get_text (self->layer, &length);
  bytes = text != NULL ? g_bytes_new (text, length) : NULL;
  file_changed = !((bytes == NULL && self->shown == NULL) ||
                   (bytes != NULL && self->shown != NULL && g_bytes_equal (bytes, self->shown)));
  g_clear_pointer (&self->shown, g_bytes_unref);
  self->shown = g_steal_pointer (&bytes);

  if (external && file_changed)
    self->changed_on_disk = TRUE;

  focus = get_focus_row (self);
  if (focus != NULL)
    focus_pointer = g_strdup (g_object_get_data (G_OBJECT (focus), POINTER_KEY));

  ask_git (self);
  if (sb_signature_replace (&self->file_signature, file_signature (self)))
    {
      remove_rows (self, self->file_group, typed);
      add_file_row (self);
    }

  if (self->rows_shown)
    {
      update_routing_rows (self, typed);

      if (sb_signature_replace (&self->env_signature, env_signature (self)))
        {
          remove_rows (self, self->env_group, typed);
          add_env_rows (self);
        }

      if (sb_signature_replace (&self->other_signature, other_signature (self)))
        {
          remove_rows (self, self->other_group, typed);
          add_other_rows (self);
        }
    }
  if (self->raw_view != NULL)
    update_raw (self);
  sb_labels_set_min_chars (GTK_WIDGET (self), SB_MIN_LABEL_CHARS);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *pointer = g_object_get_data (G_OBJECT (row), POINTER_KEY);
      const char *original = g_object_get_data (G_OBJECT (row), ORIGINAL_KEY);
      const char *kept;

      if (pointer == NULL)
        continue;

      /* Only rows made anew lost their text: a row kept still holds it. */
      kept = g_object_get_data (G_OBJECT (row), "sb-fresh") != NULL
             ? g_hash_table_lookup (typed, pointer) : NULL;
      g_object_set_data (G_OBJECT (row), "sb-fresh", NULL);

      /* The popover closes with its old row; open the new one on the kept text. */
      if (kept != NULL && g_object_get_data (G_OBJECT (row), "sb-edit") != NULL)
        gtk_menu_button_popup (GTK_MENU_BUTTON (g_object_get_data (G_OBJECT (row), "sb-edit")));

      if (kept != NULL && get_entry (row) != NULL)
        {
          gtk_editable_set_text (get_entry (row), kept);
          if (external && file_changed && !g_str_equal (pointer, "+env"))
            {
              g_autofree char *message = NULL;

              /* Translators: the first %s is a setting, the second its value on disk */
              message = g_strdup_printf (_("%s changed on disk to “%s” while you were editing "
                                           "it; your text is kept: press Enter to apply it"),
                                         pointer_key (pointer), original);
              g_signal_emit (self, signals[NOTICE], 0, message);
            }
        }

      if (kept != NULL && get_entry (row) != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (get_entry (row)));
      else if (focus_pointer != NULL && g_str_equal (pointer, focus_pointer))
        gtk_widget_grab_focus (row);
    }

  return file_changed;
}

static AdwPreferencesGroup *
add_group (GtkWidget  *box,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (box), group);
  return ADW_PREFERENCES_GROUP (group);
}

/**
 * sb_rows_page_add:
 * @view_stack: a column's stack of views
 * @raw: whether the raw view is the one to show
 * @routing: (out) (transfer none): the group of the routing and model keys
 * @env: (out) (transfer none): the group of the other environment variables
 * @other: (out) (transfer none): the group of everything else
 *
 * Adds the "rows" page to a column, with the groups its rows go in: made with the rows,
 * after the first frame, not with the column.
 */
void
sb_rows_page_add (GtkStack             *view_stack,
                  gboolean              raw,
                  AdwPreferencesGroup **routing,
                  AdwPreferencesGroup **env,
                  AdwPreferencesGroup **other)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  *routing = add_group (box, _("Routing and Models"));
  *env = add_group (box, _("Environment"));
  *other = add_group (box, _("Everything Else"));
  gtk_stack_add_named (view_stack, box, "rows");
  gtk_stack_set_visible_child_name (view_stack, raw ? "raw" : "rows");
}

/**
 * sb_layer_column_show_rows:
 * @self: a column
 *
 * Makes the rows of the layer's values, which a new column leaves out, and marks the
 * problems last given to sb_layer_column_mark_problems() on them.
 */
void
sb_layer_column_show_rows (SbLayerColumn *self)
{
  g_return_if_fail (SB_IS_LAYER_COLUMN (self));

  if (self->rows_shown)
    return;

  self->rows_shown = TRUE;
  sb_rows_page_add (self->view_stack, self->raw, &self->routing_group, &self->env_group,
                    &self->other_group);
  adw_preferences_group_set_description (self->other_group, _("Kept exactly as it is"));
  gtk_widget_set_visible (GTK_WIDGET (self->view_stack), TRUE);
  sb_layer_column_update (self, FALSE);
  if (self->diagnostics != NULL)
    sb_layer_column_mark_problems (self, self->diagnostics);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, FALSE, -1);
}

/**
 * sb_layer_column_get_rows_shown:
 * @self: a column
 *
 * Returns: whether sb_layer_column_show_rows() made the rows
 */
gboolean
sb_layer_column_get_rows_shown (SbLayerColumn *self)
{
  g_return_val_if_fail (SB_IS_LAYER_COLUMN (self), FALSE);

  return self->rows_shown;
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

  if (raw || self->rows_shown)
    gtk_stack_set_visible_child_name (self->view_stack, raw ? "raw" : "rows");
}

/**
 * sb_layer_column_mark_problems:
 * @self: the column
 * @diagnostics: (element-type SbDiagnostic): the folder's problems
 *
 * Marks the rows of the values that a diagnostic is about, with the message as tooltip.
 */
void
sb_layer_column_mark_problems (SbLayerColumn *self,
                               GPtrArray     *diagnostics)
{
  g_return_if_fail (SB_IS_LAYER_COLUMN (self));
  g_return_if_fail (diagnostics != NULL);

  if (self->diagnostics != diagnostics)
    {
      g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
      self->diagnostics = g_ptr_array_ref (diagnostics);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *pointer = g_object_get_data (G_OBJECT (row), POINTER_KEY);
      SbDiagnostic *found = NULL;

      for (guint j = 0; pointer != NULL && j < diagnostics->len && found == NULL; j++)
        {
          SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, j);

          if (diagnostic->layer == self->layer && g_strcmp0 (diagnostic->pointer, pointer) == 0)
            found = diagnostic;
        }

      if (found != NULL)
        {
          /* Markup, escaped: a message may quote "<redacted>" or a value with a < in it. */
          g_autofree char *markup = g_markup_escape_text (found->message, -1);

          gtk_widget_add_css_class (row, "problem");
          gtk_widget_set_tooltip_markup (row, markup);
        }
      else if (gtk_widget_has_css_class (row, "problem"))
        {
          gtk_widget_remove_css_class (row, "problem");
          gtk_widget_set_tooltip_text (row, NULL);
        }
    }
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
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_bytes_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->file_signature, g_free);
  g_clear_pointer (&self->env_signature, g_free);
  g_clear_pointer (&self->other_signature, g_free);

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
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SbLayerColumn::failed:
   * @message: why a change was not made
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SbLayerColumn::notice:
   * @message: something the person should know
   */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-layer-column.ui");
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, file_group);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbLayerColumn, view_stack);
}

static void
sb_layer_column_init (SbLayerColumn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
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
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->view_stack), FALSE);
  sb_layer_column_update (self, FALSE);

  return self;
}


