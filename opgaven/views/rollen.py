"""Opgaverollen: who holds which role on an opgave; assigning and ending roles."""

# Mounted under /opgaven/<slug>/ by opgaven/urls.py.
urlpatterns: list = []
