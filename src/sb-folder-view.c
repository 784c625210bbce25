/* sb-folder-view.c
 *
 * One folder's settings layers side by side, and what claude uses there: a column per
 * layer and the Effective column, with a page switcher under them when they fold.
 *
 * The view changes nothing itself: its columns ask for a change through its actions
 * (folder.set-value, folder.use-model), which the SbFolder makes, says in a notice and
 * keeps the undo step of; the view follows the folder's ::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-effective-column.h"
#include "sb-folder-view.h"
#include "sb-layer-column.h"
#include "sb-offered-models.h"
#include "sb-widget-utils-private.h"

struct _SbFolderView
{
  AdwBin             parent_instance;

  /* Template widgets */
  AdwLeaflet        *columns;
  GtkBox            *switcher;

  /* Owned */
  SbFolder          *folder;
  SbContext         *context;
  GPtrArray         *layer_columns;  /* of SbLayerColumn */
  SbEffectiveColumn *effective_column;
  GPtrArray         *pages;          /* the columns, in the switcher's order */
  gboolean           raw;
};

G_DEFINE_FINAL_TYPE (SbFolderView, sb_folder_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_CONTEXT,
  PROP_RAW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The page switcher: its buttons are in the order of self->pages. */

static void
update_switcher (SbFolderView *self)
{
  GtkWidget *visible = adw_leaflet_get_visible_child (self->columns);
  guint i = 0;

  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->switcher));
       button != NULL;
       button = gtk_widget_get_next_sibling (button), i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                  g_ptr_array_index (self->pages, i) == visible);
}

static void
on_columns_visible_child_cb (SbFolderView *self)
{
  update_switcher (self);
}

static void
on_switcher_toggled_cb (SbFolderView    *self,
                        GtkToggleButton *button)
{
  guint i = 0;

  if (!gtk_toggle_button_get_active (button))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->switcher));
       child != GTK_WIDGET (button);
       child = gtk_widget_get_next_sibling (child))
    i++;
  adw_leaflet_set_visible_child (self->columns, g_ptr_array_index (self->pages, i));
}

static void
add_page (SbFolderView *self,
          GtkWidget    *column,
          const char   *title)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->switcher));

  if (self->pages->len > 0)
    {
      GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

      adw_leaflet_page_set_navigatable (adw_leaflet_append (self->columns, separator), FALSE);
    }
  adw_leaflet_append (self->columns, column);
  g_ptr_array_add (self->pages, column);

  /* Five pages must fit side by side in 360 pixels. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  sb_widget_set_tooltip_text (button, title);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "page-switch");
  if (first != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_switcher_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->switcher, button);
}

/* What the columns report goes to the folder, which says it. */

static void
on_column_failed_cb (SbFolderView *self,
                     const char   *message)
{
  sb_folder_notice (self->folder, message);
}

/* What the folder's check found (its problems, git's answers) shown in the layers' columns. */
static void
on_folder_checked_cb (SbFolderView *self)
{
  GPtrArray *diagnostics = sb_folder_get_diagnostics (self->folder);

  for (guint i = 0; i < self->layer_columns->len; i++)
    sb_layer_column_show_check (g_ptr_array_index (self->layer_columns, i), diagnostics);
}

static void
on_folder_changed_cb (SbFolderView *self,
                      gboolean      external)
{
  for (guint i = 0; i < self->layer_columns->len; i++)
    sb_layer_column_update (g_ptr_array_index (self->layer_columns, i), external);
  sb_effective_column_update (self->effective_column);
}

/* Actions */

static void
report (SbFolderView *self,
        GError       *error)
{
  if (error != NULL)
    sb_folder_notice (self->folder, error->message);
}

static gboolean
scope_is_writable (int scope)
{
  return scope >= SB_SCOPE_USER && scope <= SB_SCOPE_LOCAL;
}

/* -1 is the layer the person chose for models (Local unless they chose another). */
static SbScope
get_scope (SbFolderView *self,
           int           scope)
{
  if (scope < 0)
    return sb_settings_get_model_scope (sb_context_get_settings (self->context));

  return scope;
}

/* folder.set-value (scope, pointer, text — empty is a value — or nothing to remove it) */
static void
set_value_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbFolderView *self = SB_FOLDER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *pointer;
  const char *text;
  int scope;

  g_variant_get (parameter, "(i&sm&s)", &scope, &pointer, &text);
  g_return_if_fail (scope_is_writable (scope) && pointer[0] == '/');

  sb_folder_set_value (self->folder, scope, pointer, text, &error);
  report (self, error);
}

/* folder.use-model and folder.use-for-tiers (model, scope or -1) */
static void
model_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbFolderView *self = SB_FOLDER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *model;
  int scope;

  g_variant_get (parameter, "(&si)", &model, &scope);
  scope = get_scope (self, scope);
  g_return_if_fail (scope_is_writable (scope));

  if (g_str_equal (action_name, "folder.use-for-tiers"))
    sb_folder_use_for_tiers (self->folder, model, scope, &error);
  else
    sb_folder_use_model (self->folder, model, scope, &error);
  report (self, error);
}

/* folder.set-offered (model, scope, whether /model offers it) */
static void
set_offered_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbFolderView *self = SB_FOLDER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *model;
  gboolean offered;
  int scope;

  g_variant_get (parameter, "(&sib)", &model, &scope, &offered);
  scope = get_scope (self, scope);
  g_return_if_fail (scope_is_writable (scope));

  sb_folder_set_offered (self->folder, model, scope, offered, &error);
  report (self, error);
}

