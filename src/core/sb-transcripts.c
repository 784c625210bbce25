/* sb-transcripts.c
 *
 * What Claude Code's session transcripts say was spent: tokens per folder, model and day,
 * read incrementally and priced with OpenRouter's list.
 *
 * Transcripts reach hundreds of megabytes and are written while we read them, by a program
 * we do not control: every file is streamed line by line through one bounded buffer, only
 * regular files are opened (never through a link), and each line is picked apart by a small
 * scanner that looks at the few members we need and skips the rest without building a tree.
 * What each file gave is kept in an index under $XDG_CACHE_HOME/signalbox/, keyed by size and
 * mtime, so the next look reads only what was appended. See docs/transcripts.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-catalog-cache.h"
#include "sb-model.h"
#include "sb-paths.h"
#include "sb-transcripts.h"
#include "sb-json-edit.h"

#define CACHE_MAGIC "SBTXIDX2"
#define CACHE_BYTE_ORDER 0x01020304u
#define MAX_STRING 4096     /* longest id, model or cwd kept */
#define MAX_DEPTH 64        /* deepest nesting a line may have */
#define CHECK_BYTES 4096    /* bytes at each end of what was read, checked for a rewrite */
#define FIRST_BUFFER (256 * 1024)
#define MAX_TOKENS G_MAXUINT32

/* One reply as the index keeps it: 40 bytes, stored as they are in the cache file. */
typedef struct
{
  guint64 id_hash;      /* of message.id; 0 for a line without one (never merged) */
  gint64  time;         /* seconds since the epoch (UTC) */
  guint32 folder;       /* index into strings */
  guint32 model;        /* index into strings */
  guint32 input;
  guint32 output;
  guint32 cache_read;
  guint32 cache_write;
} Reply;

G_STATIC_ASSERT (sizeof (Reply) == 40);

typedef struct
{
  char    *path;
  guint64  size;
  gint64   mtime;      /* microseconds */
  guint64  dev;
  guint64  ino;
  guint64  offset;     /* end of the last complete line read */
  guint64  check_hash;  /* see read_check_hash() */
  guint    n_bad;
  Reply   *replies;    /* owned, or borrowed from the mapped index while n_allocated is 0 */
  guint    n_replies;
  guint    n_allocated;
  gboolean seen;       /* found in this look */
} TFile;

/* A file's entry in the index on disk, followed by its replies. */
typedef struct
{
  guint64 size;
  gint64  mtime;
  guint64 dev;
  guint64 ino;
  guint64 offset;
  guint64 check_hash;
  guint32 n_bad;
  guint32 n_replies;
} FileHeader;

G_STATIC_ASSERT (sizeof (FileHeader) == 56);

struct _SbTranscripts
{
  GObject     parent_instance;

  char       *projects_dir;
  char       *cache_file;

  GHashTable *files;     /* path → TFile */
  GPtrArray  *strings;   /* interned folders and models */
  GHashTable *string_ids;  /* string → index + 1 */
  gboolean    cache_loaded;
  GMappedFile *index_map;  /* the index read at the first look, lent to the files */

  guint64     bytes_read;
  guint       n_bad;
};

G_DEFINE_FINAL_TYPE (SbTranscripts, sb_transcripts, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-transcripts-error-quark, sb_transcripts_error)

static void
tfile_free (gpointer data)
{
  TFile *file = data;

  g_free (file->path);
  if (file->n_allocated > 0)
    g_free (file->replies);
  g_free (file);
}

static void
tfile_clear_replies (TFile *file)
{
  if (file->n_allocated > 0)
    g_free (file->replies);
  file->replies = NULL;
  file->n_replies = 0;
  file->n_allocated = 0;
}

/* The index's replies are used where they lie until a file gets a new one: then they are
 * copied, so that a look that changes nothing copies nothing. */
static void
tfile_append_reply (TFile       *file,
                    const Reply *reply)
{
  if (file->n_allocated == 0 || file->n_replies == file->n_allocated)
    {
      guint n = MAX (16, file->n_replies * 2);
      Reply *replies = g_new (Reply, n);

      if (file->n_replies > 0)
        memcpy (replies, file->replies, file->n_replies * sizeof (Reply));
      if (file->n_allocated > 0)
        g_free (file->replies);
      file->replies = replies;
      file->n_allocated = n;
    }
  file->replies[file->n_replies++] = *reply;
}

static TFile *
tfile_new (const char *path)
{
  TFile *file = g_new0 (TFile, 1);

  file->path = g_strdup (path);
  return file;
}

static guint64
hash_bytes (const char *data,
            gsize       length)
{
  /* FNV-1a: a 64-bit hash stands in for a message id, so the index stays small; two ids
   * colliding would need billions of replies. */
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);

  for (gsize i = 0; i < length; i++)
    {
      hash ^= (guchar) data[i];
      hash *= G_GUINT64_CONSTANT (1099511628211);
    }
  return hash != 0 ? hash : 1;
}

static guint32
intern (SbTranscripts *self,
        const char    *string)
{
  gpointer found = g_hash_table_lookup (self->string_ids, string);
  char *copy;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  copy = g_strdup (string);
  g_ptr_array_add (self->strings, copy);
  g_hash_table_insert (self->string_ids, copy, GUINT_TO_POINTER (self->strings->len));
  return self->strings->len - 1;
}

/* ---- The line scanner ------------------------------------------------------------------ */

typedef struct
{
  const char *p;
  const char *end;
} Scan;

static inline void
skip_ws (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\r' || *s->p == '\n'))
    s->p++;
}

/* At a quote: moves past the closing quote. */
static gboolean
skip_string (Scan *s)
{
  const char *p = s->p + 1;

  for (;;)
    {
      const char *quote = memchr (p, '"', s->end - p);
      const char *b;

      if (quote == NULL)
        return FALSE;
      /* An odd run of backslashes before it escapes the quote. */
      for (b = quote; b > p && b[-1] == '\\'; b--)
        ;
      if (((quote - b) & 1) == 0)
        {
          s->p = quote + 1;
          return TRUE;
        }
      p = quote + 1;
    }
}

