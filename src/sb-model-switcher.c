/* sb-model-switcher.c
 *
 * The header bar's model button: the shown folder's model, the favourites to switch to in
 * one click, and the chooser for any other.
 *
 * It shows the model of the stack it is given and follows the stack's changes itself. A
 * choice goes up as the window's `win.use-model` action (folder, model, layer), to the
 * layer the `model-layer` setting names (Local unless the person picks another in the same
 * menu): the window writes it, offers Undo and says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-favourites-menu.h"
#include "sb-model-chooser.h"
#include "sb-model-switcher.h"
#include "sb-secrets.h"
#include "sb-summary.h"

struct _SbModelSwitcher
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkMenuButton      *button;
  GtkLabel           *label;
  GMenu              *menu;

  /* Owned */
  SbContext          *context;      /* NULL until the window gives it */
  SbLayerStack       *stack;        /* the folder shown; NULL with none */
  SbFavouritesMenu   *favourites;
  GSimpleActionGroup *actions;
  gboolean            compact;
};

G_DEFINE_FINAL_TYPE (SbModelSwitcher, sb_model_switcher, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COMPACT,
  PROP_CONTEXT,
  PROP_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
use_model (SbModelSwitcher *self,
           const char      *id)
{
  SbScope scope;

  if (self->stack == NULL || self->context == NULL)
    return;

  scope = sb_settings_get_model_scope (sb_context_get_settings (self->context));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.use-model", "(sss)",
                              sb_layer_stack_get_folder (self->stack), id,
                              sb_scope_to_string (scope));
}

static void
use_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  use_model (SB_MODEL_SWITCHER (user_data), g_variant_get_string (parameter, NULL));
}

static void
on_model_chosen_cb (SbModelSwitcher *self,
                    const char      *id)
{
  use_model (self, id);
}

static void
other_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SbModelSwitcher *self = SB_MODEL_SWITCHER (user_data);
  g_autoptr(GVariant) state = NULL;
  const char *current;
  SbModelChooser *chooser;

  if (self->context == NULL)
    return;

  state = g_action_group_get_action_state (G_ACTION_GROUP (self->actions), "use");
  current = g_variant_get_string (state, NULL);
  chooser = sb_model_chooser_open (GTK_WIDGET (self), self->context,
                                   current[0] != '\0' ? current : NULL);
  if (chooser != NULL)
    g_signal_connect_object (chooser, "model-chosen", G_CALLBACK (on_model_chosen_cb), self,
                             G_CONNECT_SWAPPED);
}

static const GActionEntry action_entries[] = {
  { "use", use_action_cb, "s", "''" },
  { "other", other_action_cb },
};

/* The model the stack's folder uses now. */
static void
update (SbModelSwitcher *self)
{
  g_autofree char *model = NULL;
  g_autofree char *shown = NULL;
  GAction *use;

  gtk_widget_set_visible (GTK_WIDGET (self), self->stack != NULL);
  if (self->stack == NULL)
    return;

  model = sb_summary_get_model (sb_layer_stack_get_effective (self->stack));
  shown = sb_secrets_redact_string ("ANTHROPIC_MODEL", model);
  gtk_label_set_label (self->label, shown != NULL ? shown : _("Default Model"));
  /* Named for what it does, with the model as its value: the same whether the label shows
   * or only the icon does. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Model for This Folder"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  shown != NULL ? shown : _("Default Model"),
                                  -1);
  use = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "use");
  g_simple_action_set_state (G_SIMPLE_ACTION (use),
                             g_variant_new_string (model != NULL ? model : ""));
}

/* Returns: (transfer none) (nullable): the layers of the folder whose model is shown */
SbLayerStack *
sb_model_switcher_get_stack (SbModelSwitcher *self)
{
  g_return_val_if_fail (SB_IS_MODEL_SWITCHER (self), NULL);

  return self->stack;
}

/**
 * sb_model_switcher_set_stack:
 * @self: the switcher
 * @stack: (nullable): the layers of the folder shown; %NULL hides the switcher
 */
void
sb_model_switcher_set_stack (SbModelSwitcher *self,
                             SbLayerStack    *stack)
{
  g_return_if_fail (SB_IS_MODEL_SWITCHER (self));
  g_return_if_fail (stack == NULL || SB_IS_LAYER_STACK (stack));

  if (self->stack == stack)
    return;

  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);
  g_set_object (&self->stack, stack);
  /* The effective settings are merged again before "changed": the label follows in the
   * same main-loop turn as the save, not after the window's update. */
  if (self->stack != NULL)
    g_signal_connect_object (self->stack, "changed", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

static void
set_context (SbModelSwitcher *self,
             SbContext       *context)
{
  g_autoptr(GAction) layer = NULL;

  if (context == NULL || self->context == context)
    return;

  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  layer = G_ACTION (g_property_action_new ("model-layer", sb_context_get_settings (context),
                                           "model-layer"));
  g_action_map_add_action (G_ACTION_MAP (self->actions), layer);

  self->favourites = sb_favourites_menu_new (context, "switcher.use");
  g_menu_insert_section (self->menu, 0, _("Favourites"),
                         sb_favourites_menu_get_model (self->favourites));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* Returns: (transfer none): the button's menu */
GMenuModel *
sb_model_switcher_get_menu (SbModelSwitcher *self)
{
  g_return_val_if_fail (SB_IS_MODEL_SWITCHER (self), NULL);

  return G_MENU_MODEL (self->menu);
}

static void
sb_model_switcher_dispose (GObject *object)
{
  SbModelSwitcher *self = (SbModelSwitcher *) object;

  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);
  /* The button is the bin's child: the bin lets it go (disposing the template as well
   * would unparent it twice). */
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->button = NULL;
  self->label = NULL;
  g_clear_object (&self->menu);
  g_clear_object (&self->actions);
  g_clear_object (&self->favourites);
  g_clear_object (&self->stack);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sb_model_switcher_parent_class)->dispose (object);
}

static void
sb_model_switcher_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbModelSwitcher *self = SB_MODEL_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_STACK:
      g_value_set_object (value, self->stack);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_switcher_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbModelSwitcher *self = SB_MODEL_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      if (self->compact != g_value_get_boolean (value))
        {
          self->compact = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;

    case PROP_STACK:
      sb_model_switcher_set_stack (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_switcher_class_init (SbModelSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_model_switcher_dispose;
  object_class->get_property = sb_model_switcher_get_property;
  object_class->set_property = sb_model_switcher_set_property;

  /* Only the icon, for a narrow window. */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The favourites, the catalogue and the layer setting. Given once: the window's template
   * makes the switcher before the window has its services. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, SB_TYPE_LAYER_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-model-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, SbModelSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, SbModelSwitcher, label);
  gtk_widget_class_bind_template_child (widget_class, SbModelSwitcher, menu);
}

/* The menu's popover, made when it first opens rather than with the window. */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  SbModelSwitcher *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->menu));
}

static void
sb_model_switcher_init (SbModelSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The template's objects go with the builder; the menu stays with us. */
  g_object_ref (self->menu);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "switcher", G_ACTION_GROUP (self->actions));
  gtk_menu_button_set_create_popup_func (self->button, create_menu, self, NULL);
  update (self);
}