/* folder.fix (the problem's place in the folder's list of problems) */
static void
fix_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SbFolderView *self = SB_FOLDER_VIEW (widget);
  g_autoptr(SbProblem) problem = g_list_model_get_item (sb_folder_get_problems (self->folder),
                                                        g_variant_get_uint32 (parameter));
  g_autoptr(GError) error = NULL;

  g_return_if_fail (problem != NULL && sb_problem_get_fix (problem) != NULL);

  sb_folder_apply_fix (self->folder, problem, &error);
  report (self, error);
}

static void
add_columns (SbFolderView *self)
{
  SbLayerStack *stack = sb_folder_get_stack (self->folder);
  GPtrArray *layers = sb_layer_stack_get_layers (stack);

  /* Checked again now that it is loaded: with the keyring's answer, and then after each
   * change. */
  sb_folder_check (self->folder);

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);
      SbLayerColumn *column = sb_layer_column_new (stack, layer, self->context);

      sb_layer_column_set_raw (column, self->raw);
      g_signal_connect_object (column, "failed", G_CALLBACK (on_column_failed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (column, "notice", G_CALLBACK (on_column_failed_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->layer_columns, column);
      add_page (self, GTK_WIDGET (column), sb_scope_get_title (sb_layer_get_scope (layer)));
    }

  self->effective_column = sb_effective_column_new (self->folder);
  sb_effective_column_set_raw (self->effective_column, self->raw);
  g_signal_connect_object (self->folder, "checked", G_CALLBACK (on_folder_checked_cb), self,
                           G_CONNECT_SWAPPED);
  on_folder_checked_cb (self);
  sb_effective_column_add_group (self->effective_column,
                                 sb_offered_models_new (self->folder, self->context));
  add_page (self, GTK_WIDGET (self->effective_column), _("Effective"));

  /* On a narrow window, what claude uses comes first. */
  adw_leaflet_set_visible_child (self->columns, GTK_WIDGET (self->effective_column));
  update_switcher (self);

  g_signal_connect_object (self->folder, "changed", G_CALLBACK (on_folder_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

SbFolder *
sb_folder_view_get_folder (SbFolderView *self)
{
  g_return_val_if_fail (SB_IS_FOLDER_VIEW (self), NULL);

  return self->folder;
}

/**
 * sb_folder_view_set_raw:
 * @self: a view
 * @raw: whether the columns show their files' text instead of rows
 */
void
sb_folder_view_set_raw (SbFolderView *self,
                        gboolean      raw)
{
  g_return_if_fail (SB_IS_FOLDER_VIEW (self));

  raw = !!raw;
  if (self->raw == raw)
    return;

  self->raw = raw;
  for (guint i = 0; i < self->layer_columns->len; i++)
    sb_layer_column_set_raw (g_ptr_array_index (self->layer_columns, i), raw);
  if (self->effective_column != NULL)
    sb_effective_column_set_raw (self->effective_column, raw);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAW]);
}

/* GObject */

static void
sb_folder_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbFolderView *self = SB_FOLDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_RAW:
      g_value_set_boolean (value, self->raw);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_folder_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbFolderView *self = SB_FOLDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_RAW:
      sb_folder_view_set_raw (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_folder_view_constructed (GObject *object)
{
  SbFolderView *self = SB_FOLDER_VIEW (object);

  G_OBJECT_CLASS (sb_folder_view_parent_class)->constructed (object);

  add_columns (self);
}

static void
sb_folder_view_dispose (GObject *object)
{
  SbFolderView *self = SB_FOLDER_VIEW (object);

  if (self->folder != NULL)
    g_signal_handlers_disconnect_by_data (self->folder, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_FOLDER_VIEW);

  g_clear_pointer (&self->layer_columns, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  self->effective_column = NULL;
  g_clear_object (&self->folder);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sb_folder_view_parent_class)->dispose (object);
}

static void
sb_folder_view_class_init (SbFolderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_folder_view_constructed;
  object_class->dispose = sb_folder_view_dispose;
  object_class->get_property = sb_folder_view_get_property;
  object_class->set_property = sb_folder_view_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL, SB_TYPE_FOLDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RAW] =
    g_param_spec_boolean ("raw", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/signalbox/Signalbox/"
                                               "sb-folder-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbFolderView, columns);
  gtk_widget_class_bind_template_child (widget_class, SbFolderView, switcher);
  gtk_widget_class_bind_template_callback (widget_class, on_columns_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "folder.set-value", "(isms)",
                                   set_value_action);
  gtk_widget_class_install_action (widget_class, "folder.use-model", "(si)", model_action);
  gtk_widget_class_install_action (widget_class, "folder.use-for-tiers", "(si)", model_action);
  gtk_widget_class_install_action (widget_class, "folder.set-offered", "(sib)",
                                   set_offered_action);
  gtk_widget_class_install_action (widget_class, "folder.fix", "u", fix_action);
}

static void
sb_folder_view_init (SbFolderView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->layer_columns = g_ptr_array_new ();
  self->pages = g_ptr_array_new ();
}

/**
 * sb_folder_view_new:
 * @folder: the folder to show; its layers are read now
 * @context: the services the columns use
 * @raw: whether to show the files' text instead of rows
 *
 * Returns: (transfer floating): the view
 */
SbFolderView *
sb_folder_view_new (SbFolder  *folder,
                    SbContext *context,
                    gboolean   raw)
{
  g_return_val_if_fail (SB_IS_FOLDER (folder), NULL);
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);

  return g_object_new (SB_TYPE_FOLDER_VIEW, "folder", folder, "context", context, "raw", raw,
                       NULL);
}
