import logging

import pytest


class _Verzamelaar(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.regels: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.regels.append(self.format(record))


@pytest.fixture
def auditlog():
    """Every line written on the ``audit`` logger during the test, as text."""
    verzamelaar = _Verzamelaar()
    logger = logging.getLogger("audit")
    logger.addHandler(verzamelaar)
    try:
        yield verzamelaar.regels
    finally:
        logger.removeHandler(verzamelaar)
