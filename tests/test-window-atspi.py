#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 CashDesk Login contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# test-window-atspi.py: the real window as a screen reader meets it. The program runs
# with GTK_A11Y=atspi on an accessibility bus of this session's own; this process
# listens to AT-SPI as Orca does (Debian's python3-pyatspi) and drives the window
# through it: the names, roles, text and descriptions it is told, and the events that
# tell it something changed. Run through build-aux/test-session --display. TAP output.
import os
import re
import ctypes
import signal
import subprocess
import sys
import time

# The program under test gets G_DEBUG (fatal-warnings); this listener does not, as
# libatspi warns of objects that went away between an event and its reading.
APP_G_DEBUG = os.environ.pop('G_DEBUG', None)

import gi  # noqa: E402
gi.require_version('Atspi', '2.0')
from gi.repository import Gio, GLib  # noqa: E402
import pyatspi  # noqa: E402

DEADLINE = 20
TYPE_NAME = re.compile(r'^(Gtk|Adw|Cd)[A-Z][A-Za-z]+$')
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SWITCH if hasattr(pyatspi, 'ROLE_SWITCH') else -1,
}

results = []
events = []
processes = []


def log(message):
    for line in str(message).splitlines():
        print('# ' + line, flush=True)


def pump(seconds=0.0):
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while True:
        while context.iteration(False):
            pass
        if time.monotonic() >= end:
            return
        time.sleep(0.01)


def wait_for(what, predicate, timeout=DEADLINE):
    """Runs the main loop until predicate() is true; fails the test after timeout."""
    end = time.monotonic() + timeout
    while True:
        pump()
        try:
            value = predicate()
        except Exception:  # the tree changes under our feet while the app works
            value = None
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError('timed out after %d s waiting for %s' % (timeout, what))
        time.sleep(0.02)


def walk(accessible):
    if accessible is None:
        return
    yield accessible
    try:
        children = list(accessible)
    except Exception:
        return
    for child in children:
        yield from walk(child)


def find_all(root, predicate):
    found = []
    for accessible in walk(root):
        try:
            if predicate(accessible):
                found.append(accessible)
        except Exception:
            pass
    return found


def find(root, predicate):
    found = find_all(root, predicate)
    return found[0] if found else None


def named(role, name):
    return lambda a: a.getRole() == role and a.name == name


def text_of(accessible):
    text = accessible.queryText()
    return text.getText(0, text.characterCount)


def press(accessible):
    action = accessible.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    index = next((i for i, n in enumerate(names) if n in ('click', 'activate', 'press')), 0)
    action.doAction(index)


def type_into(accessible, text):
    assert accessible.queryEditableText().setTextContents(text)


def on_event(event):
    try:
        child = event.any_data if 'children-changed' in event.type else None
        events.append({
            'type': event.type,
            'detail': event.detail1,
            'role': event.source.getRole(),
            'name': event.source.name,
            'description': event.source.description,
            'child': (child.getRole(), child.name, child.description) if child is not None else None,
        })
    except Exception:
        pass


def event_seen(predicate):
    return next((e for e in events if predicate(e)), None)


def test(name):
    def wrap(function):
        results.append((name, function))
        return function
    return wrap


def bad_names(frame):
    """Every control a screen reader can land on, with a name that is missing, a type
    name, a mnemonic underscore or the same words twice."""
    bad = []
    for accessible in walk(frame):
        try:
            role = accessible.getRole()
            name = accessible.name or ''
        except Exception:
            continue
        if role not in CONTROL_ROLES:
            continue
        words = name.split()
        half = len(words) // 2
        doubled = len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]
        if name.strip() == '' or TYPE_NAME.match(name) or '_' in name or doubled:
            bad.append('%s %r' % (accessible.getRoleName(), name))
    return bad


# The window under test.

frame = None


def frame_child(predicate, what):
    return wait_for(what, lambda: find(frame, predicate))


@test('the email and password fields announce name, role and content')
def test_fields():
    email = frame_child(named(pyatspi.ROLE_TEXT, 'Email'), 'the Email field')
    password = frame_child(named(pyatspi.ROLE_PASSWORD_TEXT, 'Password'), 'the Password field')
    for field in (email, password):
        states = field.getState()
        assert states.contains(pyatspi.STATE_EDITABLE), field.name
        assert states.contains(pyatspi.STATE_FOCUSABLE), field.name

    type_into(email, 'cashier@demo.test')
    wait_for('the email typed in', lambda: text_of(email) == 'cashier@demo.test')
    type_into(password, 'secret')
    wait_for('the password typed in', lambda: password.queryText().characterCount == 6)

    # A fresh start: the focus is in the email field, which a screen reader says.
    assert email.getState().contains(pyatspi.STATE_FOCUSED)


