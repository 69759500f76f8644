"""Managing rounds (officials): the opgave's participation tab, round settings and
status, feedback on every input, and the moderation queue."""

urlpatterns = []
