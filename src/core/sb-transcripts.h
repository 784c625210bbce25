/* sb-transcripts.h
 *
 * What Claude Code's session transcripts say was spent: tokens per folder, model and day,
 * read incrementally and priced with OpenRouter's list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"

G_BEGIN_DECLS

#define SB_TRANSCRIPTS_ERROR (sb_transcripts_error_quark ())

typedef enum
{
  SB_TRANSCRIPTS_ERROR_NOT_FOUND,  /* no projects folder */
  SB_TRANSCRIPTS_ERROR_FAILED,     /* the folder could not be read */
} SbTranscriptsError;

/* The longest transcript line read; a longer one is skipped whole. */
#define SB_TRANSCRIPTS_MAX_LINE (32 * 1024 * 1024)

/* One row of a report: a model (or a folder), its tokens and their price. */
typedef struct
{
  char    *name;
  guint64  input_tokens;
  guint64  output_tokens;
  guint64  cache_read_tokens;
  guint64  cache_write_tokens;
  double   cost;  /* USD; negative when unknown (a model the list does not have) */
} SbCostRow;

/* One local day of a report; its costs per model follow the report's model rows. */
typedef struct
{
  GDate    date;
  double   cost;         /* negative when any part of it is unknown */
  double  *model_costs;  /* (array length=n_models): negative when unknown, 0 when unused */
} SbCostDay;

typedef struct _SbCostReport SbCostReport;

struct _SbCostReport
{
  char      *folder;   /* nullable: every folder */
  GDate      since;
  GDate      until;
  GPtrArray *models;   /* (element-type SbCostRow): most expensive first, unknown last */
  GPtrArray *folders;  /* (element-type SbCostRow): per cwd, name is the folder */
  GPtrArray *days;     /* (element-type SbCostDay): every day from since to until */
  double     total_cost;  /* negative when any model's cost is unknown */
  double     known_cost;  /* the sum of the costs that are known */
  guint64    n_replies;
};

void          sb_cost_report_free  (SbCostReport *report);

#define SB_TYPE_TRANSCRIPTS (sb_transcripts_get_type ())

G_DECLARE_FINAL_TYPE (SbTranscripts, sb_transcripts, SB, TRANSCRIPTS, GObject)

GQuark         sb_transcripts_error_quark          (void);
char          *sb_transcripts_get_default_dir      (void);
char          *sb_transcripts_get_cache_file       (const char    *projects_dir);

SbTranscripts *sb_transcripts_new                  (const char    *projects_dir);
const char    *sb_transcripts_get_projects_dir     (SbTranscripts *self);

gboolean       sb_transcripts_read                 (SbTranscripts *self,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
void           sb_transcripts_read_async           (SbTranscripts       *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       sb_transcripts_read_finish          (SbTranscripts *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);

guint64        sb_transcripts_get_bytes_read       (SbTranscripts *self);
guint          sb_transcripts_get_n_files          (SbTranscripts *self);
guint          sb_transcripts_get_n_bad_lines      (SbTranscripts *self);

SbCostReport  *sb_transcripts_report               (SbTranscripts *self,
                                                    const char    *folder,
                                                    const GDate   *since,
                                                    const GDate   *until,
                                                    SbCatalog     *catalog);

double         sb_transcripts_price                (SbCatalog     *catalog,
                                                    const char    *model,
                                                    guint64        input_tokens,
                                                    guint64        output_tokens,
                                                    guint64        cache_read_tokens,
                                                    guint64        cache_write_tokens);

char          *sb_costs_format_cost                (double         cost);
char          *sb_costs_format_total               (double         total,
                                                    double         known);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCostReport, sb_cost_report_free)

G_END_DECLS
