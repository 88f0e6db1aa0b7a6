/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-accounts-page.c: every stored sign-in, soonest certificate expiry first; search,
 * remove (with undo), add, and save the list as CSV.
 *
 * The accounts are the application's CdAccountList; a list view shows them through a
 * filter that the search drives, and a CdPacedModel that lets them in a few rows per
 * frame. It makes rows only around what it scrolls to (GTK 4.8's makes some 200 at
 * most, however many are stored) and binds them to one account after another as the
 * list scrolls or is searched. Removing forgets the
 * account in the keyring at once: Undo stores it again from the copy kept here, token
 * and details alike, so nothing depends on the toast still being there when the window
 * closes. The list shows both before the keyring has done them (CdAccountList). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cd-accessible.h"
#include "cd-account-row.h"
#include "cd-accounts-page.h"
#include "cd-csv.h"
#include "cd-paced-model.h"

struct _CdAccountsPage
{
  AdwBin                parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  GtkLabel             *placeholder_label;
  GtkWidget            *add_button;
  GtkWidget            *export_button;

  /* Every stored account, in the list's order: the application's. */
  CdAccountList        *accounts;
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  /* What the list view shows: the filtered accounts, let in a few rows per frame. */
  CdPacedModel         *paced;
  /* Every row made for it: see cd_accounts_page_setup_row_cb(). */
  GPtrArray            *rows;
  /* When the rows last bound were bound: see cd_accounts_page_bind_row_cb(). */
  GDateTime            *now;
  /* The search, folded as cd_accounts_page_fold() does; "" matches every account. */
  char                 *search_key;
  /* Of the keyring work and the file written; cancelled in dispose. */
  GCancellable         *cancellable;
  /* What the last removal took away, for Undo, and the toast offering it. */
  CdAccount            *removed;
  AdwToast             *undo_toast;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CdAccountsPage, cd_accounts_page, ADW_TYPE_BIN)

enum {
  ACCOUNT_ACTIVATED,
  ADD_ACCOUNT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
cd_accounts_page_fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup ("");
}

/* What a search looks in, folded once for each account (an account never changes):
 * each keystroke then compares strings, rather than fold hundreds of names again. */
static const char * const *
cd_accounts_page_search_text (CdAccount *account)
{
  static GQuark quark;
  char **text;

  if (quark == 0)
    quark = g_quark_from_static_string ("cd-accounts-page-search-text");
  text = g_object_get_qdata (G_OBJECT (account), quark);
  if (text == NULL)
    {
      const char *name = cd_account_get_full_name (account);

      text = g_new0 (char *, 3);
      text[0] = cd_accounts_page_fold (cd_account_get_email (account));
      text[1] = name != NULL ? cd_accounts_page_fold (name) : NULL;
      g_object_set_qdata_full (G_OBJECT (account), quark, text, (GDestroyNotify) g_strfreev);
    }
  return (const char * const *) text;
}

static gboolean
cd_accounts_page_filter_func (gpointer item,
                              gpointer user_data)
{
  CdAccountsPage *self = user_data;
  const char * const *text;

  if (*self->search_key == '\0')
    return TRUE;
  for (text = cd_accounts_page_search_text (item); *text != NULL; text++)
    if (strstr (*text, self->search_key) != NULL)
      return TRUE;
  return FALSE;
}

/* The list view's rows: one for each account it shows at a time, bound to one account
 * after another. */
static void
cd_accounts_page_setup_row_cb (CdAccountsPage *self,
                               GtkListItem    *item)
{
  GtkWidget *row = NULL;

  /* GTK 4.8's list view destroys the row of every account a search takes away, and
   * makes new ones, each a dozen widgets from a template, when they come back: some 200
   * at a time. The page keeps every row it made, and gives it one it has let go of. */
  for (guint i = 0; i < self->rows->len && row == NULL; i++)
    if (gtk_widget_get_parent (g_ptr_array_index (self->rows, i)) == NULL)
      row = g_ptr_array_index (self->rows, i);
  if (row == NULL)
    {
      row = cd_account_row_new ();
      g_ptr_array_add (self->rows, g_object_ref_sink (row));
    }
  gtk_list_item_set_child (item, row);
}

