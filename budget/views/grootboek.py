"""Budget views: grootboek."""

urlpatterns = []
