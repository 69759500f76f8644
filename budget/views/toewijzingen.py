"""Budget views: toewijzingen."""

urlpatterns = []
