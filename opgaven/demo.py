def seed(users):
    """Demo opgaven of Gemeente Demodam. Filled in by the opgaven example."""
