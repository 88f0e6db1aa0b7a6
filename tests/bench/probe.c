/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* probe.c: the measuring half of tests/bench/run, injected with LD_PRELOAD (by launch.c)
 * into cashdesk-login and into the minimal window alike, so that both are measured by the
 * same code and neither program carries any benchmark code of its own.
 *
 * It takes over g_application_run(), which both programs call from main(), to hook GDK
 * before the first window exists. The first frame is the end of the first frame-clock
 * cycle in which a surface rendered ("after-paint" after a "render"), once the X server
 * has processed the drawing (a round trip). Time counts from BENCH_T0_NS, the
 * CLOCK_MONOTONIC instant launch.c read just before exec. The ready frame is the first one
 * that shows a page other than cashdesk-login's "loading" one, its transition over (for
 * any other program's window, the first frame). It takes nothing of the programs but
 * g_application_run(), GTK's signals and, in cashdesk-login's CdWindow only, widget ids,
 * so GNOME's own applications are measured by the same code.
 *
 * Environment:
 *   BENCH_T0_NS      set by launch.c
 *   BENCH_OUT        the file the results go to, one "key value" a line (among them
 *                    "window TYPE" and "window_size WxH" of the window that drew the
 *                    first frame, and "renderer" its GskRenderer); on failure a
 *                    single "error MESSAGE" line, and the exit status is 1
 *   BENCH_MODE       start:   first and ready frames; memory BENCH_SETTLE_MS later; exit
 *                    idle:    as start, then counts main-loop stalls for BENCH_IDLE_MS
 *                    sign-in: as start, then signs in through cashdesk-login's own sign-in
 *                             page (BENCH_EMAIL, BENCH_PASSWORD) and counts main-loop
 *                             stalls while it waits for the answer ("wait": until the
 *                             program's first Secret Service call, seen on its own bus
 *                             connection), while it stores the sign-in and shows the
 *                             account ("store": until the account page offers Sign Out),
 *                             and for BENCH_SETTLE_MS after; then memory.
 *                             It finds cashdesk-login's widgets by their ids in its
 *                             templates: "stack" (pages "loading", "sign-in",
 *                             "account"), "email_row", "password_row", "action_stack"
 *                             (page "busy"), and on the account page, made when first
 *                             shown, "sign_out_button" and "not_saved_revealer"; and
 *                             fails, saying which, when one is gone
 *   BENCH_SETTLE_MS  how long to let a program settle before reading memory (1000)
 *   BENCH_TRACE      optional: a file to append every frame and every stall of 5 ms or
 *                    more to, and a copy of /proc/self/smaps at each memory reading
 *                    (BENCH_TRACE.first_frame.smaps, ...), for finding out why
 *
 * A stall is the longest gap between two runs of a 1 ms timer at G_PRIORITY_HIGH: it runs
 * ahead of every other source, so a gap is the time the main loop spent on anything else
 * (an idle loop shows about 1 ms). On a busy machine a gap also holds the time the main
 * thread was ready to run but waited for a CPU (run_delay in /proc/thread-self/schedstat):
 * "own" stalls leave that out, and are what the program itself holds the loop for. Frame
 * is the longest frame-clock cycle, before-paint to after-paint, over the same span: it
 * tells GTK's drawing apart from the program's own code. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum {
  MODE_START,
  MODE_IDLE,
  MODE_SIGN_IN,
} Mode;

/* The spans of a sign-in, in order; each one gets its own stall and frame figures. */
typedef enum {
  SPAN_NONE,
  SPAN_IDLE,
  SPAN_WAIT,
  SPAN_STORE,
  SPAN_AFTER,
} Span;

static const char * const span_names[] = { NULL, "idle", "wait", "store", "after" };

static struct {
  Mode        mode;
  gint64      t0_us;
  const char *out_path;
  GString    *report;
  guint       settle_ms;

  gboolean    rendered;
  gboolean    first_frame_done;
  gboolean    ready_done;
  gint64      paint_start_us;

