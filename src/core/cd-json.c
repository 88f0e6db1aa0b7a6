/* cd-json.c: the checks made on JSON from the network before json-glib reads it. */
#include "config.h"

#include <string.h>

#include "cd-json-private.h"

/* Outside strings, JSON has only these: structure, numbers, true, false and null. */
#define BARE_CHARACTERS " \t\n\r{}[]:,-+.0123456789eEtruefalsn"

/* The UTF-16 code unit of the \uXXXX escape that starts @p, or -1. */
static int
unicode_escape (const char *p,
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

CdJsonProblem
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
          unit = unicode_escape (data + i, size - i);
          if (unit == 0)
            return CD_JSON_NUL;
          if (unit < 0 || (unit >= 0xdc00 && unit <= 0xdfff))
            return CD_JSON_INVALID;
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              int low = unicode_escape (data + i + 6, size - i - 6);

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
      else if (c == '\0' || strchr (BARE_CHARACTERS, c) == NULL)
        return CD_JSON_INVALID;
      if (!g_ascii_isspace (c))
        seen_value = TRUE;
    }
  return CD_JSON_OK;
}
