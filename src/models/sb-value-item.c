/* sb-value-item.c
 *
 * One setting as a row shows it: its pointer, readable title, key, value and origin.
 *
 * An item is known by its JSON Pointer, which never changes; everything else is a property
 * a row binds to. sb_value_item_assign() takes another item's values and notifies only
 * those that differ, so that a row follows a change without being made anew.
 *
 * Every text here is already redacted: no key reaches an item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-core-enums.h"
#include "sb-value-item.h"

enum {
  PROP_0,
  /* strings, in the order of SbValueItem.strings */
  PROP_TITLE,
  PROP_KEY,
  PROP_TEXT,
  PROP_EDIT_TEXT,
  PROP_OVERRIDDEN_BY,
  PROP_PROBLEM,
  /* booleans, in the order of SbValueItem.flags */
  PROP_HAS_ORIGIN,
  PROP_EDITABLE,
  PROP_SECRET,
  PROP_MASKED,
  PROP_EXPANDABLE,
  /* the rest */
  PROP_ORIGIN,
  PROP_POINTER,
  N_PROPS
};

#define FIRST_STRING PROP_TITLE
#define N_STRINGS (PROP_PROBLEM - PROP_TITLE + 1)
#define FIRST_FLAG PROP_HAS_ORIGIN
#define N_FLAGS (PROP_EXPANDABLE - PROP_HAS_ORIGIN + 1)

struct _SbValueItem
{
  GObject   parent_instance;

  char     *pointer;
  char     *strings[N_STRINGS];
  gboolean  flags[N_FLAGS];
  SbScope   origin;
};

