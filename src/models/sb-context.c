/* sb-context.c
 *
 * The services a window and its parts share: settings, the model list and the OpenRouter
 * client, handed down from the application.
 *
 * Widgets get them as a construct-only property from whoever made them, never by asking
 * the application, so that a test or a second window can give its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-context.h"

struct _SbContext
{
  GObject       parent_instance;

  /* Owned */
  SbSettings   *settings;
  SbCatalog    *catalog;
  SbOpenRouter *client;     /* NULL when SIGNALBOX_OPENROUTER_URL is unusable */
  SbCosts      *costs;      /* made when first asked for */
  SbPickerSync *picker_sync;
};

G_DEFINE_FINAL_TYPE (SbContext, sb_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CATALOG,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SbContext *self = SB_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SbContext *self = SB_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_context_dispose (GObject *object)
{
  SbContext *self = SB_CONTEXT (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);
  g_clear_object (&self->client);
  g_clear_object (&self->costs);
  g_clear_object (&self->picker_sync);

  G_OBJECT_CLASS (sb_context_parent_class)->dispose (object);
}

static void
sb_context_constructed (GObject *object)
{
  SbContext *self = SB_CONTEXT (object);

  G_OBJECT_CLASS (sb_context_parent_class)->constructed (object);

  self->picker_sync = sb_picker_sync_new (self->settings, self->catalog);
}

static void
sb_context_class_init (SbContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sb_context_get_property;
  object_class->set_property = sb_context_set_property;
  object_class->dispose = sb_context_dispose;
  object_class->constructed = sb_context_constructed;

  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, SB_TYPE_SETTINGS,
                                                   flags);
  properties[PROP_CATALOG] = g_param_spec_object ("catalog", NULL, NULL, SB_TYPE_CATALOG,
                                                  flags);
  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, SB_TYPE_OPENROUTER,
                                                 flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_context_init (SbContext *self)
{
}

/**
 * sb_context_new:
 * @settings: the application's settings
 * @catalog: the application's one model list
 * @client: (nullable): the application's one OpenRouter client
 *
 * Returns: (transfer full): the services, for the window to hand down
 */
SbContext *
sb_context_new (SbSettings   *settings,
                SbCatalog    *catalog,
                SbOpenRouter *client)
{
  g_return_val_if_fail (SB_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (client == NULL || SB_IS_OPENROUTER (client), NULL);

  return g_object_new (SB_TYPE_CONTEXT,
                       "settings", settings,
                       "catalog", catalog,
                       "client", client,
                       NULL);
}

/* Returns: (transfer none): the settings */
SbSettings *
sb_context_get_settings (SbContext *self)
{
  g_return_val_if_fail (SB_IS_CONTEXT (self), NULL);

  return self->settings;
}

/* Returns: (transfer none): the model list */
SbCatalog *
sb_context_get_catalog (SbContext *self)
{
  g_return_val_if_fail (SB_IS_CONTEXT (self), NULL);

  return self->catalog;
}

/* Returns: (transfer none) (nullable): the OpenRouter client */
SbOpenRouter *
sb_context_get_client (SbContext *self)
{
  g_return_val_if_fail (SB_IS_CONTEXT (self), NULL);

  return self->client;
}

/**
 * sb_context_get_costs:
 * @self: the services
 *
 * The one reader of Claude Code's transcripts (in `$CLAUDE_CONFIG_DIR/projects`), made
 * the first time it is asked for.
 *
 * Returns: (transfer none): the costs
 */
SbCosts *
sb_context_get_costs (SbContext *self)
{
  g_return_val_if_fail (SB_IS_CONTEXT (self), NULL);

  if (self->costs == NULL)
    self->costs = sb_costs_new (NULL, self->catalog);

  return self->costs;
}

/* Returns: (transfer none): what keeps the favourites as rows of Claude Code's /model */
SbPickerSync *
sb_context_get_picker_sync (SbContext *self)
{
  g_return_val_if_fail (SB_IS_CONTEXT (self), NULL);

  return self->picker_sync;
}
