# SPDX-FileCopyrightText: 2026 CashDesk Login contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# A speech server for Orca that says nothing: the tests read what Orca would say from
# its debug log ("SPEECH OUTPUT: ..." lines), where Orca writes it before it hands the
# text to a server. Orca loads this module by name (its "speechServerFactory" setting).
from orca import speechserver


class SpeechServer(speechserver.SpeechServer):
    _active = None

    @staticmethod
    def getFactoryName():
        return "CashDesk tests: silent"

    @staticmethod
    def getSpeechServers():
        return [SpeechServer.getSpeechServer()]

    @staticmethod
    def getSpeechServer(info=None):
        if SpeechServer._active is None:
            SpeechServer._active = SpeechServer()
        return SpeechServer._active

    @staticmethod
    def shutdownActiveServers():
        SpeechServer._active = None

    def getInfo(self):
        return [self.getFactoryName(), "silent"]

    def getVoiceFamilies(self):
        return []

    # Speaking, saying all, rates and pitches: every one of them is silence, so the
    # base class's empty methods are what this server does; say all still reports its
    # end, or Orca would wait for it.
    def sayAll(self, utteranceIterator, progressCallback):
        for context, _acss in utteranceIterator:
            progressCallback(context, speechserver.SayAllContext.COMPLETED)
