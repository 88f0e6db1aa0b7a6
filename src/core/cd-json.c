/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-json.c: the checks made on JSON from the network before json-glib reads it, and
 * the one way the core reads it. */
#include "config.h"

#include <string.h>

#include "cd-json-private.h"

/* Outside strings, JSON has only these: structure, numbers, true, false and null. */
#define BARE_CHARACTERS " \t\n\r{}[]:,-+.0123456789eEtruefalsn"

/* The UTF-16 code unit of the \uXXXX escape that starts @p, or -1. */
static int
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

/* The length of the number that starts at @p, and whether it is an integer that a
 * gint64 cannot hold: json-glib 1.6 would quietly wrap it (99999999999999999999 reads as
 * -1), so a register number or a code would silently become another. */
static gsize
cd_json_scan_number (const char *p,
                     gsize       available,
                     gboolean   *too_large)
{
  static const char max_digits[] = "9223372036854775807";
  gboolean integer = TRUE;
  gboolean negative = p[0] == '-';
  gsize length = 0;
  gsize digits_start;
  gsize digits;

  while (length < available && p[length] != '\0' && strchr ("-+.0123456789eE", p[length]) != NULL)
    {
      if (strchr (".eE", p[length]) != NULL)
        integer = FALSE;
      length++;
    }

  *too_large = FALSE;
  if (!integer)
    return length;
  digits_start = negative ? 1 : 0;
  while (digits_start < length - 1 && p[digits_start] == '0')
    digits_start++;
  digits = length - digits_start;
  if (digits > sizeof max_digits - 1)
    *too_large = TRUE;
  else if (digits == sizeof max_digits - 1)
    {
      int order = strncmp (p + digits_start, max_digits, digits);

      /* -9223372036854775808 is the one that fits on the negative side only. */
      *too_large = order > 0 && !(negative && strncmp (p + digits_start, "9223372036854775808", digits) == 0);
    }
  return length;
}

/* cd_json_find_problem(), which also counts the object members in @data: one colon
 * outside strings each, in a text json-glib accepts. */
static CdJsonProblem
cd_json_scan (const char *data,
              gsize       size,
              gsize      *members)
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
      else if (c == ':')
        (*members)++;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gboolean too_large;

          i += cd_json_scan_number (data + i, size - i, &too_large) - 1;
          if (too_large)
            return CD_JSON_NUMBER_TOO_LARGE;
        }
      else if (c == '\0' || strchr (BARE_CHARACTERS, c) == NULL)
        return CD_JSON_INVALID;
      if (!g_ascii_isspace (c))
        seen_value = TRUE;
    }
  return CD_JSON_OK;
}

CdJsonProblem
cd_json_find_problem (const char *data,
                      gsize       size)
{
  gsize members = 0;

  return cd_json_scan (data, size, &members);
}

/* The members of every object in @node, nested ones too (no deeper than
 * CD_JSON_MAX_DEPTH). */
static gsize
cd_json_count_members (JsonNode *node)
{
  gsize members = 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        members += 1 + cd_json_count_members (member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        members += cd_json_count_members (json_array_get_element (array, i));
    }
  return members;
}

CdJsonProblem
cd_json_load_object (JsonParser *parser,
                     const char *data,
                     gsize       size)
{
  gsize members = 0;
  CdJsonProblem problem = cd_json_scan (data, size, &members);
  JsonNode *root;

  if (problem != CD_JSON_OK)
    return problem;
  if (!json_parser_load_from_data (parser, data, size, NULL))
    return CD_JSON_INVALID;
  root = json_parser_get_root (parser);
  /* json-glib keeps the last of a key given twice in one object: then the objects hold
   * fewer members than the text gives. Counted, rather than told of each member by its
   * "object-member" signal, which cost two thirds as much as parsing a small object. */
  if (root != NULL && cd_json_count_members (root) != members)
    return CD_JSON_DUPLICATE_KEY;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return CD_JSON_NOT_OBJECT;
  return CD_JSON_OK;
}
