/* sb-value-list.c
 *
 * The settings of one group of rows, as a list that changes item by item.
 *
 * sb_value_list_update() is given what the group shows now and changes the list in place:
 * an item whose pointer stays is the same object, with the properties that changed
 * notified; only items that come or go are announced by items-changed. So the rows bound
 * to the list stay as they are, with their focus and open popovers, through a change
 * elsewhere in the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-value-list.h"

struct _SbValueList
{
  GObject    parent_instance;

  GPtrArray *items; /* (element-type SbValueItem) */
};

static void sb_value_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbValueList, sb_value_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sb_value_list_model_init))

static GType
sb_value_list_get_item_type (GListModel *model)
{
  return SB_TYPE_VALUE_ITEM;
}

static guint
sb_value_list_get_n_items (GListModel *model)
{
  return SB_VALUE_LIST (model)->items->len;
}

static gpointer
sb_value_list_get_item (GListModel *model,
                        guint       position)
{
  SbValueList *self = SB_VALUE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
sb_value_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sb_value_list_get_item_type;
  iface->get_n_items = sb_value_list_get_n_items;
  iface->get_item = sb_value_list_get_item;
}

static void
sb_value_list_finalize (GObject *object)
{
  SbValueList *self = SB_VALUE_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (sb_value_list_parent_class)->finalize (object);
}

static void
sb_value_list_class_init (SbValueListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_value_list_finalize;
}

static void
sb_value_list_init (SbValueList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

SbValueList *
sb_value_list_new (void)
{
  return g_object_new (SB_TYPE_VALUE_LIST, NULL);
}

static gboolean
find (GPtrArray  *items,
      const char *pointer,
      guint       from,
      guint      *position)
{
  for (guint i = from; i < items->len; i++)
    if (g_str_equal (sb_value_item_get_pointer (g_ptr_array_index (items, i)), pointer))
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * sb_value_list_update:
 * @self: a list
 * @items: (element-type SbValueItem) (transfer none): what the list is to hold, in order
 *
 * Makes the list hold @items' values in @items' order, keeping the items it has for the
 * pointers that stay.
 */
void
sb_value_list_update (SbValueList *self,
                      GPtrArray   *items)
{
  g_return_if_fail (SB_IS_VALUE_LIST (self));
  g_return_if_fail (items != NULL);

  /* What goes, first, each run of neighbours in one signal. */
  for (guint i = self->items->len; i > 0; i--)
    {
      guint end = i;

      while (i > 0 && !find (items, sb_value_item_get_pointer (g_ptr_array_index (self->items,
                                                                                  i - 1)),
                             0, NULL))
        i--;
      if (i < end)
        {
          g_ptr_array_remove_range (self->items, i, end - i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, end - i, 0);
        }
      if (i == 0)
        break;
    }

  /* Then what stays takes its values and place, and what comes is inserted. */
  for (guint i = 0; i < items->len; i++)
    {
      SbValueItem *item = g_ptr_array_index (items, i);
      const char *pointer = sb_value_item_get_pointer (item);
      guint found;

      if (i < self->items->len &&
          g_str_equal (sb_value_item_get_pointer (g_ptr_array_index (self->items, i)), pointer))
        {
          sb_value_item_assign (g_ptr_array_index (self->items, i), item);
          continue;
        }

      /* Moved: out of its old place, into the new one. */
      if (find (self->items, pointer, i, &found))
        {
          g_autoptr(SbValueItem) kept = g_object_ref (g_ptr_array_index (self->items, found));

          g_ptr_array_remove_index (self->items, found);
          g_list_model_items_changed (G_LIST_MODEL (self), found, 1, 0);
          sb_value_item_assign (kept, item);
          g_ptr_array_insert (self->items, i, g_steal_pointer (&kept));
        }
      else
        g_ptr_array_insert (self->items, i, g_object_ref (item));
      g_list_model_items_changed (G_LIST_MODEL (self), i, 0, 1);
    }
}

/**
 * sb_value_list_lookup:
 * @self: a list
 * @pointer: a JSON Pointer
 *
 * Returns: (transfer none) (nullable): the item of @pointer
 */
SbValueItem *
sb_value_list_lookup (SbValueList *self,
                      const char  *pointer)
{
  guint position;

  g_return_val_if_fail (SB_IS_VALUE_LIST (self), NULL);

  return find (self->items, pointer, 0, &position) ? g_ptr_array_index (self->items, position)
                                                   : NULL;
}