@test('every control has one clean name')
def test_names():
    bad = bad_names(frame)
    assert bad == [], bad
    sign_in = find(frame, named(pyatspi.ROLE_PUSH_BUTTON, 'Sign In'))
    assert sign_in is not None
    menu = find_all(frame, lambda a: a.getRole() in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON)
                    and a.name == 'Main Menu')
    assert menu, 'no Main Menu button'


@test('an error is an alert named by its title, and its appearance is announced')
def test_error_alert():
    email = frame_child(named(pyatspi.ROLE_TEXT, 'Email'), 'the Email field')
    password = frame_child(named(pyatspi.ROLE_PASSWORD_TEXT, 'Password'), 'the Password field')
    type_into(email, 'cashier@demo.test')
    type_into(password, 'not the password')
    sign_in = frame_child(named(pyatspi.ROLE_PUSH_BUTTON, 'Sign In'), 'Sign In')
    wait_for('Sign In enabled', lambda: sign_in.getState().contains(pyatspi.STATE_SENSITIVE))

    events.clear()
    press(sign_in)
    appeared = wait_for('the alert to be announced', lambda: event_seen(
        lambda e: e['type'].startswith('object:children-changed:add') and e['child'] is not None
        and e['child'][0] == pyatspi.ROLE_ALERT))
    role, name, description = appeared['child']
    assert name == 'Sign-in refused', name
    # The server's reason alone: the heading is not said twice.
    assert description and 'refused' not in description, description

    alert = find(frame, lambda a: a.getRole() == pyatspi.ROLE_ALERT and a.name == 'Sign-in refused')
    assert alert is not None
    # The focus goes back to the password, which says why.
    focused = wait_for('focus back on the password', lambda: event_seen(
        lambda e: e['type'] == 'object:state-changed:focused' and e['detail'] == 1
        and e['role'] == pyatspi.ROLE_PASSWORD_TEXT))
    assert 'Sign-in refused' in focused['description'], focused


@test('signing in: the focused Cancel button is described by what it cancels')
def test_busy():
    email = frame_child(named(pyatspi.ROLE_TEXT, 'Email'), 'the Email field')
    password = frame_child(named(pyatspi.ROLE_PASSWORD_TEXT, 'Password'), 'the Password field')
    type_into(email, 'slow@demo.test')
    type_into(password, 'demo')
    sign_in = frame_child(named(pyatspi.ROLE_PUSH_BUTTON, 'Sign In'), 'Sign In')
    wait_for('Sign In enabled', lambda: sign_in.getState().contains(pyatspi.STATE_SENSITIVE))

    # Found beforehand: the demo server answers this account after 3 s.
    cancel = frame_child(named(pyatspi.ROLE_PUSH_BUTTON, 'Cancel'), 'Cancel')
    events.clear()
    press(sign_in)
    focused = wait_for('focus on Cancel', lambda: event_seen(
        lambda e: e['type'] == 'object:state-changed:focused' and e['detail'] == 1
        and e['role'] == pyatspi.ROLE_PUSH_BUTTON))
    assert focused['name'] == 'Cancel', focused
    assert focused['description'] == 'Signing in…', focused
    press(cancel)
    wait_for('focus back on the password', lambda: event_seen(
        lambda e: e['type'] == 'object:state-changed:focused' and e['detail'] == 1
        and e['role'] == pyatspi.ROLE_PASSWORD_TEXT))