  Span        span;
  gint64      span_start_us;
  gint64      last_tick_us;
  gint64      max_gap_us;
  gint64      max_frame_us;
  gint64      max_own_us;
  int         schedstat_fd;
  gint64      last_run_delay_us;
  FILE       *trace;

  GtkWidget  *window;
  GtkWidget  *stack;
  GtkWidget  *sign_out_button;
  GtkWidget  *not_saved_revealer;
} probe;

static void G_GNUC_NORETURN
probe_finish (int status)
{
  FILE *out = fopen (probe.out_path, "w");

  if (out == NULL || fputs (probe.report->str, out) < 0 || fclose (out) != 0)
    {
      perror ("bench probe: cannot write BENCH_OUT");
      _exit (1);
    }
  /* Straight out: teardown is not under test, and the next run waits for none of it. */
  _exit (status);
}

static void G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
probe_fail (const char *format,
            ...)
{
  va_list args;

  g_string_assign (probe.report, "error ");
  va_start (args, format);
  g_string_append_vprintf (probe.report, format, args);
  va_end (args);
  g_string_append_c (probe.report, '\n');
  probe_finish (1);
}

static void
probe_trace_event (const char *what,
                   gint64      start_us,
                   gint64      duration_us)
{
  if (probe.trace != NULL && duration_us >= 5000)
    fprintf (probe.trace, "%s %s at %.1f ms: %.2f ms (monotonic %" G_GINT64_FORMAT " us)\n",
             probe.span != SPAN_NONE ? span_names[probe.span] : "start", what,
             (start_us - (probe.span != SPAN_NONE ? probe.span_start_us : probe.t0_us)) / 1000.0,
             duration_us / 1000.0, start_us);
}

static void
probe_report_memory (const char *prefix)
{
  static const char * const keys[] = { "VmRSS:", "RssAnon:", "RssFile:", "RssShmem:" };
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    probe_fail ("cannot read /proc/self/status");

  if (probe.trace != NULL)
    {
      g_autofree char *smaps = NULL;
      g_autofree char *path = g_strdup_printf ("%s.%s.smaps", g_getenv ("BENCH_TRACE"), prefix);

      if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL)
          || !g_file_set_contents (path, smaps, -1, NULL))
        probe_fail ("cannot copy /proc/self/smaps to %s", path);
    }

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      if (g_str_has_prefix (lines[i], keys[k]))
        {
          g_autofree char *key = g_ascii_strdown (keys[k], strlen (keys[k]) - 1);

          g_string_append_printf (probe.report, "%s_%s_kb %" G_GINT64_FORMAT "\n", prefix, key,
                                  g_ascii_strtoll (lines[i] + strlen (keys[k]), NULL, 10));
        }
}

/* How long the main thread has waited for a CPU so far. */
static gint64
probe_run_delay_us (void)
{
  char buffer[128];
  ssize_t length;
  guint64 run_delay_ns = 0;

  if (probe.schedstat_fd < 0)
    {
      probe.schedstat_fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
      if (probe.schedstat_fd < 0)
        probe_fail ("cannot open /proc/thread-self/schedstat");
    }

  length = pread (probe.schedstat_fd, buffer, sizeof buffer - 1, 0);
  if (length <= 0)
    probe_fail ("cannot read /proc/thread-self/schedstat");
  buffer[length] = '\0';
  if (sscanf (buffer, "%*u %" G_GUINT64_FORMAT, &run_delay_ns) != 1)
    probe_fail ("unexpected /proc/thread-self/schedstat: %s", buffer);

  return (gint64) (run_delay_ns / 1000);
}

static void
probe_end_span (void)
{
  const char *name = span_names[probe.span];
  gint64 now = g_get_monotonic_time ();

  if (probe.span == SPAN_NONE)
    return;

  g_string_append_printf (probe.report, "%s_ms %.1f\n", name, (now - probe.span_start_us) / 1000.0);
  g_string_append_printf (probe.report, "%s_stall_ms %.2f\n", name, probe.max_gap_us / 1000.0);
  g_string_append_printf (probe.report, "%s_own_stall_ms %.2f\n", name, probe.max_own_us / 1000.0);
  g_string_append_printf (probe.report, "%s_frame_ms %.2f\n", name, probe.max_frame_us / 1000.0);
  probe.span = SPAN_NONE;
}