static gboolean
read_hex4 (const char *p,
           const char *end,
           gunichar   *out)
{
  gunichar value = 0;

  if (end - p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = sb_json_hex_digit (p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }
  *out = value;
  return TRUE;
}

/* At a quote: decodes the string into @out (at most MAX_STRING bytes, valid UTF-8). */
static gboolean
read_string (Scan    *s,
             GString *out)
{
  const char *p = s->p + 1;

  g_string_truncate (out, 0);
  while (p < s->end && *p != '"')
    {
      if (out->len > MAX_STRING)
        return FALSE;
      if ((guchar) *p < 0x20)
        return FALSE;
      if (*p != '\\')
        {
          const char *stop = p;

          while (stop < s->end && *stop != '"' && *stop != '\\' && (guchar) *stop >= 0x20)
            stop++;
          g_string_append_len (out, p, stop - p);
          p = stop;
          continue;
        }
      if (++p >= s->end)
        return FALSE;
      switch (*p)
        {
        case '"': case '\\': case '/':
          g_string_append_c (out, *p);
          break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c;

            if (!read_hex4 (p + 1, s->end, &c))
              return FALSE;
            p += 4;
            if (c >= 0xd800 && c < 0xdc00)
              {
                gunichar low;

                if (s->end - p < 7 || p[1] != '\\' || p[2] != 'u' ||
                    !read_hex4 (p + 3, s->end, &low) || low < 0xdc00 || low >= 0xe000)
                  return FALSE;
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                p += 6;
              }
            else if (c >= 0xdc00 && c < 0xe000)
              return FALSE;
            if (c == 0)
              return FALSE;
            g_string_append_unichar (out, c);
          }
          break;
        default:
          return FALSE;
        }
      p++;
    }
  if (p >= s->end || out->len > MAX_STRING || !g_utf8_validate (out->str, out->len, NULL))
    return FALSE;
  s->p = p + 1;
  return TRUE;
}

static gboolean skip_value (Scan *s, int depth);

static gboolean
skip_container (Scan *s,
                int   depth,
                char  close)
{
  if (depth > MAX_DEPTH)
    return FALSE;
  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      if (close == '}')
        {
          skip_ws (s);
          if (s->p >= s->end || *s->p != '"' || !skip_string (s))
            return FALSE;
          skip_ws (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
        }
      if (!skip_value (s, depth + 1))
        return FALSE;
      skip_ws (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == close)
        {
          s->p++;
          return TRUE;
        }
      if (*s->p != ',')
        return FALSE;
      s->p++;
    }
}

static gboolean
skip_value (Scan *s,
            int   depth)
{
  skip_ws (s);
  if (s->p >= s->end)
    return FALSE;
  switch (*s->p)
    {
    case '"':
      return skip_string (s);
    case '{':
      return skip_container (s, depth, '}');
    case '[':
      return skip_container (s, depth, ']');
    default:
      {
        const char *start = s->p;

        while (s->p < s->end && (g_ascii_isalnum (*s->p) || *s->p == '-' || *s->p == '+' ||
                                 *s->p == '.'))
          s->p++;
        return s->p > start;
      }
    }
}

/* A token count: a non-negative integer below MAX_TOKENS, or FALSE. */
static gboolean
read_count (Scan    *s,
            guint32 *out)
{
  guint64 value = 0;
  const char *start;

  skip_ws (s);
  start = s->p;
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    {
      value = value * 10 + (*s->p - '0');
      if (value > MAX_TOKENS)
        return FALSE;
      s->p++;
    }
  if (s->p == start || (s->p < s->end && (*s->p == '.' || *s->p == 'e' || *s->p == 'E')))
    return FALSE;
  *out = (guint32) value;
  return TRUE;
}

typedef gboolean (*MemberFunc) (Scan *s, const char *key, gpointer data);

/* Walks an object, handing each member's key to @func, which reads or skips the value. */
static gboolean
walk_object (Scan       *s,
             GString    *key,
             MemberFunc  func,
             gpointer    data)
{
  skip_ws (s);
  if (s->p >= s->end || *s->p != '{')
    return FALSE;
  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      skip_ws (s);
      if (s->p >= s->end || *s->p != '"' || !read_string (s, key))
        return FALSE;
      skip_ws (s);
      if (s->p >= s->end || *s->p != ':')
        return FALSE;
      s->p++;
      skip_ws (s);
      if (!func (s, key->str, data))
        return FALSE;
      skip_ws (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == '}')
        {
          s->p++;
          return TRUE;
        }
      if (*s->p != ',')
        return FALSE;
      s->p++;
    }
}

typedef struct
{
  GString  *key;          /* scratch for nested keys */
  GString  *type;
  GString  *timestamp;
  GString  *cwd;
  GString  *id;
  GString  *model;
  GString  *request;      /* requestRef, else requestId */
  gboolean  has_request_ref;
  gboolean  has_request_id;
  gboolean  has_type;
  gboolean  has_id;
  gboolean  has_model;
  gboolean  has_usage;
  gboolean  has_cwd;
  gboolean  has_timestamp;
  guint32   input;
  guint32   output;
  guint32   cache_read;
  guint32   cache_write;
} Line;

static gboolean
string_member (Scan     *s,
               GString  *out,
               gboolean *has)
{
  if (s->p < s->end && *s->p == '"')
    {
      if (!read_string (s, out))
        return FALSE;
      *has = TRUE;
      return TRUE;
    }
  /* null or another type: not a string, so not this member */
  *has = FALSE;
  return skip_value (s, 1);
}

static gboolean
usage_member (Scan       *s,
              const char *key,
              gpointer    data)
{
  Line *line = data;
  guint32 *target = NULL;

  if (strcmp (key, "input_tokens") == 0)
    target = &line->input;
  else if (strcmp (key, "output_tokens") == 0)
    target = &line->output;
  else if (strcmp (key, "cache_read_input_tokens") == 0)
    target = &line->cache_read;
  else if (strcmp (key, "cache_creation_input_tokens") == 0)
    target = &line->cache_write;

  if (target == NULL)
    return skip_value (s, 2);
  if (s->p + 4 <= s->end && memcmp (s->p, "null", 4) == 0)
    {
      s->p += 4;
      *target = 0;
      return TRUE;
    }
  return read_count (s, target);
}

static gboolean
message_member (Scan       *s,
                const char *key,
                gpointer    data)
{
  Line *line = data;

  if (strcmp (key, "id") == 0)
    return string_member (s, line->id, &line->has_id);
  if (strcmp (key, "model") == 0)
    return string_member (s, line->model, &line->has_model);
  if (strcmp (key, "usage") == 0 && s->p < s->end && *s->p == '{')
    {
      g_autoptr(GString) key_buffer = g_string_new (NULL);

      line->has_usage = TRUE;
      line->input = line->output = line->cache_read = line->cache_write = 0;
      return walk_object (s, key_buffer, usage_member, line);
    }
  return skip_value (s, 1);
}

