/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-paced-model.c: a list model that shows another one (the model), its first items
 * first: new items come in a few at a time, as many each frame as a list view can make
 * rows for in a fraction of the frame, until every item is in.
 *
 * GTK 4.8's list view makes a row, at once, for every item within some 200 of where it
 * is scrolled, whatever its window shows: a search that brought back 500 accounts, or
 * the list opening on them, made 200 rows in one turn of the main loop (a third of a
 * second). Through this model the rows on screen come within the first few frames, and
 * the rest follow, each frame short; items that get no row (past those 200) come in
 * many at a time. What the list shows is always the model's first items, in its order,
 * so positions are the same in both. Nothing comes in while the list view is hidden:
 * it would make the rows for all of them when it is next laid out.
 *
 * Whether an item would cost a row is whether the list view has one bound to it now:
 * this model watches the list view's factory. Changes that let in no more than a few
 * items without rows (removing an account, putting one back) pass through as they
 * are, and the list view keeps its rows and where it is scrolled. A larger change (a
 * search) shows what it changed from its first item on again, those that keep their
 * rows first. */
#include "config.h"

#include "cd-paced-model.h"

/* New rows a turn of the main loop may make, at first, and after a change that also
 * lets go of many: the list view makes and binds them, and the frame after lays them
 * out and draws them, beside the frame's own 5 ms. Then as many as keep the frames
 * that let them in under the goal below, one fewer after each over it, one more after
 * each well under it (on 2 cores, 16 rows take some 6 ms). */
#define CD_PACED_MODEL_ROWS_FIRST 2
#define CD_PACED_MODEL_ROWS_MOST 16
/* A frame letting rows in: its tick, layout and drawing, within a 60 Hz frame, with
 * room left for the rest of the main loop's turn. */
#define CD_PACED_MODEL_FRAME_GOAL_US 13000
/* And the time letting items in may take in a turn: items that get no row (past the
 * some 200 the list view keeps) cost little each, but not nothing. */
#define CD_PACED_MODEL_BUDGET_US 4000

struct _CdPacedModel
{
  GObject      parent_instance;

  GListModel  *model;
  /* Weak: whose frames pace this, and whose factory says which items have rows. */
  GtkListView *list_view;
  GtkListItemFactory *factory;
  guint        tick_id;
  /* The frame clock of the frames the ticks are in, while they are, and when the last
   * tick began: how long its frame took says how many rows the next may make. */
  GdkFrameClock *clock;
  gint64       tick_start;
  guint        rows_per_turn;
  gboolean     complete;
  /* This turn of the main loop: until when it may let items in, and the rows bound
   * (made or given another item) before it began, of all those bound so far. */
  gint64       turn_deadline;
  guint64      turn_binds;
  guint64      binds;
  /* The model's first items, let in so far (references). */
  GPtrArray   *shown;
  /* Items that a row of the list view is bound to now (no references: a row holds one). */
  GHashTable  *with_rows;
};

static void cd_paced_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdPacedModel, cd_paced_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cd_paced_model_list_model_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
cd_paced_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (CD_PACED_MODEL (list)->model);
}

static guint
cd_paced_model_get_n_items (GListModel *list)
{
  return CD_PACED_MODEL (list)->shown->len;
}

static gpointer
cd_paced_model_get_item (GListModel *list,
                         guint       position)
{
  CdPacedModel *self = CD_PACED_MODEL (list);

  return position < self->shown->len ? g_object_ref (g_ptr_array_index (self->shown, position)) : NULL;
}

static void
cd_paced_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_paced_model_get_item_type;
  iface->get_n_items = cd_paced_model_get_n_items;
  iface->get_item = cd_paced_model_get_item;
}

/* How many of the model's items from @position on can come in while at most @max_new
 * of them need a new row. */
static guint
cd_paced_model_run_length (CdPacedModel *self,
                           guint         position,
                           guint         max_new)
{
  guint n_items = g_list_model_get_n_items (self->model);
  guint n_new = 0;
  guint i;

  for (i = position; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, i);

      if (!g_hash_table_contains (self->with_rows, item) && n_new++ == max_new)
        break;
    }
  return i - position;
}

/* Shows the model's items [@position, @position + @added) in place of the @removed
 * shown from @position on, and says so. */
static void
cd_paced_model_splice (CdPacedModel *self,
                       guint         position,
                       guint         removed,
                       guint         added)
{
  g_ptr_array_remove_range (self->shown, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->shown, position + i, g_list_model_get_item (self->model, position + i));
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Whether the list view is on screen: only then are items let in. Hidden, it would
 * make the rows for all of them at once when it first lays them out. */
static gboolean
cd_paced_model_on_screen (CdPacedModel *self)
{
  return self->list_view != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->list_view));
}

