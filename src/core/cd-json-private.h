/* cd-json-private.h: for the core only. What json-glib 1.6 would mishandle in a text
 * from the network, found before json-glib sees it. */
#pragma once

#include <string.h>
#include <glib.h>

G_BEGIN_DECLS

/* Deeper than any honest answer, shallow enough that json-glib's recursive parser
 * cannot be driven off the stack by a hostile one. */
#define CD_JSON_MAX_DEPTH 32

typedef enum {
  CD_JSON_OK,
  CD_JSON_TOO_DEEP,
  /* An escaped NUL in a string: json-glib's C strings would quietly end there (a token
   * cut short is another token). */
  CD_JSON_NUL,
  /* A second value after the first: json-glib reads it, keeps the first and leaks the
   * second. */
  CD_JSON_SECOND_VALUE,
  /* Not JSON, in ways json-glib would not all refuse, or would refuse leaking memory:
   * escapes JSON does not have, half a surrogate pair, comments, identifiers, a closing
   * bracket that closes nothing. */
  CD_JSON_INVALID,
} CdJsonProblem;

/* Outside strings, JSON has only these: structure, numbers, true, false and null. */
#define CD_JSON_BARE_CHARACTERS " \t\n\r{}[]:,-+.0123456789eEtruefalsn"

/* The UTF-16 code unit of the \uXXXX escape that starts @p, or -1. */
static inline int
cd_json_unicode_escape (const char *p,
                        gsize       available)
{
  int unit = 0;

  if (available < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int k = 2; k < 6; k++)
    {
      int digit = g_ascii_xdigit_value (p[k]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }
  return unit;
}

static inline CdJsonProblem
cd_json_find_problem (const char *data,
                      gsize       size)
{
  gboolean in_string = FALSE;
  gboolean seen_value = FALSE;
  int depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          int unit;

          if (c == '"')
            in_string = FALSE;
          if (c != '\\')
            continue;
          if (size - i >= 2 && memchr ("\"\\/bfnrt", data[i + 1], 8) != NULL)
            {
              i++;
              continue;
            }
          unit = cd_json_unicode_escape (data + i, size - i);
          if (unit == 0)
            return CD_JSON_NUL;
          if (unit < 0 || (unit >= 0xdc00 && unit <= 0xdfff))
            return CD_JSON_INVALID;
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              int low = cd_json_unicode_escape (data + i + 6, size - i - 6);

              if (low < 0xdc00 || low > 0xdfff)
                return CD_JSON_INVALID;
              i += 6;
            }
          i += 5;
          continue;
        }

      if (c == '{' || c == '[')
        {
          if (depth == 0 && seen_value)
            return CD_JSON_SECOND_VALUE;
          if (++depth > CD_JSON_MAX_DEPTH)
            return CD_JSON_TOO_DEEP;
        }
      else if (c == '}' || c == ']')
        {
          if (--depth < 0)
            return CD_JSON_INVALID;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '\0' || strchr (CD_JSON_BARE_CHARACTERS, c) == NULL)
        return CD_JSON_INVALID;
      if (!g_ascii_isspace (c))
        seen_value = TRUE;
    }
  return CD_JSON_OK;
}

G_END_DECLS
