/* sb-costs.c
 *
 * What Claude Code's transcripts say was spent, read in the background for whoever shows
 * it: one reader, one read at a time, reports made between reads.
 *
 * The reader's index is only touched by its worker thread while a read runs, so reports
 * are made on the main thread between reads; asking for a refresh while one runs asks for
 * one more read after it, not a second reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-costs.h"

struct _SbCosts
{
  GObject        parent_instance;

  /* Owned */
  SbTranscripts *transcripts;
  gboolean       default_dir;  /* follows sb_transcripts_get_default_dir() */
  SbCatalog     *catalog;
  GCancellable  *cancellable;
  char          *error;
  gboolean       busy;
  gboolean       again;     /* a refresh was asked for during the read */
  gboolean       ready;     /* read at least once */
};

G_DEFINE_FINAL_TYPE (SbCosts, sb_costs, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (SbCosts  *self,
          gboolean  busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SbCosts) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_transcripts_read_finish (SB_TRANSCRIPTS (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_free (self->error);
  /* No projects folder is not a failure: claude has not run here yet. */
  self->error = error != NULL && !g_error_matches (error, SB_TRANSCRIPTS_ERROR,
                                                   SB_TRANSCRIPTS_ERROR_NOT_FOUND)
                  ? g_strdup (error->message) : NULL;
  self->ready = TRUE;
  set_busy (self, FALSE);
  g_signal_emit (self, signals[UPDATED], 0);

  if (self->again)
    {
      self->again = FALSE;
      sb_costs_refresh (self);
    }
}

/**
 * sb_costs_refresh:
 * @self: the costs
 *
 * Reads what was appended to the transcripts since the last read, in a worker thread;
 * ::updated follows.
 */
void
sb_costs_refresh (SbCosts *self)
{
  g_return_if_fail (SB_IS_COSTS (self));

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  /* The default folder is where HOME and CLAUDE_CONFIG_DIR say now (a test's HOME
   * changes under a running application). */
  if (self->default_dir)
    {
      g_autofree char *dir = sb_transcripts_get_default_dir ();

      if (g_strcmp0 (dir, sb_transcripts_get_projects_dir (self->transcripts)) != 0)
        {
          g_object_unref (self->transcripts);
          self->transcripts = sb_transcripts_new (dir);
          self->ready = FALSE;
        }
    }

  set_busy (self, TRUE);
  sb_transcripts_read_async (self->transcripts, self->cancellable, read_cb,
                             g_object_ref (self));
}

gboolean
sb_costs_get_busy (SbCosts *self)
{
  g_return_val_if_fail (SB_IS_COSTS (self), FALSE);

  return self->busy;
}

/* Returns: whether the transcripts were read at least once */
gboolean
sb_costs_get_ready (SbCosts *self)
{
  g_return_val_if_fail (SB_IS_COSTS (self), FALSE);

  return self->ready;
}

/* Returns: (nullable): why the last read failed */
const char *
sb_costs_get_error (SbCosts *self)
{
  g_return_val_if_fail (SB_IS_COSTS (self), NULL);

  return self->error;
}

SbCatalog *
sb_costs_get_catalog (SbCosts *self)
{
  g_return_val_if_fail (SB_IS_COSTS (self), NULL);

  return self->catalog;
}

/**
 * sb_costs_report:
 * @self: the costs
 * @folder: (nullable): a folder, or %NULL for all
 * @since: the first day
 * @until: the last day
 *
 * Returns: (transfer full) (nullable): what was spent from @since to @until, priced with
 *   the catalogue; %NULL while a read runs or before the first
 */
SbCostReport *
sb_costs_report (SbCosts     *self,
                 const char  *folder,
                 const GDate *since,
                 const GDate *until)
{
  g_return_val_if_fail (SB_IS_COSTS (self), NULL);

  if (self->busy || !self->ready)
    return NULL;

  return sb_transcripts_report (self->transcripts, folder, since, until, self->catalog);
}

/**
 * sb_costs_report_days:
 * @self: the costs
 * @folder: (nullable): a folder, or %NULL for all
 * @n_days: how many days, today the last of them
 *
 * Returns: (transfer full) (nullable): as sb_costs_report()
 */
SbCostReport *
sb_costs_report_days (SbCosts    *self,
                      const char *folder,
                      guint       n_days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate until;
  GDate since;

  g_return_val_if_fail (SB_IS_COSTS (self), NULL);
  g_return_val_if_fail (n_days > 0, NULL);

  g_date_clear (&until, 1);
  g_date_set_dmy (&until, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  since = until;
  g_date_subtract_days (&since, n_days - 1);
  return sb_costs_report (self, folder, &since, &until);
}

static void
sb_costs_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, SB_COSTS (object)->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_costs_dispose (GObject *object)
{
  SbCosts *self = SB_COSTS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->transcripts);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (sb_costs_parent_class)->dispose (object);
}

static void
sb_costs_class_init (SbCostsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_costs_dispose;
  object_class->get_property = sb_costs_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbCosts::updated:
   * @self: the costs
   *
   * A read finished (or failed): reports may say something new.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sb_costs_init (SbCosts *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * sb_costs_new:
 * @transcripts: (nullable): the reader; %NULL for one of Claude Code's projects folder,
 *   wherever HOME and CLAUDE_CONFIG_DIR say it is at each refresh
 * @catalog: the price list
 *
 * Returns: (transfer full): nothing read yet; see sb_costs_refresh()
 */
SbCosts *
sb_costs_new (SbTranscripts *transcripts,
              SbCatalog     *catalog)
{
  SbCosts *self;

  g_return_val_if_fail (transcripts == NULL || SB_IS_TRANSCRIPTS (transcripts), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  self = g_object_new (SB_TYPE_COSTS, NULL);
  self->default_dir = transcripts == NULL;
  self->transcripts = transcripts != NULL ? g_object_ref (transcripts)
                                          : sb_transcripts_new (NULL);
  self->catalog = g_object_ref (catalog);
  return self;
}