static gboolean
line_member (Scan       *s,
             const char *key,
             gpointer    data)
{
  Line *line = data;

  if (strcmp (key, "type") == 0)
    return string_member (s, line->type, &line->has_type);
  if (strcmp (key, "timestamp") == 0)
    return string_member (s, line->timestamp, &line->has_timestamp);
  if (strcmp (key, "cwd") == 0)
    return string_member (s, line->cwd, &line->has_cwd);
  if (strcmp (key, "requestRef") == 0)
    return string_member (s, line->request, &line->has_request_ref);
  if (strcmp (key, "requestId") == 0 && !line->has_request_ref)
    return string_member (s, line->request, &line->has_request_id);
  if (strcmp (key, "message") == 0 && s->p < s->end && *s->p == '{')
    {
      g_autoptr(GString) key_buffer = g_string_new (NULL);

      line->has_id = line->has_model = line->has_usage = FALSE;
      return walk_object (s, key_buffer, message_member, line);
    }
  return skip_value (s, 0);
}

static void
line_reset (Line *line)
{
  line->has_type = line->has_id = line->has_model = FALSE;
  line->has_usage = line->has_cwd = line->has_timestamp = FALSE;
  line->has_request_ref = line->has_request_id = FALSE;
}

static void
line_clear (Line *line)
{
  g_string_free (line->key, TRUE);
  g_string_free (line->type, TRUE);
  g_string_free (line->timestamp, TRUE);
  g_string_free (line->cwd, TRUE);
  g_string_free (line->id, TRUE);
  g_string_free (line->model, TRUE);
  g_string_free (line->request, TRUE);
}

static void
line_init (Line *line)
{
  memset (line, 0, sizeof *line);
  line->key = g_string_new (NULL);
  line->type = g_string_new (NULL);
  line->timestamp = g_string_new (NULL);
  line->cwd = g_string_new (NULL);
  line->id = g_string_new (NULL);
  line->model = g_string_new (NULL);
  line->request = g_string_new (NULL);
}

/* "2026-12-05T14:56:08.907Z" (or with an offset) → seconds since the epoch. */
static gboolean
parse_time (const char *text,
            gint64     *out)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  if (time == NULL)
    return FALSE;
  *out = g_date_time_to_unix (time);
  return TRUE;
}

typedef enum
{
  LINE_SKIPPED,  /* not a reply with usage */
  LINE_REPLY,
  LINE_BAD,      /* does not parse, or a reply with a bad member */
} LineResult;

static LineResult
handle_line (SbTranscripts *self,
             TFile         *file,
             Line          *line,
             const char    *text,
             gsize          length)
{
  Scan s = { text, text + length };
  Reply reply = { 0, };

  /* Most lines carry no usage at all; they are not even parsed. */
  if (memmem (text, length, "\"usage\"", 7) == NULL ||
      memmem (text, length, "\"assistant\"", 11) == NULL)
    return LINE_SKIPPED;

  line_reset (line);
  if (!walk_object (&s, line->key, line_member, line))
    return LINE_BAD;
  skip_ws (&s);
  if (s.p != s.end)
    return LINE_BAD;
  if (!line->has_type || strcmp (line->type->str, "assistant") != 0 || !line->has_usage)
    return LINE_SKIPPED;
  /* Claude Code's own notices (errors shown as replies) are not model replies. */
  if (line->has_model && strcmp (line->model->str, "<synthetic>") == 0)
    return LINE_SKIPPED;
  if (!line->has_timestamp || !parse_time (line->timestamp->str, &reply.time))
    return LINE_BAD;

  /* A reply is its message id within its API request: requestRef (2.1.332) or requestId
   * (older), as ids alone are reused by some servers (our test server gives two concurrent
   * requests one id). The model joins them: one reply has one model. */
  if (line->has_id && line->id->len > 0)
    {
      g_string_append_c (line->id, '\0');
      if (line->has_request_ref || line->has_request_id)
        g_string_append (line->id, line->request->str);
      g_string_append_c (line->id, '\0');
      if (line->has_model)
        g_string_append (line->id, line->model->str);
      reply.id_hash = hash_bytes (line->id->str, line->id->len);
    }
  /* The lines of one reply follow each other; the rest of the repeats are merged when the
   * report is made, across files too (a resumed session repeats earlier replies). */
  if (reply.id_hash != 0 && file->n_replies > 0 &&
      file->replies[file->n_replies - 1].id_hash == reply.id_hash)
    return LINE_REPLY;

  reply.folder = intern (self, line->has_cwd ? line->cwd->str : "");
  reply.model = intern (self, line->has_model && line->model->len > 0 ? line->model->str
                                                                        : "unknown");
  reply.input = line->input;
  reply.output = line->output;
  reply.cache_read = line->cache_read;
  reply.cache_write = line->cache_write;
  tfile_append_reply (file, &reply);
  return LINE_REPLY;
}

/* ---- Reading files --------------------------------------------------------------------- */

typedef struct
{
  char  *data;
  gsize  size;
} Buffer;

static gboolean
pread_all (int      fd,
           char    *data,
           gsize    length,
           guint64  offset)
{
  gssize n;

  do
    n = pread (fd, data, length, offset);
  while (n < 0 && errno == EINTR);
  return n == (gssize) length;
}

/* A fingerprint of what was read: the first and the last CHECK_BYTES before @offset. Lines
 * end alike (a timestamp, a brace), so the end alone would not show a rewrite. */
static gboolean
read_check_hash (int      fd,
                 guint64  offset,
                 guint64 *out)
{
  char check[2 * CHECK_BYTES];
  gsize head = MIN (offset, CHECK_BYTES);
  gsize tail = MIN (offset, CHECK_BYTES);

  if (!pread_all (fd, check, head, 0) || !pread_all (fd, check + head, tail, offset - tail))
    return FALSE;
  *out = hash_bytes (check, head + tail);
  return TRUE;
}

