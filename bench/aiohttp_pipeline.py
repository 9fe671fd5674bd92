#!/usr/bin/env python3
"""The article's pipeline, for `bin/tributary bench`'s throughput table: python3 + aiohttp.

    python3 bench/aiohttp_pipeline.py URL_PREFIX COUNT CONCURRENCY RESULT.json

GETs URL_PREFIX + i for i in 0 .. COUNT-1, at most CONCURRENCY at once (an asyncio.Semaphore; the
article uses 200), decodes each body with resp.json(), adds the amounts up per date, and writes the
same small result JSON as BareClient: requests, ok, failed, first_request_epoch_millis,
last_finished_epoch_millis, seconds, requests_per_second (plus the number of dates).
Needs aiohttp (Debian: apt-get install python3-aiohttp).
"""
import asyncio
import json
import sys
import time
from collections import defaultdict
from decimal import Decimal

import aiohttp


async def fetch(session, semaphore, url, totals, stats):
    async with semaphore:
        try:
            async with session.get(url) as resp:
                records = await resp.json()
                for record in records:
                    totals[record["date"]] += Decimal(str(record["amount"]))
                stats["ok" if resp.status == 200 else "failed"] += 1
        except Exception:  # a failed endpoint is counted, not fatal, as in Tributary
            stats["failed"] += 1
        stats["last"] = time.time()


async def main(url_prefix, count, concurrency):
    semaphore = asyncio.Semaphore(concurrency)
    totals = defaultdict(Decimal)
    stats = {"ok": 0, "failed": 0, "last": 0.0}
    # The connector's own pool (100 by default) would otherwise be a second, lower limit.
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        first = time.time()
        await asyncio.gather(
            *(fetch(session, semaphore, f"{url_prefix}{i}", totals, stats) for i in range(count))
        )
    return first, stats, totals


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    url_prefix, count, concurrency, result = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    first, stats, totals = asyncio.run(main(url_prefix, count, concurrency))
    seconds = stats["last"] - first
    with open(result, "w") as out:
        json.dump(
            {
                "requests": count,
                "ok": stats["ok"],
                "failed": stats["failed"],
                "first_request_epoch_millis": int(first * 1000),
                "last_finished_epoch_millis": int(stats["last"] * 1000),
                "seconds": round(seconds, 3),
                "requests_per_second": round(count / seconds, 1) if seconds > 0 else 0,
                "dates": len(totals),
            },
            out,
            indent=2,
        )
    sys.exit(0 if stats["failed"] == 0 else 1)
