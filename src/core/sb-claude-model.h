/* sb-claude-model.h
 *
 * What Claude Code does with a folder's model settings: the id it sends, the window and the
 * output cap it uses, and the limits Signalbox writes with a model so that it judges them right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sb-catalog.h"
#include "sb-layer-stack.h"

G_BEGIN_DECLS

/* The Claude Code whose rules these are: docs/claude-code-models.md measured this version. */
#define SB_CLAUDE_CODE_VERSION "2.1.332"

#define SB_CLAUDE_ENV_MAX_CONTEXT "CLAUDE_CODE_MAX_CONTEXT_TOKENS"
#define SB_CLAUDE_ENV_MAX_OUTPUT  "CLAUDE_CODE_MAX_OUTPUT_TOKENS"

/* What Claude Code assumes for an id it does not know, and its ceiling for max_tokens. */
#define SB_CLAUDE_UNKNOWN_WINDOW  1000000
#define SB_CLAUDE_DEFAULT_OUTPUT  32000
#define SB_CLAUDE_OUTPUT_CEILING  128000

typedef struct
{
  char     *model;             /* the id sent, without "[1m]" */
  char     *reported;          /* the id as Claude Code reports it: with "[1m]" when in force */
  gboolean  one_million;       /* the 1M-context beta is in force */
  gboolean  known;             /* a Claude model: Claude Code knows its limits */
  char     *requested;         /* the value in the settings (an alias, say); NULL: the default */
  char     *source_pointer;    /* "/model" or "/env/ANTHROPIC_MODEL"; NULL: the default */
  SbScope   source_scope;
  char     *tier_pointer;      /* the tier variable that mapped an alias, or NULL */
  SbScope   tier_scope;
  char     *dropped;           /* a model that availableModels does not allow, or NULL */
  char     *dropped_pointer;   /* where the dropped model was set */
  SbScope   dropped_scope;
  gint64    context_window;
  gint64    max_output_tokens; /* max_tokens of each request */
} SbClaudeModel;

/* What Signalbox writes beside a model: 0 means nothing. */
typedef struct
{
  gint64 context;
  gint64 output;
} SbClaudeLimits;

/* What a switch did in its layer. */
typedef struct
{
  SbLayer        *layer;
  gboolean        moved;     /* env.ANTHROPIC_MODEL was taken out of the layer */
  gboolean        in_env;    /* written as env.ANTHROPIC_MODEL, since a lower layer sets it */
  SbClaudeLimits  written;   /* the limits now in the layer for the model, 0 when none */
  GPtrArray      *kept;      /* names of hand-written limits left in place */
  char           *shadowed;  /* another layer's env.ANTHROPIC_MODEL that still wins, or NULL */
  SbScope         shadowed_scope;
} SbClaudeSwitch;

SbClaudeModel *sb_claude_model_resolve        (SbLayerStack    *stack);
void           sb_claude_model_free           (SbClaudeModel   *self);
JsonNode      *sb_claude_model_to_json        (SbClaudeModel   *self);
char          *sb_claude_model_describe       (SbClaudeModel   *self);
char          *sb_claude_format_limits        (gint64           context,
                                               gint64           output);

char          *sb_claude_resolve_alias        (const char      *name,
                                               JsonObject      *env,
                                               gboolean         from_env,
                                               gboolean        *one_million,
                                               const char     **tier);
gboolean       sb_claude_is_known_id          (const char      *id);
gboolean       sb_claude_is_alias             (const char      *name);
const char    *sb_claude_alias_tier           (const char      *name);
char          *sb_claude_openrouter_id        (const char      *id);
gboolean       sb_claude_entry_allows         (const char      *entry,
                                               const char      *id,
                                               JsonObject      *env);
gboolean       sb_claude_allows               (JsonArray       *available,
                                               const char      *id,
                                               JsonObject      *env);
char          *sb_claude_strip_1m             (const char      *name,
                                               gboolean        *one_million);

void           sb_claude_limits_for           (const char      *id,
                                               SbModel         *entry,
                                               SbClaudeLimits  *limits);
gint64         sb_claude_served_context       (SbModel         *entry);

gboolean       sb_claude_model_use            (SbLayerStack    *stack,
                                               SbCatalog       *catalog,
                                               const char      *model,
                                               SbScope          scope,
                                               SbClaudeSwitch **result,
                                               GError         **error);
char          *sb_claude_model_find_old_setup (SbLayerStack    *stack,
                                               SbScope         *scope);
gboolean       sb_claude_model_move_old_setup (SbLayerStack    *stack,
                                               SbCatalog       *catalog,
                                               SbClaudeSwitch **result,
                                               GError         **error);
void           sb_claude_switch_free          (SbClaudeSwitch  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbClaudeModel, sb_claude_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbClaudeSwitch, sb_claude_switch_free)

G_END_DECLS
