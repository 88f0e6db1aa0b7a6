/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-csv-parse.c: a strict RFC 4180 reader, for reading back what the app wrote. */
#include <string.h>

#include "test-csv-parse.h"

GPtrArray *
test_csv_parse (const char  *text,
                char       **problem)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  *problem = NULL;
  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; ; p++)
            {
              if (*p == '\0')
                {
                  *problem = g_strdup ("unclosed quote");
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
          if (*p != ',' && *p != '\r')
            {
              *problem = g_strdup_printf ("text after a closing quote at offset %d", (int) (p - text));
              return NULL;
            }
        }
      else
        {
          for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
            {
              if (*p == '"' || *p == '\n')
                {
                  *problem = g_strdup_printf ("a quote or line feed in an unquoted field at offset %d",
                                              (int) (p - text));
                  return NULL;
                }
              g_string_append_c (field, *p);
            }
        }

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        {
          p++;
          continue;
        }
      if (*p != '\r' || p[1] != '\n')
        {
          *problem = g_strdup ("a row not ended by CRLF");
          return NULL;
        }
      p += 2;
      g_ptr_array_add (fields, NULL);
      /* The array is left empty, for the next row. */
      g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
    }

  return g_steal_pointer (&rows);
}
