/* sb-edit-popover.c
 *
 * The popover a setting is edited in: its value in an entry, Enter applies, Escape leaves
 * the file alone; a Remove button, and a Choose Model button for a model key.
 *
 * The entry starts with the original text, which is never a key: a secret starts empty and
 * a value with keys in it starts with them masked (the "masked" property), and whoever
 * applies the text refuses one that still holds a mask. When the original changes on disk
 * while the person is typing, their text is kept, and said so.
 *
 * What the person asks for goes up as actions of the layer's column: layer.set-value
 * (pointer, text, masked; an empty text removes the value), layer.choose-model (pointer)
 * and layer.keep-typed (pointer).
 *
 * Given "choices", the popover adds a setting: a drop-down offers the keys, by their
 * readable names, and sets the pointer, the title and whether it is a secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-edit-popover.h"
#include "sb-secrets.h"
#include "sb-summary.h"
#include "sb-widget-utils-private.h"

struct _SbEditPopover
{
  GtkPopover     parent_instance;

  /* Template widgets */
  GtkButton     *choose_button;
  GtkEntry      *entry;
  GtkLabel      *heading;
  GtkLabel      *hint;
  GtkDropDown   *key_dropdown;
  GtkStringList *key_titles;
  GtkButton     *remove_button;

  /* Owned */
  SbCatalog     *catalog;   /* nullable: no hints about model ids without it */
  char          *pointer;
  char          *title;
  char          *original;
  char         **choices;   /* nullable: the pointers the drop-down offers */
  gboolean       masked;
  gboolean       secret;
  gboolean       removable;
};

G_DEFINE_FINAL_TYPE (SbEditPopover, sb_edit_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_POINTER,
  PROP_TITLE,
  PROP_ORIGINAL,
  PROP_MASKED,
  PROP_SECRET,
  PROP_REMOVABLE,
  PROP_CHOICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
default_hint (SbEditPopover *self)
{
  if (self->secret)
    return _("The value is hidden: type a new one and press Enter to replace it");
  if (self->masked)
    return _("Keys in this value are hidden: what you type replaces the whole value");
  return _("Enter applies; an empty value removes the setting");
}

/* As a model id is typed, whether OpenRouter's list knows it, and if not, the nearest id. */
static void
on_entry_changed_cb (SbEditPopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *suggestion = NULL;
  g_autofree char *message = NULL;

  if (self->catalog == NULL || self->pointer == NULL ||
      !sb_summary_is_model_pointer (self->pointer) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->catalog)) == 0 ||
      text[0] == '\0' || sb_catalog_lookup (self->catalog, text) != NULL)
    {
      gtk_label_set_label (self->hint, default_hint (self));
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "warning");
      return;
    }

  suggestion = sb_catalog_suggest (self->catalog, text);
  if (suggestion != NULL)
    /* Translators: %s is the nearest model id OpenRouter knows */
    message = g_strdup_printf (_("OpenRouter does not list this model; did you mean “%s”?"),
                               suggestion);
  else
    message = g_strdup (_("OpenRouter does not list this model"));
  gtk_label_set_label (self->hint, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "warning");
}

static void
on_entry_activate_cb (SbEditPopover *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  gtk_popover_popdown (GTK_POPOVER (self));
  if (g_strcmp0 (text, self->original) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "layer.set-value", "(ssb)", self->pointer,
                                text, self->masked);
}

/* A secret is typed unseen, and shown on request. */
static void
on_entry_icon_press_cb (SbEditPopover *self)
{
  gboolean visible = !gtk_entry_get_visibility (self->entry);

  gtk_entry_set_visibility (self->entry, visible);
  gtk_entry_set_icon_from_icon_name (self->entry, GTK_ENTRY_ICON_SECONDARY,
                                     visible ? "view-conceal-symbolic" : "view-reveal-symbolic");
}

static void
on_remove_button_clicked_cb (SbEditPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "layer.set-value", "(ssb)", self->pointer, "",
                              FALSE);
}

