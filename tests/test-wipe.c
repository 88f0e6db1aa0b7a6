/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-wipe.c: once a sign-in is over and its objects are freed, no copy of the password
 * is left anywhere in the process's writable memory: heap, stacks, data. The test reads
 * its own memory map and searches every writable mapping.
 *
 * The demo server runs as a program of its own: its copies of the password are not the
 * client's. glibc's MALLOC_PERTURB_ (which the test environment sets) scribbles over
 * freed memory and would hide a missing wipe, so it is turned off here. */
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/prctl.h>

#include "cd-client.h"
#include "cd-error.h"
#include "cd-wipe.h"
#include "test-process.h"
#include "test-util.h"

#define PASSWORD_LENGTH 32
/* The password is kept only masked, so that the test itself holds no copy to find. */
#define MASK 0x5a
/* Larger writable mappings are a sanitizer's shadow memory, not the program's. */
#define MAX_MAPPING (1024 * 1024 * 1024UL)

static guchar masked[PASSWORD_LENGTH];
/* Static, so that reading the map allocates nothing: an allocation could reuse a freed
 * block that still holds the password and so hide it. */
static char maps[1024 * 1024];

#if defined(__SANITIZE_ADDRESS__)
#define WITH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WITH_ASAN 1
#endif
#endif

#ifdef WITH_ASAN
#include <sanitizer/asan_interface.h>
#define NO_SANITIZE __attribute__((no_sanitize_address, noinline))
/* AddressSanitizer keeps freed blocks out of use for a while, as they were. Among them
 * is the one copy that is not the client's to wipe: libsoup writes a request body with
 * g_output_stream_splice_async(), which copies it through an 8 KiB buffer that GIO frees
 * without wiping (glibc hands that block out again for the answer at once). Under
 * AddressSanitizer only the memory still in use is searched. */
#define IS_FREED(p) __asan_address_is_poisoned (p)
#else
#define NO_SANITIZE
#define IS_FREED(p) FALSE
#endif

/* Counts the copies of the password in [@start, @end). Freed memory is read on purpose,
 * so AddressSanitizer must not check these reads, nor an intercepted memchr(). */
NO_SANITIZE static guint
count_in (const guchar *start,
          const guchar *end)
{
  guint found = 0;

  for (const guchar *p = start; p + PASSWORD_LENGTH <= end; p++)
    {
      gsize i = 0;

      while (i < PASSWORD_LENGTH && (p[i] ^ MASK) == masked[i])
        i++;
      if (i == PASSWORD_LENGTH && !IS_FREED (p))
        found++;
    }
  return found;
}

static guint
count_copies (void)
{
  int fd = open ("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  gsize length = 0;
  gssize n;
  guint found = 0;

  g_assert_cmpint (fd, >=, 0);
  while ((n = read (fd, maps + length, sizeof maps - 1 - length)) > 0)
    length += (gsize) n;
  close (fd);
  g_assert_cmpuint (length, <, sizeof maps - 1);
  maps[length] = '\0';

  for (char *line = maps; line != NULL && *line != '\0'; )
    {
      char *next = strchr (line, '\n');
      unsigned long start = 0;
      unsigned long end = 0;
      char perms[5] = "";

      if (next != NULL)
        *next++ = '\0';
      if (sscanf (line, "%lx-%lx %4s", &start, &end, perms) == 3 &&
          perms[0] == 'r' && perms[1] == 'w' && end - start <= MAX_MAPPING &&
          strstr (line, "[vvar]") == NULL)
        found += count_in ((const guchar *) start, (const guchar *) end);
      line = next;
    }
  return found;
}

static char *server_url;

static void
test_password_wiped (void)
{
  char *password = g_malloc (PASSWORD_LENGTH + 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CdClient *client;
  CdAccount *account;

  for (gsize i = 0; i < PASSWORD_LENGTH; i++)
    {
      password[i] = (char) g_test_rand_int_range ('a', 'z' + 1);
      masked[i] = (guchar) password[i] ^ MASK;
    }
  password[PASSWORD_LENGTH] = '\0';

  client = cd_client_new (server_url, FALSE, &error);
  g_assert_no_error (error);
  /* Nobody: the server refuses, after the password went all the way through. */
  cd_client_authenticate_async (client, "nobody@demo.test", password, NULL,
                                test_store_result, &result);
  cd_wipe_string (password);

  /* The request body holds it while the request runs: this shows the search works. */
  g_assert_cmpuint (count_copies (), >=, 1);

  test_wait_for_result (&result, 20);
  account = cd_client_authenticate_finish (client, result, &error);
  g_assert_null (account);
  g_assert_error (error, CD_ERROR, CD_ERROR_REJECTED);
  g_clear_object (&result);
  g_object_unref (client);

  /* libsoup lets go of the message from an idle callback. */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_copies (), ==, 0);
}

/* A child must not outlive a test that aborted. */
static void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *program = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  mallopt (M_PERTURB, 0);
  test_init (&argc, &argv);

  program = test_program_path ("src/demo/cashdesk-demo-server");
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  server = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  server_url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server_url);

  g_test_add_func ("/wipe/password", test_password_wiped);
  status = g_test_run ();

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_free (server_url);
  return status;
}
