/* sb-model-list.c
 *
 * The model chooser's list: the catalogue filtered and sorted in GTK list models, the
 * favourites pinned at the top.
 *
 * The filter sits above the sorter: the (costly) sort runs when the catalogue, the order or
 * the favourites change, and a keystroke only filters an already sorted list. Each change
 * of the criteria tells GTK whether the filter became stricter or looser, so that only the
 * rows that can change are matched again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-model-list.h"

struct _SbModelList
{
  GObject              parent_instance;

  /* Owned */
  GtkSortListModel    *sorted;
  GtkFilterListModel  *filtered;
  GtkCustomSorter     *sorter;
  GtkCustomFilter     *custom_filter;
  SbModelFilter       *filter;
  SbModelFilter       *applied;      /* the criteria the list was last filtered with */
  GHashTable          *favourites;   /* id → itself */
  GDateTime           *now;          /* expiration is judged at the time of the last change */

  SbModelSort          sort;
};

G_DEFINE_FINAL_TYPE (SbModelList, sb_model_list, G_TYPE_OBJECT)

static const char * const filter_properties[] = {
  "search", "tools-only", "free-only", "max-price", "min-context", "provider", "hide-expired",
};

static void
note (gboolean  condition,
      gboolean *flag)
{
  if (condition)
    *flag = TRUE;
}

/**
 * sb_model_list_compare_filters:
 * @before: the criteria the list was filtered with
 * @after: the new criteria
 *
 * Returns: how @after differs from @before: %GTK_FILTER_CHANGE_MORE_STRICT when every model
 *   it lets through @before did too (typing more of a word, turning a toggle on),
 *   %GTK_FILTER_CHANGE_LESS_STRICT for the reverse, else %GTK_FILTER_CHANGE_DIFFERENT
 */
GtkFilterChange
sb_model_list_compare_filters (SbModelFilter *before,
                               SbModelFilter *after)
{
  const char *old_search = sb_model_filter_get_search (before);
  const char *new_search = sb_model_filter_get_search (after);
  const char *old_provider = sb_model_filter_get_provider (before);
  const char *new_provider = sb_model_filter_get_provider (after);
  double old_price = sb_model_filter_get_max_price (before);
  double new_price = sb_model_filter_get_max_price (after);
  gint64 old_context = sb_model_filter_get_min_context (before);
  gint64 new_context = sb_model_filter_get_min_context (after);
  gboolean stricter = FALSE;
  gboolean looser = FALSE;

  old_search = old_search != NULL ? old_search : "";
  new_search = new_search != NULL ? new_search : "";
  /* Every word must match: a longer text that begins with the old one asks for more. */
  if (strcmp (old_search, new_search) != 0)
    {
      if (g_str_has_prefix (new_search, old_search))
        stricter = TRUE;
      else if (g_str_has_prefix (old_search, new_search))
        looser = TRUE;
      else
        stricter = looser = TRUE;
    }

  note (sb_model_filter_get_tools_only (after) && !sb_model_filter_get_tools_only (before),
        &stricter);
  note (!sb_model_filter_get_tools_only (after) && sb_model_filter_get_tools_only (before),
        &looser);
  note (sb_model_filter_get_free_only (after) && !sb_model_filter_get_free_only (before),
        &stricter);
  note (!sb_model_filter_get_free_only (after) && sb_model_filter_get_free_only (before),
        &looser);
  note (sb_model_filter_get_hide_expired (after) && !sb_model_filter_get_hide_expired (before),
        &stricter);
  note (!sb_model_filter_get_hide_expired (after) && sb_model_filter_get_hide_expired (before),
        &looser);

  /* A negative price is no limit. */
  if (old_price != new_price)
    {
      if (new_price >= 0 && (old_price < 0 || new_price < old_price))
        stricter = TRUE;
      else
        looser = TRUE;
    }

  note (new_context > old_context, &stricter);
  note (new_context < old_context, &looser);

  if (g_strcmp0 (old_provider, new_provider) != 0)
    {
      note (new_provider != NULL, &stricter);
      note (old_provider != NULL, &looser);
    }

  if (stricter && looser)
    return GTK_FILTER_CHANGE_DIFFERENT;
  if (looser)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  /* Stricter, or the same criteria written differently: only shown rows need a look. */
  return GTK_FILTER_CHANGE_MORE_STRICT;
}

static void
copy_filter (SbModelFilter *from,
             SbModelFilter *to)
{
  for (guint i = 0; i < G_N_ELEMENTS (filter_properties); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (from), filter_properties[i], &value);
      g_object_set_property (G_OBJECT (to), filter_properties[i], &value);
    }
}

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  SbModelList *self = user_data;

  return sb_model_filter_match (self->filter, item, self->now);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  SbModelList *self = user_data;
  SbModel *model_a = (SbModel *) a;
  SbModel *model_b = (SbModel *) b;
  gboolean pinned_a = g_hash_table_contains (self->favourites, sb_model_get_id (model_a));
  gboolean pinned_b = g_hash_table_contains (self->favourites, sb_model_get_id (model_b));

  if (pinned_a != pinned_b)
    return pinned_a ? -1 : 1;

  return sb_model_compare (model_a, model_b, self->sort);
}