static void
on_choose_button_clicked_cb (SbEditPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "layer.choose-model", "s", self->pointer);
}

/* Back to what the file says when the popover closes without applying. */
static void
on_closed_cb (SbEditPopover *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), self->original != NULL ? self->original : "");
}

static void
set_original (SbEditPopover *self,
              const char    *original)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gboolean keep;

  if (g_strcmp0 (self->original, original) == 0)
    return;

  /* What the person typed and has not applied survives a change on disk. */
  keep = gtk_widget_get_visible (GTK_WIDGET (self)) &&
         g_strcmp0 (typed, self->original != NULL ? self->original : "") != 0 &&
         g_strcmp0 (typed, original) != 0;
  g_free (self->original);
  self->original = g_strdup (original);
  if (keep)
    gtk_widget_activate_action (GTK_WIDGET (self), "layer.keep-typed", "s", self->pointer);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->entry), original != NULL ? original : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGINAL]);
}

static void
on_key_dropdown_selected_cb (SbEditPopover *self)
{
  guint selected = gtk_drop_down_get_selected (self->key_dropdown);
  const char *pointer;
  const char *title;

  if (self->choices == NULL || selected >= g_strv_length (self->choices))
    return;

  pointer = self->choices[selected];
  title = sb_summary_get_title (pointer);
  g_object_set (self,
                "pointer", pointer,
                "title", title != NULL ? title : strrchr (pointer, '/') + 1,
                "secret", sb_secrets_is_secret_name (strrchr (pointer, '/') + 1),
                NULL);
}

static void
set_choices (SbEditPopover      *self,
             const char * const *choices)
{
  g_auto(GStrv) old = g_steal_pointer (&self->choices);
  guint n_titles = g_list_model_get_n_items (G_LIST_MODEL (self->key_titles));
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  self->choices = g_strdupv ((char **) choices);
  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      const char *title = sb_summary_get_title (choices[i]);

      g_strv_builder_add (titles, title != NULL ? title : strrchr (choices[i], '/') + 1);
    }
  strv = g_strv_builder_end (titles);
  gtk_string_list_splice (self->key_titles, 0, n_titles, (const char * const *) strv);
  gtk_widget_set_visible (GTK_WIDGET (self->key_dropdown), self->choices != NULL);
  gtk_drop_down_set_selected (self->key_dropdown, 0);
  on_key_dropdown_selected_cb (self);
}

static void
update (SbEditPopover *self)
{
  g_autofree char *remove = NULL;
  const char *title = self->title != NULL ? self->title : "";

  gtk_label_set_label (self->heading, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_entry_set_visibility (self->entry, !self->secret);
  gtk_entry_set_input_purpose (self->entry, self->secret ? GTK_INPUT_PURPOSE_PASSWORD
                                                         : GTK_INPUT_PURPOSE_FREE_FORM);
  gtk_entry_set_icon_from_icon_name (self->entry, GTK_ENTRY_ICON_SECONDARY,
                                     self->secret ? "view-reveal-symbolic" : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->choose_button),
                          self->pointer != NULL && sb_summary_is_model_pointer (self->pointer));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), self->removable);
  /* Translators: %s is a setting, e.g. "Opus tier" or MY_VARIABLE */
  remove = g_strdup_printf (_("Remove %s"), title);
  sb_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove);
  on_entry_changed_cb (self);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
set_flag (gboolean *field,
          gboolean  value)
{
  if (*field == !!value)
    return FALSE;

  *field = !!value;
  return TRUE;
}