@test('the account page: each row describes what it shows')
def test_account_rows():
    email = frame_child(named(pyatspi.ROLE_TEXT, 'Email'), 'the Email field')
    password = frame_child(named(pyatspi.ROLE_PASSWORD_TEXT, 'Password'), 'the Password field')
    type_into(email, 'cashier@demo.test')
    type_into(password, 'demo')
    sign_in = frame_child(named(pyatspi.ROLE_PUSH_BUTTON, 'Sign In'), 'Sign In')
    wait_for('Sign In enabled', lambda: sign_in.getState().contains(pyatspi.STATE_SENSITIVE))
    press(sign_in)

    def row(title):
        return find(frame, lambda a: a.name == title and a.getRole() != pyatspi.ROLE_LABEL
                    and (a.description or '') != '')

    shift = wait_for('the register row', lambda: row('Register with an Open Shift'))
    assert '4000055255' in shift.description, shift.description
    registers = wait_for('the registers row', lambda: row('Cash Registers'))
    assert registers.description == 'Active', registers.description
    expires = wait_for('the certificate row', lambda: row('Expires'))
    assert re.search(r'\d\d\.\d\d\.\d{4}', expires.description), expires.description
    assert 'days left' in expires.description, expires.description
    assert 'Valid' in expires.description, expires.description

    # A toast, and the button that closes it.
    copy = frame_child(named(pyatspi.ROLE_PUSH_BUTTON, 'Copy Register Number'), 'Copy Register Number')
    press(copy)
    wait_for('the toast', lambda: find(frame, lambda a: a.name == 'Register number copied'))
    wait_for('the toast\'s close button named', lambda: find(frame, named(pyatspi.ROLE_PUSH_BUTTON, 'Dismiss')))
    bad = bad_names(frame)
    assert bad == [], bad


def start():
    global frame
    build = os.environ['CD_BUILD_DIR']
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def has_owner(name):
        reply = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                              'NameHasOwner', GLib.Variant('(s)', (name,)), None,
                              Gio.DBusCallFlags.NONE, -1, None)
        return reply.unpack()[0]

    # Xvfb resets itself whenever its last client leaves (at-spi-bus-launcher is one,
    # briefly), and refuses connections while it does: this process stays connected
    # for the whole test, so that the program's connection always finds it up.
    xlib = ctypes.CDLL('libX11.so.6')
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x_display = wait_for('a connection to the X display', lambda: xlib.XOpenDisplay(None))
    log('connected to the X display %s (%#x)' % (os.environ['DISPLAY'], x_display))

    processes.append(subprocess.Popen(['/usr/libexec/at-spi-bus-launcher', '--launch-immediately'],
                                      stdout=subprocess.DEVNULL))
    wait_for('the accessibility bus', lambda: has_owner('org.a11y.Bus'))

    env = dict(os.environ, GTK_A11Y='atspi')
    if APP_G_DEBUG is not None:
        env['G_DEBUG'] = APP_G_DEBUG
    env.pop('NO_AT_BRIDGE', None)
    processes.append(subprocess.Popen([os.path.join(build, 'src', 'app', 'cashdesk-login'), '--demo'],
                                      env=env))

    for event in ('object:state-changed:focused', 'object:children-changed',
                  'object:property-change:accessible-name'):
        pyatspi.Registry.registerEventListener(on_event, event)

    def application():
        desktop = pyatspi.Registry.getDesktop(0)
        return next((a for a in desktop if a is not None and 'cashdesk' in (a.name or '')), None)

    def started():
        if processes[-1].poll() is not None:
            raise SystemExit('cashdesk-login exited with status %d' % processes[-1].returncode)
        return application()

    app = wait_for('the program on the accessibility bus', started)
    frame = wait_for('its window', lambda: next((w for w in app if w is not None and w.getRole() == pyatspi.ROLE_FRAME), None))
    wait_for('the sign-in form', lambda: find(frame, named(pyatspi.ROLE_TEXT, 'Email')))
    # A screen reader has looked at the whole window once (as Orca's flat review does).
    log('%d accessibles in the window' % sum(1 for _ in walk(frame)))


def main():
    print('1..%d' % len(results), flush=True)
    failed = 0
    try:
        start()
    except Exception as error:
        for number, (name, _) in enumerate(results, 1):
            print('not ok %d - %s' % (number, name))
        log('could not start: %r' % error)
        return 1
    for number, (name, function) in enumerate(results, 1):
        try:
            function()
            print('ok %d - %s' % (number, name), flush=True)
        except Exception as error:
            failed += 1
            print('not ok %d - %s' % (number, name), flush=True)
            log(repr(error))
            log('events: %r' % events[-15:])
            log('buttons: %r' % [a.name for a in find_all(frame, lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON)])
    return 1 if failed else 0


if __name__ == '__main__':
    try:
        status = main()
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    sys.exit(status)
