"""An e-mail backend for worker processes under test: one line per message in a file.

Set ``EMAIL_BACKEND=tests.mail_backend.EmailBackend`` and ``TEST_MAIL_LOG=<path>``
in the worker's environment. Each message is rendered in full, as the SMTP backend
would, and recorded as ``<X-Melding-Id or ->\\t<recipients>``. Several worker
processes may append to the same file: each line is one ``os.write`` on a file
opened with ``O_APPEND``, so lines never interleave.

``TEST_MAIL_HOLD=<path>`` is a breakpoint for tests: while that file lists a
recipient (one address a line), a message to them waits just before it is handed
over, and its address is appended to ``<path>.held`` once.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


def _append(path: str | Path, line: str) -> None:
    log = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(log, line.encode())
    finally:
        os.close(log)


def _held(recipient: str) -> bool:
    hold = Path(os.environ.get("TEST_MAIL_HOLD", "/nonexistent"))
    try:
        return recipient in hold.read_text().split()
    except FileNotFoundError:
        return False


def _wait_while_held(recipients: list[str]) -> None:
    announced = False
    while any(_held(recipient) for recipient in recipients):
        if not announced:
            _append(os.environ["TEST_MAIL_HOLD"] + ".held", f"{','.join(recipients)}\n")
            announced = True
        time.sleep(0.05)


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            mime = message.message()
            mime.as_bytes()  # the whole message, as it would go over SMTP
            recipients = message.recipients()
            _wait_while_held(recipients)
            _append(
                os.environ["TEST_MAIL_LOG"],
                f"{mime['X-Melding-Id'] or '-'}\t{','.join(recipients)}\n",
            )
        return len(email_messages)