G_DEFINE_FINAL_TYPE (SbValueItem, sb_value_item, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
set_string (SbValueItem *self,
            guint        prop_id,
            const char  *value)
{
  char **field = &self->strings[prop_id - FIRST_STRING];

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_flag (SbValueItem *self,
          guint        prop_id,
          gboolean     value)
{
  gboolean *field = &self->flags[prop_id - FIRST_FLAG];

  if (*field == !!value)
    return;

  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_origin (SbValueItem *self,
            SbScope      origin)
{
  if (self->origin == origin)
    return;

  self->origin = origin;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
}

static void
sb_value_item_finalize (GObject *object)
{
  SbValueItem *self = SB_VALUE_ITEM (object);

  g_free (self->pointer);
  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (sb_value_item_parent_class)->finalize (object);
}

static void
sb_value_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbValueItem *self = SB_VALUE_ITEM (object);

  if (prop_id >= FIRST_STRING && prop_id < FIRST_STRING + N_STRINGS)
    g_value_set_string (value, self->strings[prop_id - FIRST_STRING]);
  else if (prop_id >= FIRST_FLAG && prop_id < FIRST_FLAG + N_FLAGS)
    g_value_set_boolean (value, self->flags[prop_id - FIRST_FLAG]);
  else if (prop_id == PROP_ORIGIN)
    g_value_set_enum (value, self->origin);
  else if (prop_id == PROP_POINTER)
    g_value_set_string (value, self->pointer);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sb_value_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbValueItem *self = SB_VALUE_ITEM (object);

  if (prop_id >= FIRST_STRING && prop_id < FIRST_STRING + N_STRINGS)
    set_string (self, prop_id, g_value_get_string (value));
  else if (prop_id >= FIRST_FLAG && prop_id < FIRST_FLAG + N_FLAGS)
    set_flag (self, prop_id, g_value_get_boolean (value));
  else if (prop_id == PROP_ORIGIN)
    set_origin (self, g_value_get_enum (value));
  else if (prop_id == PROP_POINTER)
    self->pointer = g_value_dup_string (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sb_value_item_class_init (SbValueItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const string_names[N_STRINGS] = {
    "title", "key", "text", "edit-text", "overridden-by", "problem",
  };
  static const char * const flag_names[N_FLAGS] = {
    "has-origin", "editable", "secret", "masked", "expandable",
  };

  object_class->finalize = sb_value_item_finalize;
  object_class->get_property = sb_value_item_get_property;
  object_class->set_property = sb_value_item_set_property;

  /* title: readable ("Model"), or the key when it has no readable name; key: the variable
   * or key, ANTHROPIC_MODEL; text: the value as shown; edit-text: what an editor starts
   * with (empty for a secret); overridden-by: the layer whose value wins; problem: what a
   * diagnostic says of it. */
  for (guint i = 0; i < N_STRINGS; i++)
    properties[FIRST_STRING + i] = g_param_spec_string (string_names[i], NULL, NULL, NULL,
                                                        flags);
  /* masked: edit-text has the keys in the value masked, and is never to be written back;
   * expandable: an object or a list, shown by its members. */
  for (guint i = 0; i < N_FLAGS; i++)
    properties[FIRST_FLAG + i] = g_param_spec_boolean (flag_names[i], NULL, NULL, FALSE,
                                                       flags);
  properties[PROP_ORIGIN] =
    g_param_spec_enum ("origin", NULL, NULL, SB_TYPE_SCOPE, SB_SCOPE_USER, flags);
  properties[PROP_POINTER] =
    g_param_spec_string ("pointer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_value_item_init (SbValueItem *self)
{
}

/**
 * sb_value_item_new:
 * @pointer: the setting's JSON Pointer, e.g. `/env/ANTHROPIC_MODEL`
 *
 * Returns: (transfer full): an item with no values yet; set them with g_object_set()
 */
SbValueItem *
sb_value_item_new (const char *pointer)
{
  g_return_val_if_fail (pointer != NULL, NULL);

  return g_object_new (SB_TYPE_VALUE_ITEM, "pointer", pointer, NULL);
}

const char *
sb_value_item_get_pointer (SbValueItem *self)
{
  g_return_val_if_fail (SB_IS_VALUE_ITEM (self), NULL);

  return self->pointer;
}

#define STRING_GETTER(name, prop) \
  const char * \
  sb_value_item_get_##name (SbValueItem *self) \
  { \
    g_return_val_if_fail (SB_IS_VALUE_ITEM (self), NULL); \
    return self->strings[prop - FIRST_STRING]; \
  }

#define FLAG_GETTER(name, prop) \
  gboolean \
  sb_value_item_get_##name (SbValueItem *self) \
  { \
    g_return_val_if_fail (SB_IS_VALUE_ITEM (self), FALSE); \
    return self->flags[prop - FIRST_FLAG]; \
  }

STRING_GETTER (title, PROP_TITLE)
STRING_GETTER (key, PROP_KEY)
STRING_GETTER (text, PROP_TEXT)
STRING_GETTER (edit_text, PROP_EDIT_TEXT)
STRING_GETTER (overridden_by, PROP_OVERRIDDEN_BY)
STRING_GETTER (problem, PROP_PROBLEM)
FLAG_GETTER (editable, PROP_EDITABLE)
FLAG_GETTER (secret, PROP_SECRET)
FLAG_GETTER (masked, PROP_MASKED)
FLAG_GETTER (expandable, PROP_EXPANDABLE)

void
sb_value_item_set_problem (SbValueItem *self,
                           const char  *problem)
{
  g_return_if_fail (SB_IS_VALUE_ITEM (self));

  set_string (self, PROP_PROBLEM, problem);
}

/**
 * sb_value_item_get_origin:
 * @self: an item
 * @origin: (out) (optional): the layer the value comes from
 *
 * Returns: whether the item says where its value comes from
 */
gboolean
sb_value_item_get_origin (SbValueItem *self,
                          SbScope     *origin)
{
  g_return_val_if_fail (SB_IS_VALUE_ITEM (self), FALSE);

  if (origin != NULL)
    *origin = self->origin;
  return self->flags[PROP_HAS_ORIGIN - FIRST_FLAG];
}

/**
 * sb_value_item_assign:
 * @self: an item
 * @from: an item of the same pointer with the values to take
 *
 * Takes @from's values, notifying each property that changed, and only those.
 */
void
sb_value_item_assign (SbValueItem *self,
                      SbValueItem *from)
{
  g_return_if_fail (SB_IS_VALUE_ITEM (self));
  g_return_if_fail (SB_IS_VALUE_ITEM (from));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < N_STRINGS; i++)
    set_string (self, FIRST_STRING + i, from->strings[i]);
  for (guint i = 0; i < N_FLAGS; i++)
    set_flag (self, FIRST_FLAG + i, from->flags[i]);
  set_origin (self, from->origin);
  g_object_thaw_notify (G_OBJECT (self));
}
