"""Counts the SQL statements of a request, for ``bench/load.py`` (see ``bench/wsgi.py``)."""

from django.db import connection


class SqlTeller:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        aantal = 0

        def tellen(execute, sql, params, many, context):
            nonlocal aantal
            aantal += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(tellen):
            response = self.get_response(request)
        response["X-Sql-Queries"] = str(aantal)
        return response