static void
probe_begin_span (Span span)
{
  probe_end_span ();
  probe.span = span;
  probe.span_start_us = g_get_monotonic_time ();
  probe.last_tick_us = probe.span_start_us;
  probe.last_run_delay_us = probe_run_delay_us ();
  probe.max_gap_us = 0;
  probe.max_frame_us = 0;
  probe.max_own_us = 0;
}

static GtkWidget *
probe_find (GtkWidget  *widget,
            const char *id)
{
  const char *widget_id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  if (g_strcmp0 (widget_id, id) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = probe_find (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
probe_require (const char *id)
{
  GtkWidget *widget = probe_find (probe.window, id);

  if (widget == NULL)
    probe_fail ("no widget \"%s\" in the window: has cashdesk-login's template changed?", id);

  return widget;
}

/* Set, from GDBus's worker thread, by the first Secret Service call after the sign-in
 * started: the answer is in, and storing begins. */
static gint probe_keyring_called;

static GDBusMessage *
probe_bus_filter_cb (GDBusConnection *connection,
                     GDBusMessage    *message,
                     gboolean         incoming,
                     gpointer         user_data)
{
  if (!incoming && g_str_has_prefix (g_dbus_message_get_interface (message) ?: "",
                                     "org.freedesktop.Secret."))
    g_atomic_int_set (&probe_keyring_called, 1);
  return message;
}

static gboolean
probe_done_cb (gpointer user_data)
{
  probe_end_span ();
  probe_report_memory (user_data);
  probe_finish (0);
}

/* Checked on every tick, so the spans end within a millisecond of what they wait for. */
static void
probe_follow_sign_in (void)
{
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (probe.stack)),
                              "account") == 0;

  if (probe.span == SPAN_WAIT && g_atomic_int_get (&probe_keyring_called))
    probe_begin_span (SPAN_STORE);
  else if (probe.span == SPAN_WAIT && shown)
    probe_fail ("the account was shown before anything was stored in the keyring");

  if (probe.span != SPAN_STORE || !shown)
    return;
  if (probe.sign_out_button == NULL)
    {
      probe.sign_out_button = probe_require ("sign_out_button");
      probe.not_saved_revealer = probe_require ("not_saved_revealer");
    }
  if (gtk_widget_get_sensitive (probe.sign_out_button))
    {
      if (gtk_revealer_get_reveal_child (GTK_REVEALER (probe.not_saved_revealer)))
        probe_fail ("the sign-in was not stored in the keyring");
      probe_begin_span (SPAN_AFTER);
      g_timeout_add (probe.settle_ms, probe_done_cb, (gpointer) "signed_in");
    }
}

static gboolean
probe_tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 run_delay = probe_run_delay_us ();
  gint64 gap = now - probe.last_tick_us;
  gint64 own = gap - (run_delay - probe.last_run_delay_us);

  probe.max_gap_us = MAX (probe.max_gap_us, gap);
  probe.max_own_us = MAX (probe.max_own_us, own);
  probe_trace_event ("stall", probe.last_tick_us, gap);
  probe_trace_event ("own stall", probe.last_tick_us, own);
  probe.last_tick_us = now;
  probe.last_run_delay_us = run_delay;

  if (probe.mode == MODE_SIGN_IN)
    probe_follow_sign_in ();

  return G_SOURCE_CONTINUE;
}

