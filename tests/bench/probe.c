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
 * any other program's window, the first frame; in the list modes, the first that shows
 * the list of stored sign-ins). It takes nothing of the programs but g_application_run(),
 * GTK's signals and, in cashdesk-login only, widget ids, its stack's page names, the
 * widget types of its accounts page and the actions anything may activate
 * (app.show-accounts, accounts.remove, accounts.undo-remove), so GNOME's own
 * applications are measured by the same code.
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
 *                             account ("store": until a frame has drawn the account page
 *                             offering Sign Out),
 *                             and for BENCH_SETTLE_MS after; then memory.
 *                             It finds cashdesk-login's widgets by their ids in its
 *                             templates: "stack" (pages "loading", "sign-in",
 *                             "account"), "email_row", "password_row", "action_stack"
 *                             (page "busy"), and on the account page, made when first
 *                             shown, "sign_out_button" and "not_saved_revealer"; and
 *                             fails, saying which, when one is gone
 *                    list:    as start, but cashdesk-login's window opens as its
 *                             notification opens it (app.show-accounts, activated in
 *                             startup: the list whatever it holds, also when nothing is
 *                             stored), and the ready frame is the first that shows the
 *                             "accounts" page given BENCH_ACCOUNTS accounts, every row
 *                             in sight drawn (the list may let the others in over the
 *                             next frames); "list_whole_ms" is the first frame after
 *                             its model holds them all; memory ("list_...")
 *                             BENCH_SETTLE_MS after that; exit
 *                    accounts: as list, then on that page, counting stalls in each
 *                             span: "search" types BENCH_SEARCH into its GtkSearchEntry
 *                             one character every BENCH_KEY_MS (200), as a person types,
 *                             then empties it, and lasts until the list shows all its
 *                             items again and a frame has drawn them (it fails if the
 *                             typing never shortened the list); "remove" activates
 *                             accounts.remove (BENCH_REMOVE_SERVER, BENCH_REMOVE_EMAIL)
 *                             on the page and lasts until the list has one item fewer
 *                             and a frame has drawn it ("remove_gone_ms": until the
 *                             item left the list's model), and until the keyring has
 *                             answered every Secret Service call (seen on the program's
 *                             own bus connection: "remove_keyring_ms"; looked at as
 *                             frames end, so the moment between two calls of the same
 *                             change can pass for the end: a lower bound); "undo" the same
 *                             for accounts.undo-remove until the item is back
 *                             ("undo_back_ms", "undo_keyring_ms"); "after" the next
 *                             BENCH_SETTLE_MS.
 *                             The list is the page's GtkListView (items counted in its
 *                             model) or, failing one, its GtkListBox (rows counted): the
 *                             results say which ("list TYPE")
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
  MODE_LIST,
  MODE_ACCOUNTS,
} Mode;

/* The spans of a sign-in, in order; each one gets its own stall and frame figures. */
typedef enum {
  SPAN_NONE,
  SPAN_IDLE,
  SPAN_WAIT,
  SPAN_STORE,
  SPAN_AFTER,
  SPAN_SEARCH,
  SPAN_REMOVE,
  SPAN_UNDO,
} Span;

static const char * const span_names[] = {
  NULL, "idle", "wait", "store", "after", "search", "remove", "undo"
};

static struct {
  Mode        mode;
  gint64      t0_us;
  const char *out_path;
  GString    *report;
  guint       settle_ms;

  gboolean    rendered;
  gboolean    first_frame_done;
  gboolean    ready_done;
  gboolean    list_whole_done;
  /* Sign-in mode: a frame has drawn the account page offering Sign Out. */
  gboolean    account_drawn;
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

