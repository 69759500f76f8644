"""Rows of the URL permission matrix per area, kept next to each other.

Each module holds a ``CASES`` list built with the helpers of
``tests/permission_matrix.py``; ``matrix_cases()`` collects them all.
"""

from importlib import import_module
from pkgutil import iter_modules


def matrix_cases() -> list:
    cases: list = []
    for module in sorted(info.name for info in iter_modules(__path__)):
        cases.extend(import_module(f"{__name__}.{module}").CASES)
    return cases