static gboolean
read_file (SbTranscripts *self,
           const char    *path,
           Buffer        *buffer,
           Line          *line,
           GCancellable  *cancellable,
           GError       **error)
{
  TFile *file = g_hash_table_lookup (self->files, path);
  struct stat st;
  guint64 start = 0;
  guint64 position;
  guint64 skip_start = 0;
  gsize fill = 0;
  gboolean skipping = FALSE;
  int fd;

  /* O_NOFOLLOW: a link swapped in after the folder was listed is refused, not followed;
   * O_NONBLOCK: a FIFO cannot hang the read. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;

      /* Gone or replaced since the folder was listed: nothing to count. */
      if (saved == ENOENT || saved == ELOOP)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not open %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return TRUE;
    }

  if (file == NULL)
    {
      file = tfile_new (path);
      g_hash_table_insert (self->files, file->path, file);
    }
  file->seen = TRUE;

  if (file->dev == (guint64) st.st_dev && file->ino == (guint64) st.st_ino &&
      file->size == (guint64) st.st_size &&
      file->mtime == (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000)
    {
      close (fd);
      return TRUE;
    }

  /* Grown: read from where the last look stopped, if the bytes before it are still the
   * same. Shrunk, replaced or rewritten: read it again from the start. */
  if (file->dev == (guint64) st.st_dev && file->ino == (guint64) st.st_ino &&
      file->offset > 0 && (guint64) st.st_size >= file->offset)
    {
      guint64 check_hash;

      if (read_check_hash (fd, file->offset, &check_hash) && check_hash == file->check_hash)
        start = file->offset;
    }
  if (start == 0)
    {
      tfile_clear_replies (file);
      file->n_bad = 0;
    }

  file->dev = st.st_dev;
  file->ino = st.st_ino;
  file->size = st.st_size;
  file->mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;

  if (lseek (fd, start, SEEK_SET) < 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not read %s: %s"), path, g_strerror (saved));
      return FALSE;
    }

  position = start;
  for (;;)
    {
      gssize n;
      gsize consumed = 0;
      char *newline;

      if (fill == buffer->size)
        {
          if (buffer->size < SB_TRANSCRIPTS_MAX_LINE)
            {
              buffer->size *= 2;
              buffer->data = g_realloc (buffer->data, buffer->size);
            }
          else
            {
              /* A line longer than any reply: dropped up to its end, counted as bad. */
              if (!skipping)
                skip_start = position;
              skipping = TRUE;
              position += fill;
              fill = 0;
            }
        }

      do
        n = read (fd, buffer->data + fill, buffer->size - fill);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not read %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      self->bytes_read += n;

      /* Only the new bytes can hold a newline the last pass did not see. */
      newline = memchr (buffer->data + fill, '\n', n);
      fill += n;
      while (newline != NULL)
        {
          gsize end = newline - buffer->data;

          if (skipping)
            {
              skipping = FALSE;
              file->n_bad++;
            }
          else if (handle_line (self, file, line, buffer->data + consumed,
                                end - consumed) == LINE_BAD)
            file->n_bad++;
          consumed = end + 1;
          newline = memchr (buffer->data + consumed, '\n', fill - consumed);
        }
      if (consumed > 0)
        {
          memmove (buffer->data, buffer->data + consumed, fill - consumed);
          fill -= consumed;
          position += consumed;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          /* Start afresh next time: what was read of this file is incomplete. */
          file->size = 0;
          file->offset = 0;
          tfile_clear_replies (file);
          return FALSE;
        }
    }

  /* A line still being written is left for the next look; so is a long one being skipped,
   * from its start, so that the next look does not take its tail for a line. */
  file->offset = skipping ? skip_start : position;
  if (!read_check_hash (fd, file->offset, &file->check_hash))
    file->offset = 0;
  close (fd);
  return TRUE;
}

static gboolean
is_regular_no_link (const char *path,
                    gboolean    want_dir)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return FALSE;
  return want_dir ? S_ISDIR (st.st_mode) : S_ISREG (st.st_mode);
}

/* Every transcript path under the projects folder, sorted: PROJECT/SESSION.jsonl and
 * PROJECT/SESSION/subagents/agent-*.jsonl. Links are not followed anywhere. */
static GPtrArray *
list_files (const char    *projects_dir,
            GError       **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) top = NULL;
  const char *project;

  /* The projects folder itself may be a link (people keep ~/.claude in their dotfiles);
   * nothing inside it is followed. */
  if (!g_file_test (projects_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SB_TRANSCRIPTS_ERROR, SB_TRANSCRIPTS_ERROR_NOT_FOUND,
                   _("No Claude Code transcripts in %s"), projects_dir);
      return NULL;
    }
  top = g_dir_open (projects_dir, 0, error);
  if (top == NULL)
    return NULL;

  while ((project = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *project_path = g_build_filename (projects_dir, project, NULL);
      g_autoptr(GDir) dir = NULL;
      const char *name;

      if (!is_regular_no_link (project_path, TRUE))
        continue;
      dir = g_dir_open (project_path, 0, NULL);
      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (project_path, name, NULL);

          if (g_str_has_suffix (name, ".jsonl"))
            {
              if (is_regular_no_link (path, FALSE))
                g_ptr_array_add (paths, g_steal_pointer (&path));
            }
          else if (is_regular_no_link (path, TRUE))
            {
              g_autofree char *sub = g_build_filename (path, "subagents", NULL);
              g_autoptr(GDir) agents = NULL;
              const char *agent;

              if (!is_regular_no_link (sub, TRUE))
                continue;
              agents = g_dir_open (sub, 0, NULL);
              while (agents != NULL && (agent = g_dir_read_name (agents)) != NULL)
                {
                  g_autofree char *agent_path = NULL;

                  if (!g_str_has_prefix (agent, "agent-") || !g_str_has_suffix (agent, ".jsonl"))
                    continue;
                  agent_path = g_build_filename (sub, agent, NULL);
                  if (is_regular_no_link (agent_path, FALSE))
                    g_ptr_array_add (paths, g_steal_pointer (&agent_path));
                }
            }
        }
    }

  return g_steal_pointer (&paths);
}

/* ---- The index on disk ----------------------------------------------------------------- */

char *
sb_transcripts_get_cache_file (const char *projects_dir)
{
  g_autofree char *dir = sb_catalog_cache_get_dir ();
  g_autofree char *name = g_strdup_printf ("transcripts-%016" G_GINT64_MODIFIER "x.index",
                                           hash_bytes (projects_dir, strlen (projects_dir)));

  return g_build_filename (dir, name, NULL);
}