  /* The list modes: the accounts page, its list and its search. */
  GtkWidget  *list;
  GtkWidget  *search_entry;
  guint       expected_items;
  /* What the current span of the accounts mode waits for: the list showing this many
   * items (G_MAXUINT: nothing yet), since when, and under which key it is reported. */
  guint       target_items;
  gint64      target_met_us;
  const char *target_key;
  guint       fewest_items;
  const char *search_text;
  guint       typed;
  guint       key_ms;
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

typedef gboolean (*ProbeMatch) (GtkWidget     *widget,
                                gconstpointer  data);

/* @widget or the first of its descendants (depth first) that @match takes. */
static GtkWidget *
probe_find_where (GtkWidget     *widget,
                  ProbeMatch     match,
                  gconstpointer  data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = probe_find_where (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
probe_has_id (GtkWidget     *widget,
              gconstpointer  id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

static gboolean
probe_has_type (GtkWidget     *widget,
                gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (type));
}

/* By its id in cashdesk-login's templates. */
static GtkWidget *
probe_find (GtkWidget  *widget,
            const char *id)
{
  return probe_find_where (widget, probe_has_id, id);
}

static GtkWidget *
probe_find_type (GtkWidget *widget,
                 GType      type)
{
  return probe_find_where (widget, probe_has_type, GSIZE_TO_POINTER (type));
}

static GtkWidget *
probe_require (const char *id)
{
  GtkWidget *widget = probe_find (probe.window, id);

  if (widget == NULL)
    probe_fail ("no widget \"%s\" in the window: has cashdesk-login's template changed?", id);

  return widget;
}

/* What the program asks of the Secret Service, seen on its own bus connection from
 * GDBus's worker thread: whether it has asked anything since the filter was added (for
 * a sign-in: the answer is in, and storing begins), and the serials of the calls not
 * answered yet (the keyring still at work on a removal or an Undo). */
static struct {
  GMutex      lock;
  gboolean    called;
  GHashTable *pending;
} probe_keyring;

static GDBusMessage *
probe_bus_filter_cb (GDBusConnection *connection,
                     GDBusMessage    *message,
                     gboolean         incoming,
                     gpointer         user_data)
{
  GDBusMessageType type = g_dbus_message_get_message_type (message);

  g_mutex_lock (&probe_keyring.lock);
  if (!incoming && type == G_DBUS_MESSAGE_TYPE_METHOD_CALL
      && g_str_has_prefix (g_dbus_message_get_interface (message) ?: "", "org.freedesktop.Secret."))
    {
      probe_keyring.called = TRUE;
      g_hash_table_add (probe_keyring.pending,
                        GUINT_TO_POINTER (g_dbus_message_get_serial (message)));
    }
  else if (incoming && (type == G_DBUS_MESSAGE_TYPE_METHOD_RETURN || type == G_DBUS_MESSAGE_TYPE_ERROR))
    g_hash_table_remove (probe_keyring.pending,
                         GUINT_TO_POINTER (g_dbus_message_get_reply_serial (message)));
  g_mutex_unlock (&probe_keyring.lock);
  return message;
}

static void
probe_watch_keyring (void)
{
  probe_keyring.pending = g_hash_table_new (NULL, NULL);
  g_dbus_connection_add_filter (g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL),
                                probe_bus_filter_cb, NULL, NULL);
}

static gboolean
probe_keyring_called (void)
{
  gboolean called;

  g_mutex_lock (&probe_keyring.lock);
  called = probe_keyring.called;
  g_mutex_unlock (&probe_keyring.lock);
  return called;
}

static gboolean
probe_keyring_busy (void)
{
  gboolean busy;

  g_mutex_lock (&probe_keyring.lock);
  busy = g_hash_table_size (probe_keyring.pending) > 0;
  g_mutex_unlock (&probe_keyring.lock);
  return busy;
}

static gboolean
probe_done_cb (gpointer user_data)
{
  probe_end_span ();
  probe_report_memory (user_data);
  probe_finish (0);
}

/* Whether the account page is shown, offering Sign Out: the sign-in is stored. */
static gboolean
probe_account_offered (void)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (probe.stack)), "account") != 0)
    return FALSE;
  if (probe.sign_out_button == NULL)
    {
      probe.sign_out_button = probe_require ("sign_out_button");
      probe.not_saved_revealer = probe_require ("not_saved_revealer");
    }
  return gtk_widget_get_sensitive (probe.sign_out_button);
}