static void
cd_accounts_page_bind_row_cb (CdAccountsPage *self,
                              GtkListItem    *item)
{
  gint64 now_us = g_get_real_time ();

  /* GTK 4.8's list view binds some 200 rows at a time (a search, a removal): one clock
   * for all of them, read again at most once a second. The local time zone is looked
   * up on disk every time one is asked for. */
  if (self->now == NULL || now_us - g_date_time_to_unix (self->now) * G_USEC_PER_SEC > G_USEC_PER_SEC)
    {
      g_clear_pointer (&self->now, g_date_time_unref);
      self->now = g_date_time_new_now_local ();
    }
  /* A row keeps its account when unbound (there is no unbind handler): GTK 4.8's
   * factory unbinds and binds again every row whose position changed, all those below
   * an account removed or put back, and a row bound again to its own account has
   * nothing to do. Unbound for good, it is destroyed; recycled, bound to another. */
  cd_account_row_set_account (CD_ACCOUNT_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item), self->now);
}

static void
cd_accounts_page_update (CdAccountsPage *self)
{
  guint n_accounts;
  const char *load_error;
  g_autofree char *text = NULL;

  if (self->accounts == NULL)
    return;

  n_accounts = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  load_error = cd_account_list_get_load_error (self->accounts);

  if (load_error != NULL)
    text = g_strdup (load_error);
  else if (n_accounts == 0)
    text = g_strdup (_("No stored sign-ins. Add an account to sign in to CashDesk."));
  else
    /* TRANSLATORS: %s is what was typed in the search field */
    text = g_strdup_printf (_("No account matches “%s”."),
                            gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  gtk_label_set_label (self->placeholder_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0
                                    ? "list" : "placeholder");
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_accounts > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.export", n_accounts > 0);
}

static void
cd_accounts_page_search_changed_cb (CdAccountsPage *self)
{
  g_autofree char *old_key = g_steal_pointer (&self->search_key);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;
  guint n_shown;
  g_autofree char *spoken = NULL;

  self->search_key = cd_accounts_page_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  /* A letter typed can only take accounts away, one deleted only bring them back: the
   * filter then looks again only at those shown, or only at those hidden. */
  if (strstr (self->search_key, old_key) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (old_key, self->search_key) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  cd_accounts_page_update (self);

  /* What the eye sees at once, a screen reader says: how many are left, or none. */
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  if (*self->search_key == '\0')
    return;
  spoken = n_shown == 0
           ? g_strdup (gtk_label_get_label (self->placeholder_label))
           : g_strdup_printf (ngettext ("%u account matches. Down goes to the list.",
                                        "%u accounts match. Down goes to the list.", n_shown),
                              n_shown);
  cd_accessible_announce (GTK_WIDGET (self->search_entry), spoken);
}

/* Escape empties the search before anything else. */
static void
cd_accounts_page_stop_search_cb (CdAccountsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* The row of the account at @position in the list as shown, scrolled to: the list view
 * makes the rows around where it scrolls to at once. NULL when there is none. */
static GtkWidget *
cd_accounts_page_row_at (CdAccountsPage *self,
                         guint           position)
{
  g_autoptr(CdAccount) account = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (account == NULL)
    return NULL;
  cd_paced_model_show_through (self->paced, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (CD_IS_ACCOUNT_ROW (row) && cd_account_row_get_account (CD_ACCOUNT_ROW (row)) == account)
        return row;
    }
  return NULL;
}

/* Down from the search goes to the first account that matches: GTK would go to
 * whatever lies below on screen, or back to the row last left. */
static gboolean
cd_accounts_page_search_key_cb (CdAccountsPage        *self,
                                guint                  keyval,
                                guint                  keycode,
                                GdkModifierType        state,
                                GtkEventControllerKey *controller)
{
  GtkWidget *first;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0
      || (first = cd_accounts_page_row_at (self, 0)) == NULL)
    return FALSE;
  gtk_widget_grab_focus (first);
  return TRUE;
}

/* Tab leaves the list, as it leaves a list box: from a row's Remove button on to what
 * follows the list, and Shift+Tab from a row back to the search. GTK 4.8's list view
 * would go on to the next row instead, through every stored sign-in. Within a row
 * (the row, then its button) GTK's own Tab stays. */
static gboolean
cd_accounts_page_list_key_cb (CdAccountsPage        *self,
                              guint                  keyval,
                              guint                  keycode,
                              GdkModifierType        state,
                              GtkEventControllerKey *controller)
{
  GtkWidget *focus;
  GtkWidget *row;
  gboolean backward;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  row = focus != NULL ? gtk_widget_get_ancestor (focus, CD_TYPE_ACCOUNT_ROW) : NULL;
  if (row == NULL)
    return FALSE;
  backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  if (backward && focus == row)
    return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  if (!backward && focus != row)
    return gtk_widget_grab_focus (self->add_button);
  return FALSE;
}

/* A click on a row, or Enter on it. */
static void
cd_accounts_page_activate_cb (CdAccountsPage *self,
                              guint           position)
{
  g_autoptr(CdAccount) account = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (account != NULL)
    g_signal_emit (self, signals[ACCOUNT_ACTIVATED], 0, account);
}

/* A toast's title is Pango markup in libadwaita 1.2, and these hold names and messages
 * from a server or the keyring: escaped, they show as they are. */
static AdwToast *
cd_accounts_page_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/* Every toast goes through here: libadwaita 1.2's toasts are never heard, so a screen
 * reader is told @spoken (the title when NULL) as the toast shows. */
static void
cd_accounts_page_show_toast (CdAccountsPage *self,
                             AdwToast       *toast,
                             const char     *spoken)
{
  g_autofree char *title = g_strdup (adw_toast_get_title (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  cd_accessible_announce (GTK_WIDGET (self), spoken != NULL ? spoken : title);
}

static void
cd_accounts_page_toast (CdAccountsPage *self,
                        const char     *text)
{
  cd_accounts_page_show_toast (self, cd_accounts_page_toast_new (text), text);
}

/* remove and undo */

static void cd_accounts_page_focus_near (CdAccountsPage *self,
                                         int             position);

static void
cd_accounts_page_restored_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(CdAccountsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Back in the list as soon as it is back in the keyring: the list did that. */
  if (cd_account_list_save_finish (CD_ACCOUNT_LIST (source), result, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  text = g_strdup_printf (_("Cannot put the account back into the keyring: %s"), error->message);
  cd_accounts_page_toast (self, text);
}

static void
cd_accounts_page_undo_remove_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CdAccountsPage *self = CD_ACCOUNTS_PAGE (widget);
  g_autoptr(CdAccount) account = g_steal_pointer (&self->removed);

  if (account == NULL)
    return;

  /* Ctrl+Z: the toast offering the same has nothing left to offer. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  /* Back in the list at once; in the keyring once it has forgotten it, if it is still
   * at that (the list makes its changes in order). */
  cd_account_list_save_async (self->accounts, account, self->cancellable,
                              cd_accounts_page_restored_cb, g_object_ref (self));
}

/* Offered as the row goes, while the keyring forgets it. The toast is short, so that a
 * narrow window does not cut it: the person who pressed Remove knows whom. A screen
 * reader says whom, and how to undo it. */
static void
cd_accounts_page_offer_undo (CdAccountsPage *self,
                             CdAccount      *account)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  g_set_object (&self->removed, account);

  /* An older toast's Undo would now bring back this account, not its own. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  /* TRANSLATORS: said by a screen reader; %s is a person's name or an email address */
  text = g_strdup_printf (_("Removed %s. Ctrl+Z brings it back."), cd_account_get_title (account));
  toast = adw_toast_new (_("Account removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "accounts.undo-remove");
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  cd_accounts_page_show_toast (self, toast, text);
}

/* A removal under way: the page, and whom it removes. */
typedef struct {
  CdAccountsPage *self;
  CdAccount      *account;
} CdAccountsRemoval;

static void
cd_accounts_page_removal_free (CdAccountsRemoval *removal)
{
  g_object_unref (removal->self);
  g_object_unref (removal->account);
  g_free (removal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdAccountsRemoval, cd_accounts_page_removal_free)

static void
cd_accounts_page_forgotten_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(CdAccountsRemoval) removal = user_data;
  CdAccountsPage *self = removal->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (cd_account_list_forget_finish (CD_ACCOUNT_LIST (source), result, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The token is still there for other programs to use, and so back in the list: there
   * is nothing to undo. */
  if (self->removed == removal->account)
    {
      g_clear_object (&self->removed);
      if (self->undo_toast != NULL)
        adw_toast_dismiss (self->undo_toast);
    }
  text = g_strdup_printf (_("Cannot remove the sign-in from the keyring: %s"), error->message);
  cd_accounts_page_toast (self, text);
}

/* Where @account is in the list as shown (searched), or -1. */
static int
cd_accounts_page_position (CdAccountsPage *self,
                           CdAccount      *account)
{
  GListModel *shown = G_LIST_MODEL (self->filtered);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CdAccount) item = g_list_model_get_item (shown, i);

      if (item == account)
        return i;
    }
  return -1;
}

/* The row now at @position, else the last one, else the search: the keyboard stays
 * where it was rather than jumping to the top of the page. */
static void
cd_accounts_page_focus_near (CdAccountsPage *self,
                             int             position)
{
  GtkWidget *row = NULL;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (position < 0)
    return;
  if (n_shown > 0)
    row = cd_accounts_page_row_at (self, MIN ((guint) position, n_shown - 1));
  if (row != NULL)
    gtk_widget_grab_focus (row);
  else if (gtk_widget_get_sensitive (GTK_WIDGET (self->search_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    gtk_widget_grab_focus (self->export_button);
}

static void
cd_accounts_page_remove_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CdAccountsPage *self = CD_ACCOUNTS_PAGE (widget);
  CdAccountsRemoval *removal;
  CdAccount *account;
  const char *server;
  const char *email;
  int position;

  g_variant_get (parameter, "(&s&s)", &server, &email);

  /* Gone already (a second click on the same row): nothing to do. */
  if ((account = cd_account_list_find (self->accounts, server, email, NULL)) == NULL)
    return;

  removal = g_new0 (CdAccountsRemoval, 1);
  removal->self = g_object_ref (self);
  removal->account = g_object_ref (account);
  position = cd_accounts_page_position (self, account);
  /* The list lets the account go at once; its row goes with it, and the keyboard stays
   * where the row was. */
  cd_account_list_forget_async (self->accounts, account, self->cancellable,
                                cd_accounts_page_forgotten_cb, removal);
  cd_accounts_page_focus_near (self, position);
  cd_accounts_page_offer_undo (self, removal->account);
}

static void
cd_accounts_page_add_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  g_signal_emit (widget, signals[ADD_ACCOUNT], 0);
}

/* Save as CSV */

typedef struct {
  CdAccountsPage *self;
  GFile          *file;
} CdAccountsExport;

static void
cd_accounts_page_export_free (CdAccountsExport *export)
{
  g_object_unref (export->self);
  g_object_unref (export->file);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdAccountsExport, cd_accounts_page_export_free)

static void
cd_accounts_page_exported_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(CdAccountsExport) export = user_data;
  CdAccountsPage *self = export->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  AdwToast *toast;

  if (!cd_csv_write_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Cannot save the list: %s"), error->message);
      cd_accounts_page_toast (self, text);
      return;
    }

  /* Saved to be read: the toast opens it in the spreadsheet the desktop prefers. */
  uri = g_file_get_uri (export->file);
  toast = adw_toast_new (_("List saved"));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "accounts.open-saved");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  name = g_file_get_basename (export->file);
  /* TRANSLATORS: said by a screen reader; %s is a file name */
  text = g_strdup_printf (_("List saved as %s."), name);
  cd_accounts_page_show_toast (self, toast, text);
}

static void
cd_accounts_page_export_to (CdAccountsPage *self,
                            GFile          *file)
{
  CdAccountsExport *export = g_new0 (CdAccountsExport, 1);

  export->self = g_object_ref (self);
  export->file = g_object_ref (file);
  cd_csv_write_async (G_LIST_MODEL (self->accounts), file, self->cancellable,
                      cd_accounts_page_exported_cb, export);
}

static void
cd_accounts_page_open_saved_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  const char *uri = g_variant_get_string (parameter, NULL);

  /* Through the OpenURI portal in the Flatpak. */
  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

/* Where people keep documents, rather than wherever the program was started from. */
static GFile *
cd_accounts_page_csv_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static char *
cd_accounts_page_csv_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "cashdesk-accounts-%Y-%m-%d.csv");
}

static GtkFileFilter *
cd_accounts_page_csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  return filter;
}

static void
cd_accounts_page_chooser_response_cb (CdAccountsPage *self,
                                      int             response)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    cd_accounts_page_export_to (self, file);
}

static void
cd_accounts_page_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CdAccountsPage *self = CD_ACCOUNTS_PAGE (widget);
  GtkFileFilter *filter = cd_accounts_page_csv_filter ();
  g_autoptr(GFile) folder = cd_accounts_page_csv_folder ();
  g_autofree char *name = cd_accounts_page_csv_name ();

  if (self->chooser != NULL)
    return;

  /* Through the file chooser portal when there is one (Flatpak), GTK's own otherwise. */
  self->chooser = gtk_file_chooser_native_new (_("Save as CSV"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (cd_accounts_page_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
cd_accounts_page_set_accounts (CdAccountsPage *self,
                               CdAccountList  *accounts)
{
  g_return_if_fail (CD_IS_ACCOUNTS_PAGE (self));
  g_return_if_fail (CD_IS_ACCOUNT_LIST (accounts));
  g_return_if_fail (self->accounts == NULL);

  self->accounts = g_object_ref (accounts);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (accounts));
  g_signal_connect_object (accounts, "items-changed",
                           G_CALLBACK (cd_accounts_page_update), self, G_CONNECT_SWAPPED);
  /* The placeholder instead of the list when the search leaves nothing. */
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (cd_accounts_page_update), self, G_CONNECT_SWAPPED);
  /* A load that failed says why in the placeholder. */
  g_signal_connect_object (accounts, "notify::loading",
                           G_CALLBACK (cd_accounts_page_update), self, G_CONNECT_SWAPPED);
  cd_accounts_page_update (self);
}

void
cd_accounts_page_focus_search (CdAccountsPage *self)
{
  g_return_if_fail (CD_IS_ACCOUNTS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Typing anywhere in the window searches, while the list is shown. */
static void
cd_accounts_page_map (GtkWidget *widget)
{
  CdAccountsPage *self = CD_ACCOUNTS_PAGE (widget);

  GTK_WIDGET_CLASS (cd_accounts_page_parent_class)->map (widget);
  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           GTK_WIDGET (gtk_widget_get_root (widget)));
}

static void
cd_accounts_page_unmap (GtkWidget *widget)
{
  CdAccountsPage *self = CD_ACCOUNTS_PAGE (widget);

  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
  GTK_WIDGET_CLASS (cd_accounts_page_parent_class)->unmap (widget);
}

static void
cd_accounts_page_dispose (GObject *object)
{
  CdAccountsPage *self = CD_ACCOUNTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  g_clear_object (&self->removed);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* The toast overlay is both a template child and the bin's child: let the bin drop
   * it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ACCOUNTS_PAGE);
  /* The list view may hold on to the filtered list a while yet (a selection model
   * keeps it): it must no longer follow the accounts, nor call back here. */
  if (self->filtered != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->filtered, self);
      gtk_filter_list_model_set_model (self->filtered, NULL);
    }
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  g_clear_object (&self->paced);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (cd_accounts_page_parent_class)->dispose (object);
}

static void
cd_accounts_page_finalize (GObject *object)
{
  CdAccountsPage *self = CD_ACCOUNTS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->search_key);

  G_OBJECT_CLASS (cd_accounts_page_parent_class)->finalize (object);
}

