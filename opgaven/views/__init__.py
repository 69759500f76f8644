"""Pages of opgaven (function views, STYLE "Views"), one module per area; see ``urls.py``."""
