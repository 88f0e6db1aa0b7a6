/* test-common.h: small helpers shared by the tests. */
#pragma once

#include <string.h>
#include <gio/gio.h>

static inline gboolean
test_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the thread-default main context until *@done is set, failing the test after
 * @seconds: a test must never hang. */
static inline void
test_wait_for (gboolean *done,
               guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  guint wake = g_timeout_add (50, test_wake, NULL);

  while (!*done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out after %u s waiting for an async result", seconds);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

/* Stores an async result in the GAsyncResult ** given as user data. */
static inline void
test_store_result (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static inline GAsyncResult *
test_wait_for_result (GAsyncResult **slot,
                      guint          seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  guint wake = g_timeout_add (50, test_wake, NULL);

  while (*slot == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out after %u s waiting for an async result", seconds);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  return *slot;
}

/* A JWT ("Bearer h.p.s") whose exp is @exp (UNIX seconds). */
static inline char *
test_make_jwt (gint64 exp)
{
  g_autofree char *payload = g_strdup_printf ("{\"sub\":\"test\",\"exp\":%" G_GINT64_FORMAT "}", exp);
  g_autofree char *p = g_base64_encode ((const guchar *) payload, strlen (payload));
  g_autofree char *h = g_base64_encode ((const guchar *) "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", 27);

  g_strdelimit (p, "+", '-');
  g_strdelimit (p, "/", '_');
  g_strdelimit (p, "=", '\0');
  g_strdelimit (h, "=", '\0');
  return g_strdup_printf ("Bearer %s.%s.c2lnbmF0dXJl", h, p);
}
