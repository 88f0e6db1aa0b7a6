/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* minimal-window.c: the baseline of tests/bench/run: the least a GTK 4 + libadwaita
 * application does to show a window. Like cashdesk-login it is an AdwApplication with an
 * ID (so it registers on the session bus) and an AdwApplicationWindow, opened at the size
 * the bench passes: cashdesk-login's default, so both first frames cover as many pixels.
 *
 *   minimal-window [--content] [WIDTH HEIGHT]
 *
 * The window is empty. --content gives it a header bar and a line of text, the least any
 * real window shows: the bench's reference for what drawing text and icons costs at all.
 *
 * It measures nothing itself: the probe injected into both programs does. */
#include <adwaita.h>
#include <stdlib.h>

static int width = 480;
static int height = 720;
static gboolean content;

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (content)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      gtk_box_append (GTK_BOX (box), gtk_label_new ("Minimal window"));
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
    }
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  int arg = 1;

  if (arg < argc && g_strcmp0 (argv[arg], "--content") == 0)
    {
      content = TRUE;
      arg++;
    }
  if (argc - arg == 2)
    {
      width = atoi (argv[arg]);
      height = atoi (argv[arg + 1]);
    }
  if (width <= 0 || height <= 0 || (argc != arg && argc - arg != 2))
    {
      g_printerr ("usage: minimal-window [--content] [WIDTH HEIGHT]\n");
      return 2;
    }

  app = adw_application_new ("io.github.cashdesk_login.BenchMinimalWindow",
                             G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}
