/* sb-favourites-menu.c
 *
 * The person's favourite models as a menu section, kept up to date, for the model menus of
 * the header bar and of the sidebar's rows.
 *
 * Each item activates the action it was made with, the model's id as its target; a model
 * is named as the catalogue names it, by its id until the catalogue knows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-favourites-menu.h"

struct _SbFavouritesMenu
{
  GObject     parent_instance;

  /* Owned */
  SbContext  *context;
  char       *action_name;
  GMenu      *menu;
};

G_DEFINE_FINAL_TYPE (SbFavouritesMenu, sb_favourites_menu, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ACTION_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (SbFavouritesMenu *self)
{
  const char * const *favourites;
  SbCatalog *catalog = sb_context_get_catalog (self->context);

  favourites = sb_settings_get_favourites (sb_context_get_settings (self->context));
  g_menu_remove_all (self->menu);
  for (guint i = 0; favourites[i] != NULL; i++)
    {
      SbModel *model = sb_catalog_lookup (catalog, favourites[i]);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (model != NULL ? sb_model_get_name (model) : favourites[i], NULL);
      g_menu_item_set_action_and_target (item, self->action_name, "s", favourites[i]);
      g_menu_append_item (self->menu, item);
    }

  /* A hint, not a choice: an action no one has makes the item insensitive. */
  if (favourites[0] == NULL)
    {
      const char *dot = strchr (self->action_name, '.');
      g_autofree char *none = g_strdup_printf ("%.*s.none",
                                               dot != NULL ? (int) (dot - self->action_name)
                                                           : 0,
                                               self->action_name);

      /* Translators: shown in the model menu while there are no favourites; not clickable */
      g_menu_append (self->menu, _("Pin favourites with the star in the chooser"), none);
    }
}

static void
sb_favourites_menu_constructed (GObject *object)
{
  SbFavouritesMenu *self = SB_FAVOURITES_MENU (object);

  G_OBJECT_CLASS (sb_favourites_menu_parent_class)->constructed (object);

  update (self);
  g_signal_connect_object (sb_context_get_settings (self->context), "notify::favourites",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  /* Names arrive with the list. */
  g_signal_connect_object (sb_context_get_catalog (self->context), "items-changed",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

static void
sb_favourites_menu_dispose (GObject *object)
{
  SbFavouritesMenu *self = SB_FAVOURITES_MENU (object);

  g_clear_object (&self->menu);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sb_favourites_menu_parent_class)->dispose (object);
}

static void
sb_favourites_menu_finalize (GObject *object)
{
  SbFavouritesMenu *self = SB_FAVOURITES_MENU (object);

  g_free (self->action_name);

  G_OBJECT_CLASS (sb_favourites_menu_parent_class)->finalize (object);
}

static void
sb_favourites_menu_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbFavouritesMenu *self = SB_FAVOURITES_MENU (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ACTION_NAME:
      g_value_set_string (value, self->action_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_favourites_menu_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbFavouritesMenu *self = SB_FAVOURITES_MENU (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_ACTION_NAME:
      self->action_name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_favourites_menu_class_init (SbFavouritesMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sb_favourites_menu_constructed;
  object_class->dispose = sb_favourites_menu_dispose;
  object_class->finalize = sb_favourites_menu_finalize;
  object_class->get_property = sb_favourites_menu_get_property;
  object_class->set_property = sb_favourites_menu_set_property;

  /* The favourites, and the catalogue that names them. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What an item activates, with a model id ("s") as its target. */
  properties[PROP_ACTION_NAME] =
    g_param_spec_string ("action-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_favourites_menu_init (SbFavouritesMenu *self)
{
  self->menu = g_menu_new ();
}

/**
 * sb_favourites_menu_new:
 * @context: the favourites and the catalogue
 * @action_name: a detailed action name such as "switcher.use"
 *
 * Returns: (transfer full): the favourites, each an item activating @action_name
 */
SbFavouritesMenu *
sb_favourites_menu_new (SbContext  *context,
                        const char *action_name)
{
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (action_name != NULL, NULL);

  return g_object_new (SB_TYPE_FAVOURITES_MENU, "context", context, "action-name",
                       action_name, NULL);
}

/* Returns: (transfer none): the items, changed in place as the favourites change */
GMenuModel *
sb_favourites_menu_get_model (SbFavouritesMenu *self)
{
  g_return_val_if_fail (SB_IS_FAVOURITES_MENU (self), NULL);

  return G_MENU_MODEL (self->menu);
}