/* A turn of the main loop begins: it may let in items until its budget is spent. */
static void
cd_paced_model_begin_turn (CdPacedModel *self)
{
  self->turn_deadline = g_get_monotonic_time () + CD_PACED_MODEL_BUDGET_US;
  self->turn_binds = self->binds;
}

/* Rows this turn may still make, if it has time left. */
static guint
cd_paced_model_rows_left (CdPacedModel *self)
{
  guint64 made = self->binds - self->turn_binds;

  if (g_get_monotonic_time () >= self->turn_deadline || made >= self->rows_per_turn)
    return 0;
  return self->rows_per_turn - made;
}

/* Lets in more of the model while the turn's budget lasts: an item at a time while the
 * list view makes rows for them, then ever more at a time while it makes none. Returns
 * whether it is all in. */
static gboolean
cd_paced_model_let_in (CdPacedModel *self)
{
  guint n_items = g_list_model_get_n_items (self->model);
  guint step = 1;
  gboolean complete;

  while (self->shown->len < n_items && cd_paced_model_on_screen (self)
         && cd_paced_model_rows_left (self) > 0)
    {
      guint64 binds = self->binds;

      cd_paced_model_splice (self, self->shown->len, 0, MIN (step, n_items - self->shown->len));
      step = self->binds == binds ? step * 2 : 1;
    }

  complete = self->shown->len == n_items;
  if (complete != self->complete)
    {
      self->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
  return complete;
}

/* A frame a tick let rows in is drawn: fewer rows next time if it took too long, one
 * more if it had time to spare. */
static void
cd_paced_model_after_paint_cb (CdPacedModel  *self,
                               GdkFrameClock *clock)
{
  gint64 frame_us = g_get_monotonic_time () - self->tick_start;

  if (self->tick_start == 0)
    return;
  self->tick_start = 0;
  if (frame_us > CD_PACED_MODEL_FRAME_GOAL_US && self->rows_per_turn > 1)
    self->rows_per_turn--;
  else if (frame_us < CD_PACED_MODEL_FRAME_GOAL_US * 3 / 4 && self->rows_per_turn < CD_PACED_MODEL_ROWS_MOST)
    self->rows_per_turn++;
}

static void
cd_paced_model_start_timing (CdPacedModel *self)
{
  self->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view)));
  self->tick_start = 0;
  g_signal_connect_object (self->clock, "after-paint", G_CALLBACK (cd_paced_model_after_paint_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
cd_paced_model_stop_timing (CdPacedModel *self)
{
  if (self->clock == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_object (&self->clock);
}

static gboolean
cd_paced_model_tick_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  CdPacedModel *self = user_data;

  cd_paced_model_begin_turn (self);
  self->tick_start = g_get_monotonic_time ();
  if (!cd_paced_model_let_in (self))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  cd_paced_model_stop_timing (self);
  return G_SOURCE_REMOVE;
}

/* Lets in what this turn has left for; the next frames go on. */
static void
cd_paced_model_pace (CdPacedModel *self)
{
  gboolean complete = cd_paced_model_let_in (self);

  if (!complete && self->tick_id == 0 && cd_paced_model_on_screen (self))
    {
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                    cd_paced_model_tick_cb, self, NULL);
      cd_paced_model_start_timing (self);
    }
  else if ((complete || !cd_paced_model_on_screen (self)) && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->tick_id);
      self->tick_id = 0;
      cd_paced_model_stop_timing (self);
    }
}

/* Shown, the next frames go on letting items in (not at once: the list view is being
 * laid out as it is mapped); hidden, they stop. */
static void
cd_paced_model_map_cb (CdPacedModel *self)
{
  self->turn_deadline = 0;
  cd_paced_model_pace (self);
}

/* How many of the model's items [@position, @position + @added) have no row. */
static guint
cd_paced_model_count_new (CdPacedModel *self,
                          guint         position,
                          guint         added)
{
  guint n_new = 0;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, i);

      n_new += !g_hash_table_contains (self->with_rows, item);
    }
  return n_new;
}

static void
cd_paced_model_items_changed_cb (CdPacedModel *self,
                                 guint         position,
                                 guint         removed,
                                 guint         added,
                                 GListModel   *model)
{
  guint n_shown = self->shown->len;

  cd_paced_model_begin_turn (self);
  /* Past what is shown: it comes in in its turn. */
  if (position >= n_shown)
    ;
  /* Within it, and few new rows: as it is, the list view keeping its place. */
  else if (position + removed < n_shown
           && cd_paced_model_count_new (self, position, added) <= self->rows_per_turn)
    cd_paced_model_splice (self, position, removed, added);
  /* Otherwise from @position on again, first the items that keep their rows (within
   * the same change, the list view gives them back the rows they had), and only the
   * first few new ones: this turn also lets go of the rows of all those taken away. */
  else
    cd_paced_model_splice (self, position, n_shown - position,
                           cd_paced_model_run_length (self, position,
                                                      MIN (self->rows_per_turn, CD_PACED_MODEL_ROWS_FIRST)));
  cd_paced_model_pace (self);
}

