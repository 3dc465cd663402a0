"""Time (and optionally profile) one page in-process against a database `make bench` kept.

    .venv/bin/python -m bench.run --database sanctuary_bench_full --only none   # build, keep
    .venv/bin/python -m bench.profile /campaigns/dashboard/ --as staff@example.org [--cprofile]

Production settings, the same fixed field key as a kept benchmark database, the Django test
client (no server, no load): a quick way to see where one request's time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--as", dest="email", help="sign in as this user first")
    parser.add_argument("--database", default=os.environ.get("BENCH_DB", "sanctuary_bench_full"))
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--cprofile", action="store_true", help="print the top of a cProfile")
    parser.add_argument("--queries", action="store_true", help="print each query and its time")
    args = parser.parse_args()

    from bench.run import bench_environment, server_url, with_database

    database_url = with_database(server_url(), args.database)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    os.environ.update(bench_environment(database_url, redis_url, kept=True))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from bench.measure import _client_for, _QueryCounter

    user = get_user_model().objects.get(email=args.email) if args.email else None
    client = _client_for(user)
    for _ in range(3):
        response = client.get(args.url)
    counter = _QueryCounter()
    with connection.execute_wrapper(counter):
        client.get(args.url)
    if args.queries:
        timings: list[tuple[float, str]] = []

        def timed(execute, sql, params, many, context):
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append(((time.perf_counter() - began) * 1000, sql))

        with connection.execute_wrapper(timed):
            client.get(args.url)
        for ms, sql in timings:
            print(f"{ms:7.2f} ms  {sql[:400]}")
    started = time.perf_counter()
    for _ in range(args.requests):
        client.get(args.url)
    per_request = (time.perf_counter() - started) / args.requests * 1000
    print(
        f"{args.url}: status {response.status_code}, {counter.count} queries, "
        f"{per_request:.1f} ms per request (in-process, one at a time)"
    )
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            client.get(args.url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(40)


if __name__ == "__main__":
    main()
