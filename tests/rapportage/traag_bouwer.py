"""A slow report builder for the worker tests (test_worker.py).

A real worker imports it with ``celery worker -I tests.rapportage.traag_bouwer``; it
then builds the portfolio CSV instead of the real builder. Each start is a line in
``TEST_RAPPORT_LOG``, and it waits while the file ``TEST_RAPPORT_HOLD`` exists, so a
test can kill the worker at a known point of a report.
"""

import os
import time

from rapportage.bouwers import BOUWERS
from rapportage.models import Formaat, Soort


def bouw(rapport, uit, voortgang) -> str:
    with open(os.environ["TEST_RAPPORT_LOG"], "a") as log:
        log.write(f"{rapport.pk}\n")
    voortgang(10)
    deadline = time.monotonic() + 60
    while os.path.exists(os.environ["TEST_RAPPORT_HOLD"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    uit.write(b"klaar\n")
    return "portfolio.csv"


BOUWERS[(Soort.PORTFOLIO.value, Formaat.CSV.value)] = bouw