/* Checked on every tick, so the spans end within a millisecond of what they wait for.
 * "store" ends once a frame has drawn the account page offering Sign Out (seen at that
 * frame's end, probe_after_paint_hook()): its first layout and drawing are part of
 * showing the stored sign-in, and the tick after that frame counts its stall. */
static void
probe_follow_sign_in (void)
{
  if (probe.span == SPAN_WAIT && probe_keyring_called ())
    probe_begin_span (SPAN_STORE);
  else if (probe.span == SPAN_WAIT
           && g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (probe.stack)), "account") == 0)
    probe_fail ("the account was shown before anything was stored in the keyring");

  if (probe.span != SPAN_STORE || !probe.account_drawn)
    return;
  if (gtk_revealer_get_reveal_child (GTK_REVEALER (probe.not_saved_revealer)))
    probe_fail ("the sign-in was not stored in the keyring");
  probe_begin_span (SPAN_AFTER);
  g_timeout_add (probe.settle_ms, probe_done_cb, (gpointer) "signed_in");
}

static gboolean
probe_list_mode (void)
{
  return probe.mode == MODE_LIST || probe.mode == MODE_ACCOUNTS;
}

/* The accounts page's list and search, by type: the page may hold its accounts in a
 * GtkListBox or a GtkListView, and the probe measures either. */
static void
probe_find_list (void)
{
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (probe.stack), "accounts");

  if (page == NULL)
    probe_fail ("no page \"accounts\" in the window's stack: has cashdesk-login's template changed?");
  probe.list = probe_find_type (page, GTK_TYPE_LIST_VIEW);
  if (probe.list == NULL)
    probe.list = probe_find_type (page, GTK_TYPE_LIST_BOX);
  probe.search_entry = probe_find_type (page, GTK_TYPE_SEARCH_ENTRY);
  if (probe.list == NULL || probe.search_entry == NULL)
    probe_fail ("the accounts page has no %s", probe.list == NULL ? "GtkListView or GtkListBox" : "GtkSearchEntry");
  g_string_append_printf (probe.report, "list %s\n", G_OBJECT_TYPE_NAME (probe.list));
}

/* How many accounts the list shows: what a GtkListView's model holds; a GtkListBox's
 * rows, but for those its own filter would hide. */
static guint
probe_list_n_items (void)
{
  guint n = 0;

  if (GTK_IS_LIST_VIEW (probe.list))
    {
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (probe.list)));

      return model != NULL ? g_list_model_get_n_items (model) : 0;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (probe.list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_visible (child)
        && gtk_widget_get_child_visible (child))
      n++;
  return n;
}

/* How many accounts the list is given, however many it shows yet: what the model at
 * the bottom of its list models holds (each names the one below it "model"). */
static guint
probe_list_n_accounts (void)
{
  GObject *model;

  if (!GTK_IS_LIST_VIEW (probe.list))
    return probe_list_n_items ();
  model = G_OBJECT (gtk_list_view_get_model (GTK_LIST_VIEW (probe.list)));
  while (model != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (model), "model") != NULL)
    {
      GObject *below = NULL;

      g_object_get (model, "model", &below, NULL);
      if (below == NULL)
        break;
      /* Held by the model above it, which the list view holds. */
      g_object_unref (below);
      model = below;
    }
  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

/* Every row in sight is there: the list shows all it is given, or a row it made
 * reaches down to its bottom edge. A list that lets its rows in over several frames
 * has shown once its first screen is full. */