typedef struct
{
  const char *p;
  const char *end;
  const char *start;
} Cursor;

static const void *
take (Cursor *c,
      gsize   length)
{
  const char *here = c->p;

  if ((gsize) (c->end - c->p) < length)
    return NULL;
  c->p += length;
  return here;
}

static gboolean
take_u32 (Cursor  *c,
          guint32 *out)
{
  const void *data = take (c, sizeof *out);

  if (data == NULL)
    return FALSE;
  memcpy (out, data, sizeof *out);
  return TRUE;
}

static gboolean
take_align (Cursor *c)
{
  gsize pad = (8 - (gsize) (c->p - c->start) % 8) % 8;

  return take (c, pad) != NULL;
}

/* A string of the index: no NUL, valid UTF-8, bounded. */
static char *
take_string (Cursor *c)
{
  guint32 length;
  const char *data;

  if (!take_u32 (c, &length) || length > 4 * MAX_STRING || (data = take (c, length)) == NULL ||
      memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    return NULL;
  return g_strndup (data, length);
}

/* Anything odd about the file drops the whole index: it is only a cache. The file is
 * mapped, and the replies of each transcript are used where they lie. */
static void
load_cache (SbTranscripts *self)
{
  g_autoptr(GMappedFile) map = NULL;
  g_autofree char *dir = NULL;
  Cursor c;
  const char *magic;
  guint32 byte_order, n_strings, n_files;

  map = g_mapped_file_new (self->cache_file, FALSE, NULL);
  if (map == NULL)
    return;
  c.start = c.p = g_mapped_file_get_contents (map);
  c.end = c.p + g_mapped_file_get_length (map);
  if (c.p == NULL)
    return;

  magic = take (&c, 8);
  if (magic == NULL || memcmp (magic, CACHE_MAGIC, 8) != 0 || !take_u32 (&c, &byte_order) ||
      byte_order != CACHE_BYTE_ORDER || !take_u32 (&c, &n_strings) ||
      !take_u32 (&c, &n_files) || (dir = take_string (&c)) == NULL ||
      strcmp (dir, self->projects_dir) != 0)
    goto invalid;

  for (guint32 i = 0; i < n_strings; i++)
    {
      g_autofree char *string = take_string (&c);

      if (string == NULL || intern (self, string) != i)
        goto invalid;
    }

  for (guint32 i = 0; i < n_files; i++)
    {
      g_autofree char *path = take_string (&c);
      const void *header_data;
      FileHeader header;
      const Reply *replies;
      TFile *file;

      if (path == NULL || g_hash_table_contains (self->files, path) || !take_align (&c) ||
          (header_data = take (&c, sizeof header)) == NULL)
        goto invalid;
      memcpy (&header, header_data, sizeof header);
      if (header.n_replies > (gsize) (c.end - c.p) / sizeof (Reply))
        goto invalid;
      replies = take (&c, (gsize) header.n_replies * sizeof (Reply));

      file = tfile_new (path);
      file->size = header.size;
      file->mtime = header.mtime;
      file->dev = header.dev;
      file->ino = header.ino;
      file->offset = header.offset;
      file->check_hash = header.check_hash;
      file->n_bad = header.n_bad;
      /* Aligned: the map starts on a page and every record block on 8 bytes. */
      file->replies = (Reply *) replies;
      file->n_replies = header.n_replies;
      g_hash_table_insert (self->files, file->path, file);
    }
  if (c.p != c.end)
    goto invalid;

  self->index_map = g_steal_pointer (&map);
  return;

invalid:
  g_debug ("Dropping the transcript index %s: it does not match", self->cache_file);
  g_hash_table_remove_all (self->files);
  g_hash_table_remove_all (self->string_ids);
  g_ptr_array_set_size (self->strings, 0);
}

typedef struct
{
  int        fd;
  GString   *pending;  /* small parts, written in one go before the next large one */
  guint64    written;
  int        error;    /* errno of the first failure */
} Writer;

static void
writer_write (Writer     *w,
              const void *data,
              gsize       length)
{
  const char *p = data;

  while (w->error == 0 && length > 0)
    {
      gssize n = write (w->fd, p, length);

      if (n < 0 && errno != EINTR)
        w->error = errno;
      else if (n > 0)
        {
          p += n;
          length -= n;
        }
    }
}

static void
writer_flush (Writer *w)
{
  writer_write (w, w->pending->str, w->pending->len);
  g_string_truncate (w->pending, 0);
}

static void
writer_add (Writer     *w,
            const void *data,
            gsize       length)
{
  g_string_append_len (w->pending, data, length);
  w->written += length;
}

static void
writer_add_string (Writer     *w,
                   const char *string)
{
  guint32 length = strlen (string);

  writer_add (w, &length, sizeof length);
  writer_add (w, string, length);
}

static void
writer_align (Writer *w)
{
  static const char zeros[8] = { 0, };

  writer_add (w, zeros, (8 - w->written % 8) % 8);
}

/* A temporary file renamed over the index, without fsync: readers never see half an index,
 * and after a crash the worst case is an index that fails to load and is rebuilt. Syncing
 * would make every look wait for the disk. The replies are written from where they are. */
static gboolean
save_cache (SbTranscripts  *self,
            GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (self->cache_file);
  g_autofree char *tmp = g_strconcat (self->cache_file, ".XXXXXX", NULL);
  g_autoptr(GString) pending = g_string_new (NULL);
  Writer w = { -1, pending, 0, 0 };
  guint32 byte_order = CACHE_BYTE_ORDER;
  guint32 n_strings = self->strings->len;
  guint32 n_files = g_hash_table_size (self->files);
  GHashTableIter iter;
  gpointer value;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  w.fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (w.fd < 0)
    w.error = errno;

  writer_add (&w, CACHE_MAGIC, 8);
  writer_add (&w, &byte_order, sizeof byte_order);
  writer_add (&w, &n_strings, sizeof n_strings);
  writer_add (&w, &n_files, sizeof n_files);
  writer_add_string (&w, self->projects_dir);
  for (guint i = 0; i < n_strings; i++)
    writer_add_string (&w, self->strings->pdata[i]);

  g_hash_table_iter_init (&iter, self->files);
  while (w.error == 0 && g_hash_table_iter_next (&iter, NULL, &value))
    {
      TFile *file = value;
      FileHeader header = {
        file->size, file->mtime, file->dev, file->ino, file->offset, file->check_hash,
        file->n_bad, file->n_replies,
      };

      writer_add_string (&w, file->path);
      writer_align (&w);
      writer_add (&w, &header, sizeof header);
      writer_flush (&w);
      writer_write (&w, file->replies, (gsize) file->n_replies * sizeof (Reply));
      w.written += (gsize) file->n_replies * sizeof (Reply);
    }
  writer_flush (&w);

  if (w.fd >= 0 && close (w.fd) != 0 && w.error == 0)
    w.error = errno;
  if (w.error == 0 && g_rename (tmp, self->cache_file) != 0)
    w.error = errno;
  if (w.error != 0)
    {
      if (w.fd >= 0)
        g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (w.error),
                   _("Could not write %s: %s"), self->cache_file, g_strerror (w.error));
      return FALSE;
    }
  return TRUE;
}

