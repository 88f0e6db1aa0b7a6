/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-json-strict.h: a strict RFC 8259 checker for the JSON this program writes.
 * json-glib accepts what strict parsers refuse (raw control characters in strings, for
 * one); Python's json and browsers do not. One value, optional whitespace around it,
 * UTF-8 throughout, every character below U+0020 escaped, valid escapes and surrogate
 * pairs, numbers in JSON's grammar. */
#pragma once

#include <string.h>
#include <glib.h>

typedef struct {
  const char *p;
  const char *end;
  int         depth;
  const char *problem;
} JsonStrict;

#define JSON_STRICT_MAX_DEPTH 256

static gboolean json_strict_value (JsonStrict *s);

static inline gboolean
json_strict_fail (JsonStrict *s,
                  const char *problem)
{
  if (s->problem == NULL)
    s->problem = problem;
  return FALSE;
}

static inline void
json_strict_space (JsonStrict *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static inline gboolean
json_strict_literal (JsonStrict *s,
                     const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return json_strict_fail (s, "not a JSON literal");
  s->p += n;
  return TRUE;
}

static inline int
json_strict_hex4 (JsonStrict *s)
{
  int unit = 0;

  if (s->end - s->p < 4)
    return -1;
  for (int k = 0; k < 4; k++)
    {
      int digit = g_ascii_xdigit_value (s->p[k]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }
  s->p += 4;
  return unit;
}

static inline gboolean
json_strict_string (JsonStrict *s)
{
  s->p++;  /* the opening quote */
  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return json_strict_fail (s, "a raw control character in a string");
      if (c == '\\')
        {
          s->p++;
          if (s->p >= s->end)
            return json_strict_fail (s, "an escape cut short");
          if (strchr ("\"\\/bfnrt", *s->p) != NULL && *s->p != '\0')
            {
              s->p++;
              continue;
            }
          if (*s->p != 'u')
            return json_strict_fail (s, "an escape JSON does not have");
          s->p++;
          {
            int unit = json_strict_hex4 (s);

            if (unit < 0)
              return json_strict_fail (s, "a bad \\u escape");
            if (unit >= 0xdc00 && unit <= 0xdfff)
              return json_strict_fail (s, "a lone low surrogate");
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low;

                if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                  return json_strict_fail (s, "a lone high surrogate");
                s->p += 2;
                low = json_strict_hex4 (s);
                if (low < 0xdc00 || low > 0xdfff)
                  return json_strict_fail (s, "a lone high surrogate");
              }
          }
          continue;
        }
      if (c < 0x80)
        {
          s->p++;
          continue;
        }
      {
        gunichar u = g_utf8_get_char_validated (s->p, s->end - s->p);

        if (u == (gunichar) -1 || u == (gunichar) -2)
          return json_strict_fail (s, "bytes that are not UTF-8");
        s->p = g_utf8_next_char (s->p);
      }
    }
  return json_strict_fail (s, "an unterminated string");
}

static inline gboolean
json_strict_digits (JsonStrict *s)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

static inline gboolean
json_strict_number (JsonStrict *s)
{
  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!json_strict_digits (s))
    return json_strict_fail (s, "a number without digits");
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!json_strict_digits (s))
        return json_strict_fail (s, "a fraction without digits");
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!json_strict_digits (s))
        return json_strict_fail (s, "an exponent without digits");
    }
  return TRUE;
}

static inline gboolean
json_strict_container (JsonStrict *s,
                       char        close)
{
  gboolean first = TRUE;

  if (++s->depth > JSON_STRICT_MAX_DEPTH)
    return json_strict_fail (s, "nested too deeply");
  s->p++;
  json_strict_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }
  while (TRUE)
    {
      if (!first)
        {
          json_strict_space (s);
          if (s->p < s->end && *s->p == close)
            {
              s->p++;
              s->depth--;
              return TRUE;
            }
          if (s->p >= s->end || *s->p != ',')
            return json_strict_fail (s, "a missing comma");
          s->p++;
        }
      first = FALSE;
      json_strict_space (s);
      if (close == '}')
        {
          if (s->p >= s->end || *s->p != '"')
            return json_strict_fail (s, "a member name that is not a string");
          if (!json_strict_string (s))
            return FALSE;
          json_strict_space (s);
          if (s->p >= s->end || *s->p != ':')
            return json_strict_fail (s, "a missing colon");
          s->p++;
        }
      if (!json_strict_value (s))
        return FALSE;
    }
}

static gboolean
json_strict_value (JsonStrict *s)
{
  json_strict_space (s);
  if (s->p >= s->end)
    return json_strict_fail (s, "a missing value");
  switch (*s->p)
    {
    case '{':
      return json_strict_container (s, '}');
    case '[':
      return json_strict_container (s, ']');
    case '"':
      return json_strict_string (s);
    case 't':
      return json_strict_literal (s, "true");
    case 'f':
      return json_strict_literal (s, "false");
    case 'n':
      return json_strict_literal (s, "null");
    default:
      if (*s->p == '-' || g_ascii_isdigit (*s->p))
        return json_strict_number (s);
      return json_strict_fail (s, "not a JSON value");
    }
}

/* NULL when @text (@length bytes; -1: NUL-terminated) is one strict JSON text, else
 * what is wrong with it. */
static inline const char *
json_strict_problem (const char *text,
                     gssize      length)
{
  JsonStrict s = { text, text + (length < 0 ? strlen (text) : (gsize) length), 0, NULL };

  if (!json_strict_value (&s))
    return s.problem;
  json_strict_space (&s);
  if (s.p != s.end)
    return "something after the value";
  return NULL;
}

/* Fails the test unless @text (one line of output, a trailing newline allowed) is
 * strict JSON. */
#define assert_strict_json(text) \
  G_STMT_START { \
    const char *json_text_ = (text); \
    gsize json_length_ = strlen (json_text_); \
    const char *json_problem_; \
    if (json_length_ > 0 && json_text_[json_length_ - 1] == '\n') \
      json_length_--; \
    json_problem_ = json_strict_problem (json_text_, json_length_); \
    if (json_problem_ != NULL) \
      g_error ("not strict JSON (%s): %s", json_problem_, json_text_); \
  } G_STMT_END