static gboolean
probe_list_in_sight (void)
{
  if (probe_list_n_items () == probe_list_n_accounts ())
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (probe.list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_mapped (child) && gtk_widget_compute_bounds (child, probe.list, &bounds)
          && bounds.origin.y + bounds.size.height >= gtk_widget_get_height (probe.list))
        return TRUE;
    }
  return FALSE;
}

/* The list is on screen, and so is an account in it when it has any (a GtkListView
 * makes its rows only when it lays them out). An empty list counts as drawn once the
 * page is: the page may show a placeholder in its place. */
static gboolean
probe_list_drawn (void)
{
  if (probe.expected_items == 0)
    return gtk_widget_get_mapped (gtk_stack_get_visible_child (GTK_STACK (probe.stack)));
  if (!gtk_widget_get_mapped (probe.list))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (probe.list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((!GTK_IS_LIST_BOX (probe.list) || GTK_IS_LIST_BOX_ROW (child))
        && gtk_widget_get_mapped (child) && gtk_widget_get_height (child) > 0)
      return TRUE;
  return FALSE;
}

/* The list modes' ready frame: the accounts page given every stored account, showing
 * all it has room for. */
static gboolean
probe_list_ready (void)
{
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (probe.stack));

  if (g_strcmp0 (page, "loading") == 0 || gtk_stack_get_transition_running (GTK_STACK (probe.stack)))
    return FALSE;
  if (g_strcmp0 (page, "accounts") != 0)
    probe_fail ("cashdesk-login showed its \"%s\" page, not the list of stored sign-ins", page);
  /* The page is made when first shown. */
  if (probe.list == NULL)
    probe_find_list ();
  return probe_list_n_accounts () == probe.expected_items && probe_list_drawn ()
         && probe_list_in_sight ();
}

/* From now on, the span waits for the list to show @n_items (and then for a frame that
 * shows them); the time until it does is reported under @key, when given. */
static void
probe_await_items (guint       n_items,
                   const char *key)
{
  probe.target_items = n_items;
  probe.target_met_us = 0;
  probe.target_key = key;
}

static void probe_type_next (void);

static gboolean
probe_key_cb (gpointer user_data)
{
  probe_type_next ();
  return G_SOURCE_REMOVE;
}

/* The next character of BENCH_SEARCH, added at the end as a key press adds it; after the
 * last, the search emptied, as Escape empties it. */
static void
probe_type_next (void)
{
  GtkEditable *search = GTK_EDITABLE (probe.search_entry);

  if (probe.typed < (guint) g_utf8_strlen (probe.search_text, -1))
    {
      const char *character = g_utf8_offset_to_pointer (probe.search_text, probe.typed);
      int position = (int) g_utf8_strlen (gtk_editable_get_text (search), -1);

      gtk_editable_insert_text (search, character, (int) (g_utf8_next_char (character) - character),
                                &position);
      probe.typed++;
      g_timeout_add (probe.key_ms, probe_key_cb, NULL);
      return;
    }

  if (probe.fewest_items >= probe.expected_items)
    probe_fail ("typing \"%s\" in the search did not shorten the list of %u", probe.search_text,
                probe.expected_items);
  gtk_editable_set_text (search, "");
  probe_await_items (probe.expected_items, NULL);
}

static void
probe_search (void)
{
  if (probe.expected_items == 0)
    probe_fail ("the accounts mode needs stored sign-ins (BENCH_ACCOUNTS)");
  if (*gtk_editable_get_text (GTK_EDITABLE (probe.search_entry)) != '\0')
    probe_fail ("the search is not empty as the list shows");

  probe.fewest_items = probe_list_n_items ();
  probe.typed = 0;
  probe_await_items (G_MAXUINT, NULL);
  probe_begin_span (SPAN_SEARCH);
  probe_type_next ();
}

/* The next span: remove an account, bring it back, then let the window settle. The
 * actions are the page's own, activated from its list as a row's button and the
 * toast's Undo activate them. */