/* ---- The object ------------------------------------------------------------------------ */

static void
sb_transcripts_finalize (GObject *object)
{
  SbTranscripts *self = SB_TRANSCRIPTS (object);

  g_clear_pointer (&self->files, g_hash_table_unref);
  g_clear_pointer (&self->string_ids, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_ptr_array_unref);
  g_clear_pointer (&self->projects_dir, g_free);
  g_clear_pointer (&self->cache_file, g_free);
  /* After the files, which may borrow from it */
  g_clear_pointer (&self->index_map, g_mapped_file_unref);

  G_OBJECT_CLASS (sb_transcripts_parent_class)->finalize (object);
}

static void
sb_transcripts_class_init (SbTranscriptsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_transcripts_finalize;
}

static void
sb_transcripts_init (SbTranscripts *self)
{
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, tfile_free);
  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->string_ids = g_hash_table_new (g_str_hash, g_str_equal);
}

/* $CLAUDE_CONFIG_DIR/projects, default ~/.claude/projects. */
char *
sb_transcripts_get_default_dir (void)
{
  g_autofree char *config = sb_paths_get_user_config_dir ();

  return g_build_filename (config, "projects", NULL);
}

/**
 * sb_transcripts_new:
 * @projects_dir: (nullable): Claude Code's projects folder; %NULL for the default
 *
 * Returns: (transfer full): a reader with nothing read yet
 */
SbTranscripts *
sb_transcripts_new (const char *projects_dir)
{
  SbTranscripts *self = g_object_new (SB_TYPE_TRANSCRIPTS, NULL);

  self->projects_dir = projects_dir != NULL ? g_strdup (projects_dir)
                                            : sb_transcripts_get_default_dir ();
  self->cache_file = sb_transcripts_get_cache_file (self->projects_dir);
  return self;
}

const char *
sb_transcripts_get_projects_dir (SbTranscripts *self)
{
  g_return_val_if_fail (SB_IS_TRANSCRIPTS (self), NULL);

  return self->projects_dir;
}

/* Bytes read from transcripts by the last sb_transcripts_read(). */
guint64
sb_transcripts_get_bytes_read (SbTranscripts *self)
{
  g_return_val_if_fail (SB_IS_TRANSCRIPTS (self), 0);

  return self->bytes_read;
}

guint
sb_transcripts_get_n_files (SbTranscripts *self)
{
  g_return_val_if_fail (SB_IS_TRANSCRIPTS (self), 0);

  return g_hash_table_size (self->files);
}

/* Lines that did not parse, or were longer than SB_TRANSCRIPTS_MAX_LINE. */
guint
sb_transcripts_get_n_bad_lines (SbTranscripts *self)
{
  g_return_val_if_fail (SB_IS_TRANSCRIPTS (self), 0);

  return self->n_bad;
}

/**
 * sb_transcripts_read:
 *
 * Brings the index up to date: loads the cached index the first time, reads what changed
 * since, and saves the index. Blocking; see sb_transcripts_read_async().
 */