static void
sb_edit_popover_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbEditPopover *self = SB_EDIT_POPOVER (object);
  gboolean changed;

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      return;
    case PROP_ORIGINAL:
      set_original (self, g_value_get_string (value));
      return;
    case PROP_CHOICES:
      set_choices (self, g_value_get_boxed (value));
      g_object_notify_by_pspec (object, pspec);
      return;
    case PROP_POINTER:
      changed = set_string (&self->pointer, g_value_get_string (value));
      break;
    case PROP_TITLE:
      changed = set_string (&self->title, g_value_get_string (value));
      break;
    case PROP_MASKED:
      changed = set_flag (&self->masked, g_value_get_boolean (value));
      break;
    case PROP_SECRET:
      changed = set_flag (&self->secret, g_value_get_boolean (value));
      break;
    case PROP_REMOVABLE:
      changed = set_flag (&self->removable, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (changed)
    {
      update (self);
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
sb_edit_popover_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbEditPopover *self = SB_EDIT_POPOVER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_POINTER:
      g_value_set_string (value, self->pointer);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ORIGINAL:
      g_value_set_string (value, self->original);
      break;
    case PROP_MASKED:
      g_value_set_boolean (value, self->masked);
      break;
    case PROP_SECRET:
      g_value_set_boolean (value, self->secret);
      break;
    case PROP_REMOVABLE:
      g_value_set_boolean (value, self->removable);
      break;
    case PROP_CHOICES:
      g_value_set_boxed (value, self->choices);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_edit_popover_dispose (GObject *object)
{
  SbEditPopover *self = SB_EDIT_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_EDIT_POPOVER);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_edit_popover_parent_class)->dispose (object);
}

static void
sb_edit_popover_finalize (GObject *object)
{
  SbEditPopover *self = SB_EDIT_POPOVER (object);

  g_free (self->pointer);
  g_free (self->title);
  g_free (self->original);
  g_strfreev (self->choices);

  G_OBJECT_CLASS (sb_edit_popover_parent_class)->finalize (object);
}

static void
sb_edit_popover_class_init (SbEditPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sb_edit_popover_dispose;
  object_class->finalize = sb_edit_popover_finalize;
  object_class->get_property = sb_edit_popover_get_property;
  object_class->set_property = sb_edit_popover_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, SB_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POINTER] = g_param_spec_string ("pointer", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_ORIGINAL] = g_param_spec_string ("original", NULL, NULL, NULL, flags);
  properties[PROP_MASKED] = g_param_spec_boolean ("masked", NULL, NULL, FALSE, flags);
  properties[PROP_SECRET] = g_param_spec_boolean ("secret", NULL, NULL, FALSE, flags);
  properties[PROP_REMOVABLE] = g_param_spec_boolean ("removable", NULL, NULL, TRUE, flags);
  properties[PROP_CHOICES] = g_param_spec_boxed ("choices", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-edit-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, SbEditPopover, choose_button);
  gtk_widget_class_bind_template_child (widget_class, SbEditPopover, entry);
  gtk_widget_class_bind_template_child (widget_class, SbEditPopover, heading);
  gtk_widget_class_bind_template_child (widget_class, SbEditPopover, hint);
  gtk_widget_class_bind_template_child (widget_class, SbEditPopover, key_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbEditPopover, key_titles);
  gtk_widget_class_bind_template_child (widget_class, SbEditPopover, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_icon_press_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked_cb);
}

static void
sb_edit_popover_init (SbEditPopover *self)
{
  self->removable = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/**
 * sb_edit_popover_new:
 * @catalog: (nullable): the model list, to say whether a model id typed is known
 *
 * Returns: (transfer floating): a popover; set its pointer, title and original
 */
GtkWidget *
sb_edit_popover_new (SbCatalog *catalog)
{
  return g_object_new (SB_TYPE_EDIT_POPOVER, "catalog", catalog, NULL);
}

const char *
sb_edit_popover_get_pointer (SbEditPopover *self)
{
  g_return_val_if_fail (SB_IS_EDIT_POPOVER (self), NULL);

  return self->pointer;
}

const char *
sb_edit_popover_get_original (SbEditPopover *self)
{
  g_return_val_if_fail (SB_IS_EDIT_POPOVER (self), NULL);

  return self->original != NULL ? self->original : "";
}

gboolean
sb_edit_popover_get_masked (SbEditPopover *self)
{
  g_return_val_if_fail (SB_IS_EDIT_POPOVER (self), FALSE);

  return self->masked;
}