static void
probe_accounts_next (void)
{
  if (probe.span == SPAN_SEARCH)
    {
      const char *server = g_getenv ("BENCH_REMOVE_SERVER");
      const char *email = g_getenv ("BENCH_REMOVE_EMAIL");

      if (server == NULL || email == NULL)
        probe_fail ("BENCH_REMOVE_SERVER and BENCH_REMOVE_EMAIL are needed in accounts mode");
      probe_begin_span (SPAN_REMOVE);
      probe_await_items (probe.expected_items - 1, "remove_gone_ms");
      if (!gtk_widget_activate_action (probe.list, "accounts.remove", "(ss)", server, email))
        probe_fail ("no action accounts.remove on the accounts page");
    }
  else if (probe.span == SPAN_REMOVE)
    {
      probe_begin_span (SPAN_UNDO);
      probe_await_items (probe.expected_items, "undo_back_ms");
      if (!gtk_widget_activate_action (probe.list, "accounts.undo-remove", NULL))
        probe_fail ("no action accounts.undo-remove on the accounts page");
    }
  else
    {
      probe_begin_span (SPAN_AFTER);
      g_timeout_add (probe.settle_ms, probe_done_cb, (gpointer) "end");
    }
}

/* Checked on every tick and at both ends of every frame. A change of the list happens
 * between frames; the frame that began after it shows it. */
static void
probe_follow_accounts (gboolean frame_done)
{
  guint n_items;

  if (probe.span != SPAN_SEARCH && probe.span != SPAN_REMOVE && probe.span != SPAN_UNDO)
    return;

  n_items = probe_list_n_items ();
  probe.fewest_items = MIN (probe.fewest_items, n_items);
  if (probe.target_items == G_MAXUINT)
    return;

  if (probe.target_met_us == 0 && n_items == probe.target_items)
    {
      probe.target_met_us = g_get_monotonic_time ();
      if (probe.target_key != NULL)
        g_string_append_printf (probe.report, "%s %.1f\n", probe.target_key,
                                (probe.target_met_us - probe.span_start_us) / 1000.0);
    }
  if (!frame_done || !probe.rendered || probe.target_met_us == 0
      || probe.target_met_us > probe.paint_start_us)
    return;
  /* Shown: a removal or an Undo goes on in the keyring. The next comes once it is done,
   * as a person would see the toast before pressing Undo. */
  if ((probe.span == SPAN_REMOVE || probe.span == SPAN_UNDO) && probe_keyring_busy ())
    return;
  if (probe.span != SPAN_SEARCH)
    g_string_append_printf (probe.report, "%s_keyring_ms %.1f\n", span_names[probe.span],
                            (g_get_monotonic_time () - probe.span_start_us) / 1000.0);
  probe_accounts_next ();
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
  else if (probe.mode == MODE_ACCOUNTS)
    probe_follow_accounts (FALSE);

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

  probe_watch_keyring ();

  /* What Enter in the password field does. */
  probe_begin_span (SPAN_WAIT);
  if (!gtk_widget_activate_action (password_row, "sign-in.submit", NULL)
      || g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (action_stack)), "busy") != 0)
    probe_fail ("the sign-in page did not start signing in");
}

static gboolean
probe_settled_cb (gpointer user_data)
{
  probe_report_memory (probe_list_mode () ? "list" : "first_frame");
  if (probe.mode == MODE_START || probe.mode == MODE_LIST)
    probe_finish (0);

  g_timeout_add_full (G_PRIORITY_HIGH, 1, probe_tick_cb, NULL, NULL);
  if (probe.mode == MODE_IDLE)
    {
      guint idle_ms = (guint) g_ascii_strtoull (g_getenv ("BENCH_IDLE_MS") ?: "2000", NULL, 10);

      probe_begin_span (SPAN_IDLE);
      g_timeout_add (idle_ms, probe_done_cb, (gpointer) "idle");
    }
  else if (probe.mode == MODE_SIGN_IN)
    probe_sign_in ();
  else
    {
      probe_watch_keyring ();
      probe_search ();
    }

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
  else if (probe_list_mode ())
    {
      probe_fail ("the list modes measure cashdesk-login's window, not a %s",
                  G_OBJECT_TYPE_NAME (probe.window));
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
  if (probe_list_mode ())
    return probe_list_ready ();
  return probe.stack == NULL
         || (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (probe.stack)), "loading") != 0
             && !gtk_stack_get_transition_running (GTK_STACK (probe.stack)));
}