static void
probe_sign_in (void)
{
  const char *email = g_getenv ("BENCH_EMAIL");
  const char *password = g_getenv ("BENCH_PASSWORD");
  GtkWidget *password_row;
  GtkWidget *action_stack;

  if (email == NULL || password == NULL)
    probe_fail ("BENCH_EMAIL and BENCH_PASSWORD are needed in sign-in mode");

  if (probe.stack == NULL)
    probe_fail ("no widget \"stack\" in the window: has cashdesk-login's template changed?");
  password_row = probe_require ("password_row");
  action_stack = probe_require ("action_stack");

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (probe.stack)), "sign-in") != 0)
    probe_fail ("cashdesk-login did not open on its sign-in page");

  gtk_editable_set_text (GTK_EDITABLE (probe_require ("email_row")), email);
  gtk_editable_set_text (GTK_EDITABLE (password_row), password);

  g_dbus_connection_add_filter (g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL),
                                probe_bus_filter_cb, NULL, NULL);

  /* What Enter in the password field does. */
  probe_begin_span (SPAN_WAIT);
  if (!gtk_widget_activate_action (password_row, "sign-in.submit", NULL)
      || g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (action_stack)), "busy") != 0)
    probe_fail ("the sign-in page did not start signing in");
}

static gboolean
probe_settled_cb (gpointer user_data)
{
  probe_report_memory ("first_frame");
  if (probe.mode == MODE_START)
    probe_finish (0);

  g_timeout_add_full (G_PRIORITY_HIGH, 1, probe_tick_cb, NULL, NULL);
  if (probe.mode == MODE_IDLE)
    {
      guint idle_ms = (guint) g_ascii_strtoull (g_getenv ("BENCH_IDLE_MS") ?: "2000", NULL, 10);

      probe_begin_span (SPAN_IDLE);
      g_timeout_add (idle_ms, probe_done_cb, (gpointer) "idle");
    }
  else
    probe_sign_in ();

  return G_SOURCE_REMOVE;
}

static void
probe_first_frame (void)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GList *windows = gtk_application_get_windows (app);
  gint64 now;

  gdk_display_sync (gdk_display_get_default ());
  now = g_get_monotonic_time ();
  probe.first_frame_done = TRUE;

  if (windows == NULL)
    probe_fail ("a frame was drawn, but the application has no window");
  probe.window = windows->data;
  /* Only cashdesk-login's window has the "loading" page: other programs' templates may
   * have a "stack" of their own. */
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (probe.window), "CdWindow") == 0)
    {
      probe.stack = probe_find (probe.window, "stack");
      if (probe.stack == NULL || !GTK_IS_STACK (probe.stack))
        probe_fail ("no GtkStack \"stack\" in the window: has cashdesk-login's template changed?");
    }

  g_string_append_printf (probe.report, "first_frame_ms %.2f\n", (now - probe.t0_us) / 1000.0);
  /* Which window drew, and how large: what the first frame was. */
  g_string_append_printf (probe.report, "window %s\n", G_OBJECT_TYPE_NAME (probe.window));
  g_string_append_printf (probe.report, "window_size %dx%d\n",
                          gtk_widget_get_width (GTK_WIDGET (probe.window)),
                          gtk_widget_get_height (GTK_WIDGET (probe.window)));
  g_string_append_printf (probe.report, "renderer %s\n",
                          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (probe.window))));
}

/* cashdesk-login may first show a "loading" page while it asks the keyring what is
 * stored: its start is over once another page shows, its transition finished. A window
 * without such a stack is ready at its first frame. */
static gboolean
probe_page_ready (void)
{
  return probe.stack == NULL
         || (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (probe.stack)), "loading") != 0
             && !gtk_stack_get_transition_running (GTK_STACK (probe.stack)));
}

static void
probe_ready_frame (void)
{
  gdk_display_sync (gdk_display_get_default ());
  probe.ready_done = TRUE;
  g_string_append_printf (probe.report, "ready_frame_ms %.2f\n",
                          (g_get_monotonic_time () - probe.t0_us) / 1000.0);
  g_timeout_add (probe.settle_ms, probe_settled_cb, NULL);
}