static void
cd_accounts_page_class_init (CdAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_accounts_page_dispose;
  object_class->finalize = cd_accounts_page_finalize;

  widget_class->map = cd_accounts_page_map;
  widget_class->unmap = cd_accounts_page_unmap;

  signals[ACCOUNT_ACTIVATED] =
    g_signal_new ("account-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CD_TYPE_ACCOUNT);
  signals[ADD_ACCOUNT] =
    g_signal_new ("add-account", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CD_TYPE_ACCOUNT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cashdesk_login/CashDeskLogin/cd-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAccountsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdAccountsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdAccountsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdAccountsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CdAccountsPage, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CdAccountsPage, export_button);
  gtk_widget_class_bind_template_callback (widget_class, cd_accounts_page_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_accounts_page_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_accounts_page_setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_accounts_page_bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_accounts_page_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_accounts_page_list_key_cb);

  gtk_widget_class_install_action (widget_class, "accounts.add", NULL,
                                   cd_accounts_page_add_action);
  gtk_widget_class_install_action (widget_class, "accounts.remove", "(ss)",
                                   cd_accounts_page_remove_action);
  gtk_widget_class_install_action (widget_class, "accounts.undo-remove", NULL,
                                   cd_accounts_page_undo_remove_action);
  gtk_widget_class_install_action (widget_class, "accounts.export", NULL,
                                   cd_accounts_page_export_action);
  gtk_widget_class_install_action (widget_class, "accounts.open-saved", "s",
                                   cd_accounts_page_open_saved_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "accounts.undo-remove", NULL);
}

static void
cd_accounts_page_init (CdAccountsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->search_key = g_strdup ("");
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->filter = gtk_custom_filter_new (cd_accounts_page_filter_func, self, NULL);
  /* The accounts come with cd_accounts_page_set_accounts(). */
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));

  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  cd_accessible_watch_toasts (self->toast_overlay);

  /* Before the entry's text sees the key. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (cd_accounts_page_search_key_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  /* Rows are there to be chosen, not selected. */
  self->paced = cd_paced_model_new (G_LIST_MODEL (self->filtered), self->list_view);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->paced)))));
}