/* The list modes: the frame that shows every account given to the list; it settles
 * from then on. */
static void
probe_list_whole_frame (void)
{
  probe.list_whole_done = TRUE;
  g_string_append_printf (probe.report, "list_whole_ms %.2f\n",
                          (g_get_monotonic_time () - probe.t0_us) / 1000.0);
  g_timeout_add (probe.settle_ms, probe_settled_cb, NULL);
}

static void
probe_ready_frame (void)
{
  gdk_display_sync (gdk_display_get_default ());
  probe.ready_done = TRUE;
  g_string_append_printf (probe.report, "ready_frame_ms %.2f\n",
                          (g_get_monotonic_time () - probe.t0_us) / 1000.0);
  if (!probe_list_mode ())
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
  if (probe.mode == MODE_ACCOUNTS)
    probe_follow_accounts (FALSE);
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
  if (probe.rendered && probe.ready_done && probe_list_mode () && !probe.list_whole_done
      && probe_list_n_items () == probe.expected_items)
    probe_list_whole_frame ();
  if (probe.mode == MODE_ACCOUNTS)
    probe_follow_accounts (TRUE);
  if (probe.mode == MODE_SIGN_IN && probe.span == SPAN_STORE && probe.rendered
      && probe_account_offered ())
    probe.account_drawn = TRUE;

  return TRUE;
}

static gboolean
probe_timeout_cb (gpointer user_data)
{
  if (probe.list != NULL)
    probe_fail ("timed out (the list shows %u items; %u expected%s%s)", probe_list_n_items (),
                probe.target_items != G_MAXUINT && probe.span != SPAN_NONE ? probe.target_items : probe.expected_items,
                probe.span != SPAN_NONE ? ", in the span " : "",
                probe.span != SPAN_NONE ? span_names[probe.span] : "");
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

  /* After the application's own startup, which adds the action; before its command
   * line, which then finds the window open. */
  if (probe_list_mode ())
    {
      if (!g_action_group_has_action (G_ACTION_GROUP (app), "show-accounts"))
        probe_fail ("the application has no action app.show-accounts");
      g_action_group_activate_action (G_ACTION_GROUP (app), "show-accounts", NULL);
    }
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
  else if (g_strcmp0 (mode, "list") == 0)
    probe.mode = MODE_LIST;
  else if (g_strcmp0 (mode, "accounts") == 0)
    probe.mode = MODE_ACCOUNTS;
  else if (mode == NULL || g_strcmp0 (mode, "start") == 0)
    probe.mode = MODE_START;
  else
    probe_fail ("unknown BENCH_MODE %s", mode);
  if (probe_list_mode ())
    {
      const char *accounts = g_getenv ("BENCH_ACCOUNTS");

      if (accounts == NULL)
        probe_fail ("BENCH_ACCOUNTS (how many accounts the list shows) is needed in %s mode", mode);
      probe.expected_items = (guint) g_ascii_strtoull (accounts, NULL, 10);
      probe.search_text = g_getenv ("BENCH_SEARCH") ?: "42@";
      probe.key_ms = (guint) g_ascii_strtoull (g_getenv ("BENCH_KEY_MS") ?: "200", NULL, 10);
    }

  g_signal_connect (application, "startup", G_CALLBACK (probe_startup_cb), NULL);

  return real_run (application, argc, argv);
}