static void
on_filter_notify_cb (SbModelList *self)
{
  GtkFilterChange change = sb_model_list_compare_filters (self->applied, self->filter);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_new_now_utc ();
  copy_filter (self->filter, self->applied);
  gtk_filter_changed (GTK_FILTER (self->custom_filter), change);
}

static void
sb_model_list_dispose (GObject *object)
{
  SbModelList *self = (SbModelList *) object;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  /* Whoever still holds the list must not call back into us once we are gone. */
  if (self->custom_filter != NULL)
    gtk_custom_filter_set_filter_func (self->custom_filter, NULL, NULL, NULL);
  if (self->sorter != NULL)
    gtk_custom_sorter_set_sort_func (self->sorter, NULL, NULL, NULL);
  g_clear_object (&self->sorter);
  g_clear_object (&self->custom_filter);
  g_clear_object (&self->filter);
  g_clear_object (&self->applied);

  G_OBJECT_CLASS (sb_model_list_parent_class)->dispose (object);
}

static void
sb_model_list_finalize (GObject *object)
{
  SbModelList *self = (SbModelList *) object;

  g_clear_pointer (&self->favourites, g_hash_table_unref);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (sb_model_list_parent_class)->finalize (object);
}

static void
sb_model_list_class_init (SbModelListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_model_list_dispose;
  object_class->finalize = sb_model_list_finalize;
}

static void
sb_model_list_init (SbModelList *self)
{
  self->favourites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->now = g_date_time_new_now_utc ();
  self->sort = SB_MODEL_SORT_NAME;
  self->filter = sb_model_filter_new ();
  self->applied = sb_model_filter_new ();
}

/**
 * sb_model_list_new:
 * @models: a list of SbModel, such as the catalogue
 *
 * Returns: (transfer full): the list the chooser shows: @models sorted by name, favourites
 *   first, and filtered by sb_model_list_get_filter()
 */
SbModelList *
sb_model_list_new (GListModel *models)
{
  SbModelList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (models), NULL);

  self = g_object_new (SB_TYPE_MODEL_LIST, NULL);
  self->sorter = gtk_custom_sorter_new (compare_cb, self, NULL);
  self->custom_filter = gtk_custom_filter_new (match_cb, self, NULL);
  self->sorted = gtk_sort_list_model_new (g_object_ref (models),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->custom_filter)));

  g_signal_connect_object (self->filter, "notify", G_CALLBACK (on_filter_notify_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/* Returns: (transfer none): the models to show, in order */
GListModel *
sb_model_list_get_model (SbModelList *self)
{
  g_return_val_if_fail (SB_IS_MODEL_LIST (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/* Returns: (transfer none): the criteria; the list follows their changes */
SbModelFilter *
sb_model_list_get_filter (SbModelList *self)
{
  g_return_val_if_fail (SB_IS_MODEL_LIST (self), NULL);

  return self->filter;
}

SbModelSort
sb_model_list_get_sort (SbModelList *self)
{
  g_return_val_if_fail (SB_IS_MODEL_LIST (self), SB_MODEL_SORT_NAME);

  return self->sort;
}

void
sb_model_list_set_sort (SbModelList *self,
                        SbModelSort  sort)
{
  g_return_if_fail (SB_IS_MODEL_LIST (self));

  if (self->sort == sort)
    return;

  self->sort = sort;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

gboolean
sb_model_list_is_favourite (SbModelList *self,
                            const char  *id)
{
  g_return_val_if_fail (SB_IS_MODEL_LIST (self), FALSE);

  return id != NULL && g_hash_table_contains (self->favourites, id);
}

/* @favourites: (nullable): the ids to pin at the top */
void
sb_model_list_set_favourites (SbModelList        *self,
                              const char * const *favourites)
{
  g_autoptr(GHashTable) old = NULL;
  gboolean same;

  g_return_if_fail (SB_IS_MODEL_LIST (self));

  old = g_steal_pointer (&self->favourites);
  self->favourites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; favourites != NULL && favourites[i] != NULL; i++)
    g_hash_table_add (self->favourites, g_strdup (favourites[i]));

  same = g_hash_table_size (old) == g_hash_table_size (self->favourites);
  if (same)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, old);
      while (same && g_hash_table_iter_next (&iter, &id, NULL))
        same = g_hash_table_contains (self->favourites, id);
    }

  if (!same)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}
