/* sb-key-info.c
 *
 * What OpenRouter says about an API key (GET /key) and about the account's credits
 * (GET /credits), mapped from JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-key-info.h"
#include "sb-openrouter.h"

G_DEFINE_BOXED_TYPE (SbKeyInfo, sb_key_info, sb_key_info_copy, sb_key_info_free)
G_DEFINE_BOXED_TYPE (SbCredits, sb_credits, sb_credits_copy, sb_credits_free)

static gboolean
set_bad_response (GError     **error,
                  const char  *what)
{
  /* Translators: %s names the part of OpenRouter's answer, such as “/key” */
  g_set_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE,
               _("OpenRouter sent an answer to %s that Signalbox does not understand"), what);
  return FALSE;
}

/* The "data" object of OpenRouter's {"data": {…}} envelope. */
static JsonObject *
get_data (JsonNode   *node,
          const char *what,
          GError    **error)
{
  JsonNode *data;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_bad_response (error, what);
      return NULL;
    }

  data = json_object_get_member (json_node_get_object (node), "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      set_bad_response (error, what);
      return NULL;
    }

  return json_node_get_object (data);
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* A number member: TRUE and *value when it is a number, FALSE when it is missing or null.
 * Any other type is an error. */
static gboolean
get_number (JsonObject  *object,
            const char  *name,
            double      *value,
            gboolean    *present,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *present = FALSE;
  *value = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!is_number (node))
    {
      g_set_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE,
                   _("OpenRouter sent “%s” in an unexpected form"), name);
      return FALSE;
    }

  *value = json_node_get_double (node);
  *present = TRUE;
  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *name,
            char       **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE,
                   _("OpenRouter sent “%s” in an unexpected form"), name);
      return FALSE;
    }

  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *name,
             gboolean    *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE,
                   _("OpenRouter sent “%s” in an unexpected form"), name);
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

/**
 * sb_key_info_new_from_json:
 * @node: the body of an answer to GET /key: `{"data": {"label": …, "usage": …, …}}`
 * @error: a #SB_OPENROUTER_ERROR_BAD_RESPONSE when @node has not that shape
 *
 * Missing and null members are tolerated, and unknown ones ignored, since OpenRouter
 * adds members over time and older keys lack some.
 *
 * Returns: (transfer full) (nullable): the key's description
 */
SbKeyInfo *
sb_key_info_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(SbKeyInfo) info = g_new0 (SbKeyInfo, 1);
  JsonObject *data;
  gboolean present;
  gboolean provisioning;
  gboolean daily, weekly, monthly;

  data = get_data (node, "/key", error);
  if (data == NULL)
    return NULL;

  if (!get_string (data, "label", &info->label, error) ||
      !get_number (data, "usage", &info->usage, &present, error) ||
      !get_number (data, "limit", &info->limit, &info->has_limit, error) ||
      !get_number (data, "limit_remaining", &info->limit_remaining,
                   &info->has_limit_remaining, error) ||
      !get_string (data, "limit_reset", &info->limit_reset, error) ||
      !get_number (data, "usage_daily", &info->usage_daily, &daily, error) ||
      !get_number (data, "usage_weekly", &info->usage_weekly, &weekly, error) ||
      !get_number (data, "usage_monthly", &info->usage_monthly, &monthly, error) ||
      !get_boolean (data, "is_free_tier", &info->is_free_tier, error) ||
      !get_boolean (data, "is_management_key", &info->is_management_key, error) ||
      !get_boolean (data, "is_provisioning_key", &provisioning, error) ||
      !get_string (data, "expires_at", &info->expires_at, error))
    {
      g_prefix_error (error, "/key: ");
      return NULL;
    }

  info->has_usage_periods = daily && weekly && monthly;
  info->is_management_key = info->is_management_key || provisioning;

  return g_steal_pointer (&info);
}

SbKeyInfo *
sb_key_info_copy (const SbKeyInfo *self)
{
  SbKeyInfo *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->label = g_strdup (self->label);
  copy->limit_reset = g_strdup (self->limit_reset);
  copy->expires_at = g_strdup (self->expires_at);
  return copy;
}

void
sb_key_info_free (SbKeyInfo *self)
{
  if (self == NULL)
    return;

  g_free (self->label);
  g_free (self->limit_reset);
  g_free (self->expires_at);
  g_free (self);
}

/**
 * sb_credits_new_from_json:
 * @node: the body of an answer to GET /credits: `{"data": {"total_credits": …,
 *   "total_usage": …}}`
 * @error: a #SB_OPENROUTER_ERROR_BAD_RESPONSE when @node has not that shape
 *
 * Returns: (transfer full) (nullable): the account's credits
 */
SbCredits *
sb_credits_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(SbCredits) credits = g_new0 (SbCredits, 1);
  JsonObject *data;
  gboolean has_credits, has_usage;

  data = get_data (node, "/credits", error);
  if (data == NULL)
    return NULL;

  if (!get_number (data, "total_credits", &credits->total_credits, &has_credits, error) ||
      !get_number (data, "total_usage", &credits->total_usage, &has_usage, error))
    {
      g_prefix_error (error, "/credits: ");
      return NULL;
    }

  /* Without the total there is nothing to show. */
  if (!has_credits)
    {
      set_bad_response (error, "/credits");
      return NULL;
    }

  return g_steal_pointer (&credits);
}

SbCredits *
sb_credits_copy (const SbCredits *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
sb_credits_free (SbCredits *self)
{
  g_free (self);
}