gboolean
sb_transcripts_read (SbTranscripts  *self,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) cache_error = NULL;
  Buffer buffer = { NULL, FIRST_BUFFER };
  GHashTableIter iter;
  gpointer value;
  gboolean changed = FALSE;
  Line line;

  g_return_val_if_fail (SB_IS_TRANSCRIPTS (self), FALSE);

  if (!self->cache_loaded)
    {
      load_cache (self);
      self->cache_loaded = TRUE;
    }

  paths = list_files (self->projects_dir, error);
  if (paths == NULL)
    return FALSE;

  self->bytes_read = 0;
  buffer.data = g_malloc (buffer.size);
  line_init (&line);
  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((TFile *) value)->seen = FALSE;

  for (guint i = 0; i < paths->len; i++)
    {
      if (!read_file (self, paths->pdata[i], &buffer, &line, cancellable, error))
        {
          line_clear (&line);
          g_free (buffer.data);
          return FALSE;
        }
    }
  line_clear (&line);
  g_free (buffer.data);

  changed = self->bytes_read > 0;
  self->n_bad = 0;
  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TFile *file = value;

      if (!file->seen)
        {
          g_hash_table_iter_remove (&iter);
          changed = TRUE;
        }
      else
        self->n_bad += file->n_bad;
    }

  /* Not fatal: without the index the next look reads everything again. */
  if (changed && !save_cache (self, &cache_error))
    g_warning ("Could not save the transcript index: %s", cache_error->message);

  return TRUE;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (sb_transcripts_read (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * sb_transcripts_read_async:
 *
 * sb_transcripts_read() on a worker thread. Do not make a report or start another read
 * before it finishes.
 */
void
sb_transcripts_read_async (SbTranscripts       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SB_IS_TRANSCRIPTS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_transcripts_read_async);
  g_task_run_in_thread (task, read_thread);
}

gboolean
sb_transcripts_read_finish (SbTranscripts  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Reports --------------------------------------------------------------------------- */

/**
 * sb_transcripts_price:
 * @catalog: (nullable): the price list
 *
 * Returns: the cost in USD of these tokens of @model, or -1 when the list does not have the
 *   model or its prompt or completion price. A cache price the list leaves out is taken as
 *   the prompt price: OpenRouter omits it for providers that bill cached tokens as input.
 */
double
sb_transcripts_price (SbCatalog  *catalog,
                      const char *model,
                      guint64     input_tokens,
                      guint64     output_tokens,
                      guint64     cache_read_tokens,
                      guint64     cache_write_tokens)
{
  SbModel *entry = catalog != NULL ? sb_catalog_lookup (catalog, model) : NULL;
  double prompt, completion, read, write;

  if (entry == NULL)
    return -1;
  prompt = sb_model_get_prompt_price (entry);
  completion = sb_model_get_completion_price (entry);
  if (prompt < 0 || completion < 0)
    return -1;
  read = sb_model_get_cache_read_price (entry);
  write = sb_model_get_cache_write_price (entry);
  if (read < 0)
    read = prompt;
  if (write < 0)
    write = prompt;

  /* Prices are per million tokens. */
  return (input_tokens * prompt + output_tokens * completion +
          cache_read_tokens * read + cache_write_tokens * write) / 1e6;
}

typedef struct
{
  guint64 input;
  guint64 output;
  guint64 cache_read;
  guint64 cache_write;
} Tokens;

static void
tokens_add (Tokens      *tokens,
            const Reply *reply)
{
  tokens->input += reply->input;
  tokens->output += reply->output;
  tokens->cache_read += reply->cache_read;
  tokens->cache_write += reply->cache_write;
}

static void
cost_row_free (gpointer data)
{
  SbCostRow *row = data;

  g_free (row->name);
  g_free (row);
}

static void
cost_day_free (gpointer data)
{
  SbCostDay *day = data;

  g_free (day->model_costs);
  g_free (day);
}

void
sb_cost_report_free (SbCostReport *report)
{
  if (report == NULL)
    return;
  g_free (report->folder);
  g_clear_pointer (&report->models, g_ptr_array_unref);
  g_clear_pointer (&report->folders, g_ptr_array_unref);
  g_clear_pointer (&report->days, g_ptr_array_unref);
  g_free (report);
}

static gboolean
folder_matches (const char *cwd,
                const char *folder,
                gsize       folder_length)
{
  if (folder == NULL)
    return TRUE;
  if (strncmp (cwd, folder, folder_length) != 0)
    return FALSE;
  /* The folder itself, or a folder inside it ("/" itself holds everything). */
  return cwd[folder_length] == '\0' || cwd[folder_length] == '/' ||
         (folder_length > 0 && folder[folder_length - 1] == '/');
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const SbCostRow *x = *(SbCostRow * const *) a;
  const SbCostRow *y = *(SbCostRow * const *) b;

  if ((x->cost < 0) != (y->cost < 0))
    return x->cost < 0 ? 1 : -1;
  if (x->cost != y->cost)
    return x->cost > y->cost ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static SbCostRow *
row_new (const char   *name,
         const Tokens *tokens,
         double        cost)
{
  SbCostRow *row = g_new0 (SbCostRow, 1);

  row->name = g_strdup (name);
  row->input_tokens = tokens->input;
  row->output_tokens = tokens->output;
  row->cache_read_tokens = tokens->cache_read;
  row->cache_write_tokens = tokens->cache_write;
  row->cost = cost;
  return row;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * sb_transcripts_report:
 * @folder: (nullable): only replies whose cwd is this folder or inside it
 * @since: first local day counted
 * @until: last local day counted
 * @catalog: (nullable): the price list
 *
 * Each reply is counted once (by message id) over every file, in path order.
 *
 * Returns: (transfer full): the totals
 */
SbCostReport *
sb_transcripts_report (SbTranscripts *self,
                       const char    *folder,
                       const GDate   *since,
                       const GDate   *until,
                       SbCatalog     *catalog)
{
  g_autoptr(SbCostReport) report = g_new0 (SbCostReport, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree Tokens *per_model = NULL;
  g_autofree int *model_row = NULL;
  g_autofree gboolean *model_used = NULL;
  guint n_strings = self->strings->len;
  guint32 first_day, last_day, n_days;
  gsize folder_length = folder != NULL ? strlen (folder) : 0;
  gint64 cached_time = G_MININT64;
  guint32 cached_day = 0;
  gboolean any_unknown = FALSE;
  guint n_models = 0;
  GHashTable *folder_models;

  g_return_val_if_fail (SB_IS_TRANSCRIPTS (self), NULL);
  g_return_val_if_fail (since != NULL && g_date_valid (since), NULL);
  g_return_val_if_fail (until != NULL && g_date_valid (until), NULL);

  report->folder = g_strdup (folder);
  report->since = *since;
  report->until = *until;
  report->models = g_ptr_array_new_with_free_func (cost_row_free);
  report->folders = g_ptr_array_new_with_free_func (cost_row_free);
  report->days = g_ptr_array_new_with_free_func (cost_day_free);

  first_day = g_date_get_julian (since);
  last_day = g_date_get_julian (until);
  n_days = last_day >= first_day ? last_day - first_day + 1 : 0;
  /* A range longer than a century is a mistake, not a question about spending. */
  if (n_days > 36600)
    n_days = 36600;

  per_model = g_new0 (Tokens, MAX (n_strings, 1));
  model_used = g_new0 (gboolean, MAX (n_strings, 1));
  folder_models = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  {
    GHashTableIter path_iter;
    gpointer path;

    paths = g_ptr_array_sized_new (g_hash_table_size (self->files));
    g_hash_table_iter_init (&path_iter, self->files);
    while (g_hash_table_iter_next (&path_iter, &path, NULL))
      g_ptr_array_add (paths, path);
    g_ptr_array_sort (paths, compare_paths);
  }

  /* Tokens per (day, model): collected sparsely, priced at the end. */
  {
    g_autoptr(GHashTable) per_day = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, g_free);
    GHashTableIter iter;
    gpointer key, value;

    for (guint p = 0; p < paths->len; p++)
      {
        TFile *file = g_hash_table_lookup (self->files, paths->pdata[p]);

        for (guint i = 0; i < file->n_replies; i++)
          {
            Reply *reply = &file->replies[i];
            guint32 day;
            gint64 day_key;
            gint64 folder_key;
            Tokens *tokens;

            if (reply->id_hash != 0)
              {
                if (g_hash_table_contains (seen, &reply->id_hash))
                  continue;
                g_hash_table_add (seen, &reply->id_hash);
              }
            /* The index is checked as it is used, so that loading it touches nothing. */
            if (reply->folder >= n_strings || reply->model >= n_strings)
              continue;
            if (!folder_matches (self->strings->pdata[reply->folder], folder, folder_length))
              continue;

            /* Local dates: the day a person saw the reply. One zone for the whole report:
             * asking for the local zone per reply stats /etc/localtime each time. */
            if (reply->time != cached_time)
              {
                gint64 offset = g_time_zone_get_offset (
                  zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, reply->time));
                gint64 local_day = (reply->time + offset) / 86400 -
                                   ((reply->time + offset) % 86400 < 0 ? 1 : 0);

                /* GDate's Julian day 719163 is 1970-01-01. */
                if (local_day < -719162 || local_day > G_MAXUINT32 - 719163)
                  continue;
                cached_day = (guint32) (local_day + 719163);
                cached_time = reply->time;
              }
            day = cached_day;
            if (day < first_day || day - first_day >= n_days)
              continue;

            report->n_replies++;
            model_used[reply->model] = TRUE;
            tokens_add (&per_model[reply->model], reply);

            folder_key = ((gint64) reply->folder << 32) | reply->model;
            tokens = g_hash_table_lookup (folder_models, &folder_key);
            if (tokens == NULL)
              {
                tokens = g_new0 (Tokens, 1);
                g_hash_table_insert (folder_models, g_memdup2 (&folder_key, sizeof folder_key),
                                     tokens);
              }
            tokens_add (tokens, reply);

            day_key = ((gint64) (day - first_day) << 32) | reply->model;
            tokens = g_hash_table_lookup (per_day, &day_key);
            if (tokens == NULL)
              {
                tokens = g_new0 (Tokens, 1);
                g_hash_table_insert (per_day, g_memdup2 (&day_key, sizeof day_key), tokens);
              }
            tokens_add (tokens, reply);
          }
      }

    /* Model rows; a model whose replies had no tokens still shows. */
    model_row = g_new (int, MAX (n_strings, 1));
    for (guint m = 0; m < n_strings; m++)
      {
        Tokens *t = &per_model[m];
        double cost;

        model_row[m] = -1;
        if (!model_used[m])
          continue;
        cost = sb_transcripts_price (catalog, self->strings->pdata[m], t->input, t->output,
                                     t->cache_read, t->cache_write);
        g_ptr_array_add (report->models, row_new (self->strings->pdata[m], t, cost));
      }
    g_ptr_array_sort (report->models, compare_rows);
    n_models = report->models->len;
    for (guint r = 0; r < n_models; r++)
      {
        SbCostRow *row = report->models->pdata[r];
        guint32 m = GPOINTER_TO_UINT (g_hash_table_lookup (self->string_ids, row->name)) - 1;

        model_row[m] = r;
        if (row->cost < 0)
          any_unknown = TRUE;
        else
          report->known_cost += row->cost;
      }
    report->total_cost = any_unknown ? -1 : report->known_cost;

    /* Day rows, every day of the range. */
    for (guint d = 0; d < n_days; d++)
      {
        SbCostDay *day = g_new0 (SbCostDay, 1);

        g_date_clear (&day->date, 1);
        g_date_set_julian (&day->date, first_day + d);
        day->model_costs = g_new0 (double, MAX (n_models, 1));
        g_ptr_array_add (report->days, day);
      }
    g_hash_table_iter_init (&iter, per_day);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        gint64 k = *(gint64 *) key;
        guint32 m = k & 0xffffffff;
        SbCostDay *day = report->days->pdata[k >> 32];
        Tokens *t = value;

        day->model_costs[model_row[m]] =
          sb_transcripts_price (catalog, self->strings->pdata[m], t->input, t->output,
                                t->cache_read, t->cache_write);
      }
    for (guint d = 0; d < n_days; d++)
      {
        SbCostDay *day = report->days->pdata[d];

        for (guint r = 0; r < n_models && day->cost >= 0; r++)
          day->cost = day->model_costs[r] < 0 ? -1 : day->cost + day->model_costs[r];
      }

    /* Folder rows: each folder's models priced separately, then summed. */
    {
      g_autoptr(GHashTable) folder_rows = g_hash_table_new (g_direct_hash, g_direct_equal);

      g_hash_table_iter_init (&iter, folder_models);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gint64 k = *(gint64 *) key;
          guint32 f = k >> 32;
          guint32 m = k & 0xffffffff;
          Tokens *t = value;
          double cost = sb_transcripts_price (catalog, self->strings->pdata[m], t->input,
                                              t->output, t->cache_read, t->cache_write);
          SbCostRow *row = g_hash_table_lookup (folder_rows, GUINT_TO_POINTER (f + 1));

          if (row == NULL)
            {
              Tokens zero = { 0, };

              row = row_new (self->strings->pdata[f], &zero, 0);
              g_hash_table_insert (folder_rows, GUINT_TO_POINTER (f + 1), row);
              g_ptr_array_add (report->folders, row);
            }
          row->input_tokens += t->input;
          row->output_tokens += t->output;
          row->cache_read_tokens += t->cache_read;
          row->cache_write_tokens += t->cache_write;
          row->cost = row->cost < 0 || cost < 0 ? -1 : row->cost + cost;
        }
      g_ptr_array_sort (report->folders, compare_rows);
    }
  }

  g_hash_table_unref (folder_models);
  return g_steal_pointer (&report);
}

/**
 * sb_costs_format_cost:
 * @cost: US dollars; negative when unknown
 *
 * Returns: (transfer full): the cost as the window shows it: "$1.23", "<$0.01", "unknown"
 */
char *
sb_costs_format_cost (double cost)
{
  if (cost < 0)
    /* Translators: a cost that cannot be known, as of a model not in OpenRouter's list */
    return g_strdup (_("unknown"));
  if (cost > 0 && cost < 0.005)
    return g_strdup ("<$0.01");

  return g_strdup_printf ("$%.2f", cost);
}

/**
 * sb_costs_format_total:
 * @total: US dollars; negative when a part of it has no price
 * @known: the part that has a price
 *
 * A total with a model OpenRouter does not list is not known; what is known of it is
 * still worth saying.
 *
 * Returns: (transfer full): "$4.26", "at least $4.26" or "unknown"
 */
char *
sb_costs_format_total (double total,
                       double known)
{
  g_autofree char *amount = NULL;

  if (total >= 0 || known <= 0)
    return sb_costs_format_cost (total);

  amount = sb_costs_format_cost (known);
  /* Translators: %s is a cost; the rest is for models without a price */
  return g_strdup_printf (_("at least %s"), amount);
}
