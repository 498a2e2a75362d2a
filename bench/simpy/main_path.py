"""The lifecycle's main path in SimPy, at the bench's sizes: what a SimPy-class
tool does with the same jobs, to read iesim's figures against.

    apt-get install python3-simpy3      # Debian's SimPy 3
    /usr/bin/python3 bench/simpy/main_path.py [days] [scale]

`scale` multiplies the default scenario's arrivals and copy stations (1: the
default scenario, ~24 jobs a day; 117: scenarios/bench.yaml, ~2,800 a day,
where 36.5 days make ~100k jobs and 365 days ~1M). Prints one JSON line.

The main path only, as the issue's SimPy figure had it (~8,000 jobs/s
without output on this machine): arrivals (Poisson, the default's weekday
pattern, a quarter exports), the customer shipping after a delay, transit,
the dock's 1-3 business days, each drive copied on a station (a Resource)
for bytes / throughput, packaging, the return transit, then 90 days of
retention; the Creating and NeverReceived limits (14 d) as timeouts raced
against the awaited event, SimPy's idiom for a timer (a timeout cannot be
cancelled: it stays queued and fires into nothing). The default scenario's
distributions; none of the mishaps (lost packages, faults, cancels,
customers who do not answer) that iesim's model also runs. No output.
"""
import json
import math
import random
import resource
import sys
import time

import simpy

DAY = 86_400.0  # seconds
days = float(sys.argv[1]) if len(sys.argv) > 1 else 365.0
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0

RATE = 30.0 * scale  # jobs a day before the weekday pattern
WEEKDAY = [0.2, 1, 1, 1, 1, 1, 0.3]  # Sunday first
STATIONS = max(1, round(20 * scale))
IMPORT_DRIVES = ([1, 2, 3, 4, 5, 6, 8, 10], [30, 20, 15, 10, 8, 7, 6, 4])
EXPORT_DRIVES = ([1, 2, 3, 4], [50, 25, 15, 10])
Z90 = 1.2815515655446004

rng = random.Random(1)


def lognormal(median, p90):
    return rng.lognormvariate(math.log(median), math.log(p90 / median) / Z90)


def business_days(n):
    # The dock's 1-3 business days, as calendar days (five working days a week).
    return n * 7 / 5 * DAY


counts = {"jobs": 0, "closed": 0, "deleted": 0, "expired": 0, "neverReceived": 0}


def copy(env, stations, nbytes):
    with stations.request() as req:
        yield req
        throughput = max(1.0, lognormal(150e6, 250e6))
        yield env.timeout(60 + nbytes / throughput)


def job(env, stations, export):
    values, weights = EXPORT_DRIVES if export else IMPORT_DRIVES
    drives = rng.choices(values, weights)[0]
    sizes = [lognormal(1.5e12, 6e12) for _ in range(drives)]
    # Creating: the customer asks for shipping within the 14-day limit, else the job expires (R-CREATING-EXPIRE);
    # Shipping: the package arrives within 14 days, else NeverReceived.
    for median, p90, outcome in ((2 * DAY, 6 * DAY, "expired"), (3 * DAY, 6 * DAY, "neverReceived")):
        awaited = env.timeout(lognormal(median, p90))
        yield awaited | env.timeout(14 * DAY)  # a timer, SimPy's way: raced, never cancelled
        if not awaited.processed:
            counts[outcome] += 1
            return
    yield env.timeout(business_days(rng.uniform(1, 3)))
    yield env.all_of([env.process(copy(env, stations, b)) for b in sizes])
    yield env.timeout(rng.uniform(0.5, 2) * DAY)  # packaging
    yield env.timeout(lognormal(3 * DAY, 6 * DAY))  # the return transit
    counts["closed"] += 1
    yield env.timeout(90 * DAY)  # R-RETENTION
    counts["deleted"] += 1


def arrivals(env, stations):
    peak = RATE * max(WEEKDAY)
    while True:
        # Thinning: Poisson at the peak rate, kept with the weekday's share (day 0 is a Thursday, as 2026-01-01).
        yield env.timeout(rng.expovariate(peak / DAY))
        weekday = (int(env.now // DAY) + 4) % 7
        if rng.random() * max(WEEKDAY) < WEEKDAY[weekday]:
            counts["jobs"] += 1
            env.process(job(env, stations, rng.random() < 0.25))


env = simpy.Environment()
stations = simpy.Resource(env, capacity=STATIONS)
env.process(arrivals(env, stations))
t0 = time.perf_counter()
env.run(until=days * DAY)
seconds = time.perf_counter() - t0
print(json.dumps({
    "days": days, "scale": scale, "stations": STATIONS, **counts,
    "seconds": round(seconds, 3), "jobsPerSecond": round(counts["jobs"] / seconds),
    "cpuSeconds": round(time.process_time(), 3), "peakRssMiB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