static void
cd_paced_model_bind_cb (CdPacedModel *self,
                        GtkListItem  *list_item)
{
  g_hash_table_add (self->with_rows, gtk_list_item_get_item (list_item));
  self->binds++;
}

static void
cd_paced_model_unbind_cb (CdPacedModel *self,
                          GtkListItem  *list_item)
{
  g_hash_table_remove (self->with_rows, gtk_list_item_get_item (list_item));
}

/**
 * cd_paced_model_new:
 * @model: what to show
 * @list_view: the list view it is shown in, with a #GtkSignalListItemFactory
 *
 * Returns: (transfer full): a model to give @list_view (through a selection model).
 */
CdPacedModel *
cd_paced_model_new (GListModel  *model,
                    GtkListView *list_view)
{
  CdPacedModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_LIST_VIEW (list_view), NULL);
  g_return_val_if_fail (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (gtk_list_view_get_factory (list_view)), NULL);

  self = g_object_new (CD_TYPE_PACED_MODEL, "model", model, NULL);
  self->list_view = list_view;
  g_object_add_weak_pointer (G_OBJECT (list_view), (gpointer *) &self->list_view);
  self->factory = gtk_list_view_get_factory (list_view);
  g_object_add_weak_pointer (G_OBJECT (self->factory), (gpointer *) &self->factory);
  g_signal_connect_object (self->factory, "bind", G_CALLBACK (cd_paced_model_bind_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->factory, "unbind", G_CALLBACK (cd_paced_model_unbind_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (list_view, "map", G_CALLBACK (cd_paced_model_map_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (list_view, "unmap", G_CALLBACK (cd_paced_model_map_cb),
                           self, G_CONNECT_SWAPPED);
  /* Nothing in before the list view's first frame: it has not got this model yet. */
  cd_paced_model_pace (self);
  return self;
}

GListModel *
cd_paced_model_get_model (CdPacedModel *self)
{
  g_return_val_if_fail (CD_IS_PACED_MODEL (self), NULL);

  return self->model;
}

/* Whether every item of the model is in. */
gboolean
cd_paced_model_get_complete (CdPacedModel *self)
{
  g_return_val_if_fail (CD_IS_PACED_MODEL (self), FALSE);

  return self->complete;
}

/* Lets in at once every item up to @position (within the model): for the keyboard,
 * which goes to a row that must be there. */
void
cd_paced_model_show_through (CdPacedModel *self,
                             guint         position)
{
  guint n_items;

  g_return_if_fail (CD_IS_PACED_MODEL (self));

  n_items = g_list_model_get_n_items (self->model);
  if (n_items == 0)
    return;
  position = MIN (position, n_items - 1);
  if (position >= self->shown->len)
    cd_paced_model_splice (self, self->shown->len, 0, position + 1 - self->shown->len);
  /* Stops the ticks, and says so, when that was the last. */
  self->turn_deadline = 0;
  cd_paced_model_pace (self);
}

static void
cd_paced_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CdPacedModel *self = CD_PACED_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (cd_paced_model_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_paced_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdPacedModel *self = CD_PACED_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, cd_paced_model_get_complete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_paced_model_dispose (GObject *object)
{
  CdPacedModel *self = CD_PACED_MODEL (object);

  if (self->list_view != NULL)
    {
      if (self->tick_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->tick_id);
      g_signal_handlers_disconnect_by_data (self->list_view, self);
      g_object_remove_weak_pointer (G_OBJECT (self->list_view), (gpointer *) &self->list_view);
      self->list_view = NULL;
    }
  self->tick_id = 0;
  cd_paced_model_stop_timing (self);
  if (self->factory != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->factory, self);
      g_object_remove_weak_pointer (G_OBJECT (self->factory), (gpointer *) &self->factory);
      self->factory = NULL;
    }
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_ptr_array_set_size (self->shown, 0);

  G_OBJECT_CLASS (cd_paced_model_parent_class)->dispose (object);
}

static void
cd_paced_model_finalize (GObject *object)
{
  CdPacedModel *self = CD_PACED_MODEL (object);

  g_ptr_array_unref (self->shown);
  g_hash_table_unref (self->with_rows);

  G_OBJECT_CLASS (cd_paced_model_parent_class)->finalize (object);
}

static void
cd_paced_model_class_init (CdPacedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = cd_paced_model_set_property;
  object_class->get_property = cd_paced_model_get_property;
  object_class->dispose = cd_paced_model_dispose;
  object_class->finalize = cd_paced_model_finalize;

  /* The model shown: GtkNoSelection and GtkFilterListModel name theirs so too. */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_paced_model_init (CdPacedModel *self)
{
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->with_rows = g_hash_table_new (NULL, NULL);
  self->complete = TRUE;
  self->rows_per_turn = CD_PACED_MODEL_ROWS_FIRST;
}
