#!/usr/bin/env python3
"""Writes a deterministic knowledge base of N generated post-mortems, for benchmarks.

    python3 bench/authoring/generate.py 1000 /tmp/kb-1000 [--seed 7]

The same N and seed always give the same files, byte for byte. Post-mortems use front matter, the
guide's sections, timeline and action-item tables, tags and services from fixed pools, and `related`
links to earlier incidents, so facets, backlinks and related blocks are exercised as in a real library.
"""
import argparse
import os
import random

SERVICES = ["checkout-api", "payment-api", "payment-worker", "order-db", "inventory-service", "search-service",
            "auth-service", "notification-service", "kafka-cluster", "cdn-edge", "cart-service", "pricing-engine",
            "recommendation-api", "user-profile", "shipping-api", "tax-service", "fraud-detector", "billing-worker",
            "api-gateway", "session-store", "image-resizer", "email-relay", "feature-flags", "config-service", "ledger-db"]
TAGS = ["database", "connection-pool", "resource-leak", "certificate", "expiry", "dns", "kubernetes", "deploy", "config",
        "canary", "rollback", "cache", "stampede", "kafka", "rebalance", "disk-full", "memory", "cpu-throttling", "rate-limit",
        "third-party", "network", "latency", "timeout", "retry-storm", "queue", "backpressure", "tls", "auth", "migration",
        "schema", "replication", "failover", "load-balancer", "autoscaling", "cron", "batch", "logging", "monitoring",
        "alerting", "runbook", "capacity", "storage", "index", "lock-contention", "deadlock", "gc-pause", "thread-pool",
        "feature-flag", "cdn", "edge", "ipv6", "clock-skew", "secrets", "iam", "backup", "restore", "data-loss", "near-miss",
        "vendor", "region"]
NAMES = ["alice.chen", "bob.okafor", "carla.mendes", "dev.patel", "erin.walsh", "farid.haddad", "grace.kim", "hiro.tanaka",
         "ines.duarte", "jonas.berg", "kemi.adeyemi", "maya.singh", "noah.fischer", "olga.ivanova", "pablo.ruiz"]
FAILURES = [
    ("connection pool exhaustion", "a code path that did not return connections to the pool on errors"),
    ("an expired certificate", "a certificate renewed by hand with no expiry alert"),
    ("slow DNS lookups", "resolver settings that multiplied every lookup under load"),
    ("a cache stampede", "cache entries that all expired in the same minute"),
    ("a full disk", "log retention sized for last year's traffic"),
    ("a consumer rebalance storm", "session timeouts shorter than the slowest batch"),
    ("a config push to every environment", "a config tool whose default scope was all environments"),
    ("a retry storm", "clients retrying without backoff or a retry budget"),
    ("memory growth in a queue", "an unbounded in-memory retry queue"),
    ("lock contention after a migration", "a migration that took a table lock during peak traffic"),
]
VERBS = ["failed", "degraded", "timed out", "returned errors", "stalled", "dropped requests"]


def words(rng, n):
    vocab = ("the service pool request queue latency error rate alert page replica node pod deploy change config "
             "traffic capacity limit threshold metric dashboard runbook rollback canary client server database cache "
             "worker batch job schedule timeout retry backoff budget signal window region zone").split()
    return " ".join(rng.choice(vocab) for _ in range(n))


def post_mortem(i, rng, ids):
    pid = f"INC-{10000 + i}"
    year = 2019 + (i * 7) // max(1, len(ids)) % 7
    month = 1 + (i * 5) % 12
    day = 1 + (i * 11) % 28
    date = f"{year:04d}-{month:02d}-{day:02d}"
    failure, cause = FAILURES[i % len(FAILURES)]
    services = rng.sample(SERVICES, rng.randint(1, 3))
    tags = rng.sample(TAGS, rng.randint(2, 5))
    authors = rng.sample(NAMES, rng.randint(1, 2))
    reviewers = rng.sample([n for n in NAMES if n not in authors], 2)
    related = sorted(rng.sample(ids[:i], min(i, rng.randint(0, 2)))) if i > 0 else []
    severity = rng.choice(["SEV1", "SEV2", "SEV2", "SEV3", "SEV3"])
    hour = rng.randint(0, 21)
    title = f"{services[0]} {rng.choice(VERBS)} after {failure}"
    slug = "-".join(title.lower().replace(",", "").split())[:60].rstrip("-")
    lines = [
        "---",
        f"id: {pid}",
        f"title: {title}",
        f"date: {date}",
        f"severity: {severity}",
        "status: Published",
        f"published: {year:04d}-{month:02d}-{min(28, day + 2):02d}",
        f"authors: [{', '.join(authors)}]",
        f"reviewers: [{', '.join(reviewers)}]",
        f"services: [{', '.join(services)}]",
        f"tags: [{', '.join(tags)}]",
        f"detected: {date}T{hour:02d}:10:00Z",
        f"resolved: {date}T{hour + 2:02d}:05:00Z",
        f"related: [{', '.join(related)}]",
        "---",
        "",
        "## Executive Summary",
        "",
        f"On {date}, {services[0]} {rng.choice(VERBS)} for about {rng.randint(10, 180)} minutes because of {failure}. "
        f"The trigger was {cause}. {words(rng, 18).capitalize()}.",
        "",
        "## Impact",
        "",
        f"- **Affected users**: about {rng.randint(1, 60)}% of requests to {services[0]}",
        f"- **Duration**: {rng.randint(10, 180)} minutes",
        f"- **Systems affected**: {', '.join(services)}",
        "",
        "## Timeline",
        "",
        "| Time (UTC) | Event | Who/What |",
        "|------------|-------|----------|",
    ]
    for step in range(rng.randint(6, 12)):
        lines.append(f"| {hour + step // 5:02d}:{(step * 11) % 60:02d} | {words(rng, 9).capitalize()} | "
                     f"{rng.choice(['Monitoring', 'PagerDuty', '@' + rng.choice(NAMES)])} |")
    lines += ["", "## Root Cause Analysis", "", f"The failure came from {cause}. {words(rng, 40).capitalize()}.", "",
              "### Why It Happened", ""]
    for n in range(1, 6):
        lines.append(f"{n}. **Why did {words(rng, 3)} happen?** {words(rng, 14).capitalize()}.")
    lines += ["", "## What Went Well", "", f"- {words(rng, 10).capitalize()}.", f"- {words(rng, 8).capitalize()}.", "",
              "## What Went Wrong", "", f"- {words(rng, 12).capitalize()}.", f"- {words(rng, 9).capitalize()}.", "",
              "## Action Items", "", "| Action | Owner | Deadline | Status | Ticket |",
              "|--------|-------|----------|--------|--------|"]
    for n in range(rng.randint(3, 7)):
        lines.append(f"| Add {words(rng, 6)} check to {services[n % len(services)]} | @{rng.choice(NAMES)} | "
                     f"{year + 1:04d}-{1 + n:02d}-15 | {rng.choice(['Done', 'In Progress', 'To Do'])} | OPS-{i * 10 + n} |")
    lines += ["", "## Lessons Learned", "", f"{words(rng, 30).capitalize()}.", "", "## Appendix", "",
              f"- **Time to detect (TTD)**: {rng.randint(1, 30)} minutes", ""]
    return f"post-mortems/{year:04d}/{pid}-{slug}.md", "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    ids = [f"INC-{10000 + i}" for i in range(args.count)]
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "pmsite.yml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("title: Generated Incident Library\nbase_url: https://incidents.example.com/\nid_prefix: INC-\n")
    for i in range(args.count):
        path, text = post_mortem(i, rng, ids)
        full = os.path.join(args.output, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
