/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-json-writer.c: JSON text from a JsonNode, in two passes: the first measures, the
 * second writes into a buffer of exactly that size. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cd-json-writer.h"

/* Appends @length bytes at out->pos when there is a buffer; always counts them. */
typedef struct {
  char  *buffer;   /* NULL while measuring */
  gsize  pos;
} Out;

static void
cd_json_writer_put (Out        *out,
                    const char *text,
                    gsize       length)
{
  if (out->buffer != NULL)
    memcpy (out->buffer + out->pos, text, length);
  out->pos += length;
}

static void
cd_json_writer_put_str (Out        *out,
                        const char *text)
{
  cd_json_writer_put (out, text, strlen (text));
}

static void
cd_json_writer_put_string (Out        *out,
                           const char *text)
{
  const char *p = text;
  const char *end = text + strlen (text);

  cd_json_writer_put (out, "\"", 1);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      char escape[8];

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          cd_json_writer_put_str (out, "\\ufffd");
          p++;
          continue;
        }
      switch (c)
        {
        case '"': cd_json_writer_put_str (out, "\\\""); break;
        case '\\': cd_json_writer_put_str (out, "\\\\"); break;
        case '\b': cd_json_writer_put_str (out, "\\b"); break;
        case '\f': cd_json_writer_put_str (out, "\\f"); break;
        case '\n': cd_json_writer_put_str (out, "\\n"); break;
        case '\r': cd_json_writer_put_str (out, "\\r"); break;
        case '\t': cd_json_writer_put_str (out, "\\t"); break;
        default:
          /* Every other character below U+0020 (U+001F included), and the two
           * JavaScript line terminators, for programs that paste JSON into scripts. */
          if (c < 0x20 || c == 0x2028 || c == 0x2029)
            {
              g_snprintf (escape, sizeof escape, "\\u%04x", c);
              cd_json_writer_put_str (out, escape);
            }
          else
            cd_json_writer_put (out, p, g_utf8_next_char (p) - p);
          break;
        }
      p = g_utf8_next_char (p);
    }
  cd_json_writer_put (out, "\"", 1);
}

static void
cd_json_writer_put_value (Out      *out,
                          JsonNode *node)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      if (json_node_get_string (node) != NULL)
        cd_json_writer_put_string (out, json_node_get_string (node));
      else
        cd_json_writer_put_str (out, "null");
      break;
    case G_TYPE_INT64:
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, json_node_get_int (node));
      cd_json_writer_put_str (out, number);
      break;
    case G_TYPE_DOUBLE:
      if (isfinite (json_node_get_double (node)))
        cd_json_writer_put_str (out, g_ascii_formatd (number, sizeof number, "%.17g",
                                                      json_node_get_double (node)));
      else
        cd_json_writer_put_str (out, "null");
      break;
    case G_TYPE_BOOLEAN:
      cd_json_writer_put_str (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    default:
      cd_json_writer_put_str (out, "null");
      break;
    }
}

static void
cd_json_writer_put_node (Out      *out,
                         JsonNode *node)
{
  if (node == NULL)
    {
      cd_json_writer_put_str (out, "null");
      return;
    }

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        cd_json_writer_put (out, "{", 1);
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              cd_json_writer_put (out, ",", 1);
            cd_json_writer_put_string (out, l->data);
            cd_json_writer_put (out, ":", 1);
            cd_json_writer_put_node (out, json_object_get_member (object, l->data));
          }
        cd_json_writer_put (out, "}", 1);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        cd_json_writer_put (out, "[", 1);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              cd_json_writer_put (out, ",", 1);
            cd_json_writer_put_node (out, json_array_get_element (array, i));
          }
        cd_json_writer_put (out, "]", 1);
      }
      break;
    case JSON_NODE_VALUE:
      cd_json_writer_put_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      cd_json_writer_put_str (out, "null");
      break;
    }
}

char *
cd_json_writer_to_string (JsonNode *node,
                          gsize    *length)
{
  Out out = { NULL, 0 };

  cd_json_writer_put_node (&out, node);
  out.buffer = g_malloc (out.pos + 1);
  out.pos = 0;
  cd_json_writer_put_node (&out, node);
  out.buffer[out.pos] = '\0';
  if (length != NULL)
    *length = out.pos;
  return out.buffer;
}
