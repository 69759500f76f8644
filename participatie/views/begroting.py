"""Pages of the participatory budget: the budget page, proposals, and managing it.

(Helper "voorstellen" builds this module.)"""

urlpatterns: list = []
