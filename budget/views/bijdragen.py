"""Budget views: bijdragen."""

urlpatterns = []
