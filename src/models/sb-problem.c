/* sb-problem.c
 *
 * One thing that would go wrong when claude starts in a folder, as a row shows it: what is
 * wrong, where (a layer and the setting, keys redacted), how bad, and the fix offered.
 *
 * A problem never changes, so its getters are all there is to it: when a folder's check
 * finds other problems, the list is changed where they differ (sb_problem_list_update()),
 * so that the rows of those that stay, and a Fix button that has the focus, stay as they
 * are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-problem.h"
#include "sb-secrets.h"

struct _SbProblem
{
  GObject       parent_instance;

  GPtrArray    *diagnostics;  /* holds the diagnostic */
  SbDiagnostic *diagnostic;
  char         *subtitle;
};

G_DEFINE_FINAL_TYPE (SbProblem, sb_problem, G_TYPE_OBJECT)

/* "Local settings, /env/ANTHROPIC_MODEL", or "Local settings" */
static char *
describe_where (const SbDiagnostic *diagnostic)
{
  const char *title;
  g_autofree char *pointer = NULL;

  if (diagnostic->layer == NULL)
    return NULL;

  title = sb_scope_get_title (sb_layer_get_scope (diagnostic->layer));
  if (diagnostic->pointer == NULL)
    /* Translators: %s is a layer, e.g. "Local settings" */
    return g_strdup_printf (_("%s settings"), title);

  pointer = sb_secrets_redact_pointer (diagnostic->pointer);
  /* Translators: where a problem is: a layer, then a setting, e.g.
   * "Local settings, /env/ANTHROPIC_MODEL" */
  return g_strdup_printf (_("%s settings, %s"), title, pointer);
}

/**
 * sb_problem_new:
 * @diagnostics: (element-type SbDiagnostic): what a folder's check found
 * @index: the one this is
 *
 * Returns: (transfer full): the problem, which keeps @diagnostics
 */
SbProblem *
sb_problem_new (GPtrArray *diagnostics,
                guint      index)
{
  SbProblem *self;

  g_return_val_if_fail (diagnostics != NULL, NULL);
  g_return_val_if_fail (index < diagnostics->len, NULL);

  self = g_object_new (SB_TYPE_PROBLEM, NULL);
  self->diagnostics = g_ptr_array_ref (diagnostics);
  self->diagnostic = g_ptr_array_index (diagnostics, index);
  self->subtitle = describe_where (self->diagnostic);
  return self;
}

/**
 * sb_problem_get_diagnostic:
 * @self: a problem
 *
 * Returns: (transfer none): what the check found, with its fix
 */
SbDiagnostic *
sb_problem_get_diagnostic (SbProblem *self)
{
  g_return_val_if_fail (SB_IS_PROBLEM (self), NULL);

  return self->diagnostic;
}

/* What is wrong. */
const char *
sb_problem_get_title (SbProblem *self)
{
  g_return_val_if_fail (SB_IS_PROBLEM (self), NULL);

  return self->diagnostic->message;
}

/* Where, or NULL when the problem is not in one layer. */
const char *
sb_problem_get_subtitle (SbProblem *self)
{
  g_return_val_if_fail (SB_IS_PROBLEM (self), NULL);

  return self->subtitle;
}

/* "error", "warning" or "info": a style class as much as a word. */
const char *
sb_problem_get_severity (SbProblem *self)
{
  g_return_val_if_fail (SB_IS_PROBLEM (self), NULL);

  return sb_severity_to_string (self->diagnostic->severity);
}

/* How bad, for people: "Error", "Warning" or "Note". */
const char *
sb_problem_get_severity_name (SbProblem *self)
{
  g_return_val_if_fail (SB_IS_PROBLEM (self), NULL);

  switch (self->diagnostic->severity)
    {
    case SB_SEVERITY_ERROR:
      return _("Error");
    case SB_SEVERITY_WARNING:
      return _("Warning");
    case SB_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

const char *
sb_problem_get_icon_name (SbProblem *self)
{
  g_return_val_if_fail (SB_IS_PROBLEM (self), NULL);

  switch (self->diagnostic->severity)
    {
    case SB_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case SB_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case SB_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

/* What the fix does, or NULL when there is none to offer. */
const char *
sb_problem_get_fix (SbProblem *self)
{
  g_return_val_if_fail (SB_IS_PROBLEM (self), NULL);

  return self->diagnostic->fix != NULL ? self->diagnostic->fix->description : NULL;
}

/**
 * sb_problem_list_update:
 * @problems: a list of #SbProblem
 * @diagnostics: (element-type SbDiagnostic): what the check found now
 *
 * Makes @problems say @diagnostics, changing only the run of items where they differ
 * from what it says: one ::items-changed, or none when nothing differs.
 */
void
sb_problem_list_update (GListStore *problems,
                        GPtrArray  *diagnostics)
{
  GListModel *model = G_LIST_MODEL (problems);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = diagnostics->len;
  guint head = 0;
  guint tail = 0;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (G_IS_LIST_STORE (problems));

  while (head < n_old && head < n_new)
    {
      g_autoptr(SbProblem) old = g_list_model_get_item (model, head);

      if (!sb_diagnostic_equal (old->diagnostic, g_ptr_array_index (diagnostics, head)))
        break;
      head++;
    }

  while (tail < n_old - head && tail < n_new - head)
    {
      g_autoptr(SbProblem) old = g_list_model_get_item (model, n_old - 1 - tail);

      if (!sb_diagnostic_equal (old->diagnostic,
                                g_ptr_array_index (diagnostics, n_new - 1 - tail)))
        break;
      tail++;
    }

  if (head + tail == n_old && head + tail == n_new)
    return;

  for (guint i = head; i < n_new - tail; i++)
    g_ptr_array_add (added, sb_problem_new (diagnostics, i));
  g_list_store_splice (problems, head, n_old - head - tail, added->pdata, added->len);
}

static void
sb_problem_finalize (GObject *object)
{
  SbProblem *self = (SbProblem *)object;

  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_free (self->subtitle);

  G_OBJECT_CLASS (sb_problem_parent_class)->finalize (object);
}

static void
sb_problem_class_init (SbProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_problem_finalize;
}

static void
sb_problem_init (SbProblem *self)
{
}