static gboolean
probe_render_hook (GSignalInvocationHint *hint,
                   guint                  n_params,
                   const GValue          *params,
                   gpointer               user_data)
{
  probe.rendered = TRUE;
  return TRUE;
}

static gboolean
probe_before_paint_hook (GSignalInvocationHint *hint,
                         guint                  n_params,
                         const GValue          *params,
                         gpointer               user_data)
{
  probe.paint_start_us = g_get_monotonic_time ();
  probe.rendered = FALSE;
  return TRUE;
}

static gboolean
probe_after_paint_hook (GSignalInvocationHint *hint,
                        guint                  n_params,
                        const GValue          *params,
                        gpointer               user_data)
{
  gint64 frame_us = g_get_monotonic_time () - probe.paint_start_us;

  if (probe.paint_start_us != 0)
    {
      probe.max_frame_us = MAX (probe.max_frame_us, frame_us);
      probe_trace_event ("frame", probe.paint_start_us, frame_us);
    }

  if (probe.rendered && !probe.first_frame_done)
    probe_first_frame ();
  if (probe.rendered && !probe.ready_done && probe_page_ready ())
    probe_ready_frame ();

  return TRUE;
}

static gboolean
probe_timeout_cb (gpointer user_data)
{
  probe_fail ("timed out (%s)", probe.first_frame_done ? "after the first frame" : "no frame drawn");
}

static void
probe_add_hook (GType                 type,
                const char           *signal,
                GSignalEmissionHook   hook)
{
  g_type_class_ref (type);
  g_signal_add_emission_hook (g_signal_lookup (signal, type), 0, hook, NULL, NULL);
}

/* Runs in the primary instance only: a program that found another instance of itself
 * on the bus draws nothing, and the caller sees no results. */
static void
probe_startup_cb (GApplication *app)
{
  probe_add_hook (GDK_TYPE_SURFACE, "render", probe_render_hook);
  probe_add_hook (GDK_TYPE_FRAME_CLOCK, "before-paint", probe_before_paint_hook);
  probe_add_hook (GDK_TYPE_FRAME_CLOCK, "after-paint", probe_after_paint_hook);
  g_timeout_add_seconds (60, probe_timeout_cb, NULL);
}

int
g_application_run (GApplication  *application,
                   int            argc,
                   char         **argv)
{
  int (*real_run) (GApplication *, int, char **) = dlsym (RTLD_NEXT, "g_application_run");
  const char *mode = g_getenv ("BENCH_MODE");
  const char *t0 = g_getenv ("BENCH_T0_NS");
  const char *settle = g_getenv ("BENCH_SETTLE_MS");
  const char *trace = g_getenv ("BENCH_TRACE");

  probe.report = g_string_new (NULL);
  probe.schedstat_fd = -1;
  probe.out_path = g_getenv ("BENCH_OUT");
  if (probe.out_path == NULL || t0 == NULL)
    {
      g_printerr ("bench probe: BENCH_OUT and BENCH_T0_NS are needed\n");
      _exit (1);
    }

  probe.t0_us = g_ascii_strtoll (t0, NULL, 10) / 1000;
  if (trace != NULL && (probe.trace = fopen (trace, "a")) == NULL)
    {
      perror ("bench probe: cannot open BENCH_TRACE");
      _exit (1);
    }
  if (probe.trace != NULL)
    setvbuf (probe.trace, NULL, _IOLBF, 0);
  probe.settle_ms = settle != NULL ? (guint) g_ascii_strtoull (settle, NULL, 10) : 1000;
  if (g_strcmp0 (mode, "idle") == 0)
    probe.mode = MODE_IDLE;
  else if (g_strcmp0 (mode, "sign-in") == 0)
    probe.mode = MODE_SIGN_IN;
  else if (mode == NULL || g_strcmp0 (mode, "start") == 0)
    probe.mode = MODE_START;
  else
    probe_fail ("unknown BENCH_MODE %s", mode);

  g_signal_connect (application, "startup", G_CALLBACK (probe_startup_cb), NULL);

  return real_run (application, argc, argv);
}
