from django.conf import settings

from config.celery import app


def test_the_daily_permission_sync_is_scheduled_and_registered():
    entry = settings.CELERY_BEAT_SCHEDULE["opgaven-permissions-sync"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert entry["task"] == "opgaven.tasks.opgave_permissions_sync_daily"
