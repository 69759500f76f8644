#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Load the settings now: a missing production variable should stop the
        # command with its one-line message, not a traceback further on.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        sys.exit(f"{error}\n(Ontwikkelen op deze machine? Gebruik DJANGO_DEBUG=1 of `make run`.)")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
