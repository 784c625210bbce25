/* sb-key-account.c
 *
 * What OpenRouter says about the account a key belongs to: label, usage, limit, free tier
 * and, for management keys, the credits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-key-account.h"

struct _SbKeyAccount
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwActionRow        *credits_row;
  AdwActionRow        *free_row;
  AdwActionRow        *label_row;
  AdwActionRow        *limit_row;
  AdwActionRow        *remaining_row;
  AdwActionRow        *usage_row;
};

G_DEFINE_FINAL_TYPE (SbKeyAccount, sb_key_account, ADW_TYPE_PREFERENCES_GROUP)

static char *
money (double amount)
{
  /* Translators: an amount in US dollars */
  return g_strdup_printf (_("$%.2f"), amount);
}

static void
set_subtitle_money (AdwActionRow *row,
                    gboolean      has_amount,
                    double        amount)
{
  g_autofree char *text = has_amount ? money (amount) : g_strdup (_("No limit"));

  adw_action_row_set_subtitle (row, text);
}

/**
 * sb_key_account_set_info:
 * @self: the group
 * @info: (nullable): what GET /key said, or %NULL to hide the group
 *
 * Shows the account, without credits until sb_key_account_set_credits() says them.
 */
void
sb_key_account_set_info (SbKeyAccount    *self,
                         const SbKeyInfo *info)
{
  g_return_if_fail (SB_IS_KEY_ACCOUNT (self));

  gtk_widget_set_visible (GTK_WIDGET (self), info != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->credits_row), FALSE);
  if (info == NULL)
    return;

  adw_action_row_set_subtitle (self->label_row, info->label != NULL ? info->label : "");
  set_subtitle_money (self->usage_row, TRUE, info->usage);
  set_subtitle_money (self->limit_row, info->has_limit, info->limit);
  set_subtitle_money (self->remaining_row, info->has_limit_remaining, info->limit_remaining);
  adw_action_row_set_subtitle (self->free_row, info->is_free_tier ? _("Yes") : _("No"));
}

/**
 * sb_key_account_set_credits:
 * @self: the group
 * @credits: (nullable): what GET /credits said
 * @error: (nullable): or why it could not be asked
 *
 * With neither, as for keys that are not management keys, the row stays hidden.
 */
void
sb_key_account_set_credits (SbKeyAccount    *self,
                            const SbCredits *credits,
                            const char      *error)
{
  g_autofree char *total = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (SB_IS_KEY_ACCOUNT (self));

  if (credits != NULL)
    {
      total = money (credits->total_credits);
      used = money (credits->total_usage);
      /* Translators: both are amounts in US dollars, such as "$4.20 used of $10.00" */
      text = g_strdup_printf (_("%s used of %s"), used, total);
    }

  adw_action_row_set_subtitle (self->credits_row, text != NULL ? text : error);
  gtk_widget_set_visible (GTK_WIDGET (self->credits_row), text != NULL || error != NULL);
}

static void
sb_key_account_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_KEY_ACCOUNT);

  G_OBJECT_CLASS (sb_key_account_parent_class)->dispose (object);
}

static void
sb_key_account_class_init (SbKeyAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_key_account_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-key-account.ui");
  gtk_widget_class_bind_template_child (widget_class, SbKeyAccount, credits_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyAccount, free_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyAccount, label_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyAccount, limit_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyAccount, remaining_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyAccount, usage_row);
}

static void
sb_key_account_init (SbKeyAccount *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
