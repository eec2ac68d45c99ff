"""Bench mode only (settings add this when BENCH_TIMING is set): every response says how many
database queries it took (`X-Query-Count`) and how long the server spent on it (`Server-Timing`).
Outermost in MIDDLEWARE, so the session and authentication queries count too."""

import time

from django.db import connection


def timing(get_response):
    def middleware(request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = get_response(request)
        response["X-Query-Count"] = str(queries)
        response["Server-Timing"] = f"app;dur={1000 * (time.perf_counter() - started):.2f}"
        return response

    return middleware
