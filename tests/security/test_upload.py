"""File upload (issue 10 point 7, ASVS 12.1-12.5): there is none, and this keeps it so.

The platform takes no files from its users: the only files are the ones it makes
itself (reports, personal-data exports), in ``FileField``s that forms cannot edit.
These tests fail the day a form, a model form or an editable model field accepts a
file, so that upload gets its type, size and name checks (and tests) first.
"""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path
from pkgutil import walk_packages

from django import forms
from django.apps import apps
from django.db import models

PROJECT_APPS = (
    "accounts",
    "meldingen",
    "partners",
    "opgaven",
    "budget",
    "participatie",
    "leren",
    "rapportage",
    "config",
)


def _form_classes() -> set[type[forms.BaseForm]]:
    gevonden: set[type[forms.BaseForm]] = set()
    for app in PROJECT_APPS:
        package = import_module(app)
        modules = [package]
        if hasattr(package, "__path__"):
            for info in walk_packages(package.__path__, f"{app}."):
                if ".migrations" in info.name or ".tests" in info.name:
                    continue
                modules.append(import_module(info.name))
        for module in modules:
            for _naam, obj in inspect.getmembers(module, inspect.isclass):
                if issubclass(obj, forms.BaseForm) and obj.__module__.startswith(app):
                    gevonden.add(obj)
    return gevonden


def test_the_project_has_forms_to_check():
    # Guards the walk above: it really finds the project's forms.
    assert len(_form_classes()) > 30


def test_no_form_accepts_a_file():
    met_bestand = sorted(
        f"{cls.__module__}.{cls.__qualname__}.{naam}"
        for cls in _form_classes()
        for naam, veld in cls.base_fields.items()
        if isinstance(veld, forms.FileField)
    )
    assert not met_bestand, (
        f"These forms accept a file upload: {met_bestand}. Validate its type (content, "
        "not the name), size and file name, store it outside the web root, and add tests "
        "to tests/security/test_upload.py before allowing it."
    )


def test_no_editable_file_field_in_the_models():
    bewerkbaar = sorted(
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and field.editable
    )
    assert not bewerkbaar, f"Model file fields a form or the admin could upload to: {bewerkbaar}"


def test_no_view_reads_uploaded_files():
    lezers = []
    for app in PROJECT_APPS:
        package = import_module(app)
        for info in walk_packages(package.__path__, f"{app}."):
            if ".migrations" in info.name:
                continue
            bron = Path(import_module(info.name).__file__).read_text(encoding="utf-8")
            if "request.FILES" in bron:
                lezers.append(info.name)
    assert not lezers, f"These modules read request.FILES: {lezers}"
