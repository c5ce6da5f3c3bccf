using System.Globalization;
using System.Text;

namespace PmSite.Bench;

/// <summary>
/// Writes N realistic post-mortems, deterministic for a seed: all three input shapes (front matter, the guide's
/// template header, plain files), Zipf-distributed vocabulary, recurring problem themes (so related incidents and
/// recurrence have something to find), timelines, action items, related ids, services and tags.
/// </summary>
public sealed class CorpusGenerator(int count, int seed)
{
    private static readonly string[] s_services =
    [
        "checkout-api", "payment-api", "payment-worker", "search-service", "inventory-service", "notification-service",
        "auth-service", "cdn-edge", "order-db", "kafka-cluster", "api-gateway", "billing-service", "user-profile",
        "recommendation-engine", "shipping-service", "pricing-service", "fraud-scoring", "email-sender", "image-resizer",
        "session-store", "feature-flags", "metrics-pipeline", "log-shipper", "dns-resolver", "load-balancer",
    ];

    private static readonly string[] s_problems =
    [
        "connection pool exhausted by leaked connections", "TLS certificate expired without renewal alert",
        "disk filled with write-ahead log segments", "cache stampede after mass expiry", "consumer lag from rebalance loop",
        "memory leak in retry queue", "DNS lookups slow from ndots search domains", "config push pointed at staging",
        "rate limiter keyed on proxy address", "thread pool starvation from blocking calls", "deadlock between migrations",
        "certificate chain missing intermediate", "load balancer health check misconfigured", "autoscaler scaled to zero",
        "queue backlog from poisoned message", "clock skew broke token validation", "schema migration locked table",
        "replica lag served stale reads", "feature flag rollout enabled broken path", "dependency timeout cascaded",
    ];

    private static readonly string[] s_common =
    [
        "service", "database", "requests", "errors", "latency", "timeout", "deploy", "rollback", "alert", "monitoring",
        "traffic", "users", "customers", "queue", "cache", "pool", "connection", "memory", "cpu", "disk", "network",
        "config", "release", "pipeline", "cluster", "node", "pod", "replica", "primary", "failover", "retry", "backoff",
        "threshold", "dashboard", "runbook", "incident", "engineer", "team", "on-call", "page", "escalation", "capacity",
        "load", "spike", "leak", "exhausted", "expired", "certificate", "renewal", "throttle", "limit", "restart",
        "health", "check", "probe", "gateway", "proxy", "upstream", "downstream", "dependency", "storage", "volume",
        "index", "query", "slow", "lock", "transaction", "commit", "migration", "schema", "version", "upgrade",
    ];

    private static readonly string[] s_people = ["alice.chen", "bob.okafor", "carla.mendes", "dev.patel", "eva.novak", "farid.haddad", "grace.kim", "hiro.tanaka"];

    private readonly Random _random = new(seed);
    private string[] _ids = [];
    private readonly string[] _vocabulary = Vocabulary(seed);
    private readonly double[] _cumulative = ZipfCumulative(20_000 + s_common.Length);

    /// <summary>Writes <c>pmsite.yml</c> and the post-mortems under <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "post-mortems"));
        File.WriteAllText(Path.Combine(folder, "pmsite.yml"), """
            title: Generated Incident Library
            base_url: https://incidents.example.com/
            id_prefix: INC-
            severities: [SEV1, SEV2, SEV3]
            tracker_url: https://tracker.example.com/browse/{ticket}
            """.Replace("            ", "", StringComparison.Ordinal));
        var start = new DateOnly(2016, 1, 1);
        var dates = Enumerable.Range(0, count).Select(i => start.AddDays((int)((long)i * 3650 / Math.Max(1, count)))).ToArray();
        var shapes = Enumerable.Range(0, count).Select(_ => _random.Next(20)).ToArray();
        _ids = Enumerable.Range(0, count)
            .Select(i => shapes[i] == 0 ? $"PM{dates[i].Year}-{i:D5}" : $"INC-{10000 + i}")
            .ToArray();
        for (var i = 0; i < count; i++)
        {
            var date = dates[i];
            var id = _ids[i];
            var shape = shapes[i];
            var problem = s_problems[Zipf(s_problems.Length)];
            var services = Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => s_services[Zipf(s_services.Length)]).Distinct().ToList();
            var title = $"{Capitalise(services[0])} {problem}";
            var body = Body(id, date, problem, services);
            var year = date.Year.ToString(CultureInfo.InvariantCulture);
            string path;
            string text;
            if (shape == 0)
            {
                // A plain file, as some teams keep them: everything inferred from the name and text.
                path = Path.Combine(folder, "post-mortems", year, $"PM{year}-{i:D5} - {title}.md");
                text = $"# {title}\n{body}";
            }
            else if (shape == 1)
            {
                path = Path.Combine(folder, "post-mortems", year, $"{id}.md");
                text = $"# Post-Mortem: {title}\n\n**Date**: {Iso(date)}\n**Author(s)**: @{Person()}, @{Person()}\n**Reviewers**: @{Person()}\n" +
                       $"**Incident ID**: {id}\n**Severity**: SEV{1 + _random.Next(3)}\n**Status**: Published\n\n---\n{body}";
            }
            else
            {
                path = Path.Combine(folder, "post-mortems", year, $"{id}-{Slug(title)}.md");
                text = FrontMatter(id, title, date, services, problem, i) + body;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }

    private string FrontMatter(string id, string title, DateOnly date, List<string> services, string problem, int index)
    {
        var detected = date.ToDateTime(new TimeOnly(_random.Next(24), _random.Next(60)));
        var resolved = detected.AddMinutes(5 + _random.Next(400));
        var tags = problem.Split(' ').Where(w => w.Length > 4).Take(3).Select(w => w.ToLowerInvariant()).Distinct();
        var related = index > 10 && _random.Next(3) == 0 ? $"related: [{_ids[_random.Next(index)]}]\n" : "";
        var sb = new StringBuilder();
        sb.Append("---\n")
          .Append("id: ").Append(id).Append('\n')
          .Append("title: ").Append(title).Append('\n')
          .Append("date: ").Append(Iso(date)).Append('\n')
          .Append("severity: SEV").Append(1 + _random.Next(3)).Append('\n')
          .Append("status: ").Append(_random.Next(10) == 0 ? "Draft" : "Published").Append('\n')
          .Append("published: ").Append(Iso(date.AddDays(1 + _random.Next(6)))).Append('\n')
          .Append("authors: [").Append(Person()).Append(", ").Append(Person()).Append("]\n")
          .Append("services: [").Append(string.Join(", ", services)).Append("]\n")
          .Append("tags: [").Append(string.Join(", ", tags)).Append("]\n")
          .Append("detected: ").Append(detected.ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture)).Append('\n')
          .Append("resolved: ").Append(resolved.ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture)).Append('\n')
          .Append(related)
          .Append("near_miss: ").Append(_random.Next(12) == 0 ? "true" : "false").Append('\n')
          .Append("visibility: ").Append(_random.Next(4) == 0 ? "public" : "internal").Append('\n')
          .Append("---\n");
        return sb.ToString();
    }

    private string Body(string id, DateOnly date, string problem, List<string> services)
    {
        var sb = new StringBuilder();
        sb.Append("\n## Executive Summary\n\n")
          .Append($"On {date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, {services[0]} degraded: {problem}. ")
          .Append(Sentence(25)).Append(' ').Append(Sentence(20)).Append("\n\n## Impact\n\n");
        for (var i = 0; i < 3; i++)
        {
            sb.Append("- ").Append(Sentence(12)).Append('\n');
        }

        sb.Append("\n## Timeline\n\n| Time (UTC) | Event | Who/What |\n|---|---|---|\n");
        var time = date.ToDateTime(new TimeOnly(8 + _random.Next(10), _random.Next(60)));
        for (var i = 0; i < 6 + _random.Next(8); i++)
        {
            time = time.AddMinutes(2 + _random.Next(25));
            sb.Append("| ").Append(time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" | ")
              .Append(Sentence(10)).Append(" | @").Append(Person()).Append(" |\n");
        }

        sb.Append("\n## Root Cause Analysis\n\n").Append($"The {problem} in {string.Join(" and ", services)}. ");
        for (var p = 0; p < 3; p++)
        {
            sb.Append(Sentence(30)).Append(' ').Append(Sentence(25)).Append("\n\n");
        }

        if (_random.Next(4) == 0)
        {
            sb.Append("```\nERROR ").Append(Word()).Append(' ').Append(Word()).Append(" timeout after 30000ms\n```\n\n");
        }

        sb.Append("## What Went Well\n\n- ").Append(Sentence(12)).Append("\n\n## What Went Wrong\n\n- ").Append(Sentence(12))
          .Append("\n\n## Action Items\n\n### High Priority\n\n| Action | Owner | Deadline | Status | Ticket |\n|---|---|---|---|---|\n");
        string[] statuses = ["Done", "Done", "In Progress", "To Do"];
        for (var i = 0; i < 2 + _random.Next(6); i++)
        {
            sb.Append("| ").Append(Capitalise(Sentence(7))).Append(" | @").Append(Person()).Append(" | ")
              .Append(Iso(date.AddDays(7 + _random.Next(90)))).Append(" | ").Append(statuses[_random.Next(statuses.Length)])
              .Append(" | OPS-").Append(1000 + _random.Next(9000)).Append(" |\n");
        }

        sb.Append("\n## Lessons Learned\n\n").Append(Sentence(20)).Append(' ').Append(Sentence(18)).Append('\n');
        if (_random.Next(5) == 0)
        {
            sb.Append($"\nThis looks like {_ids[_random.Next(count)]} again.\n");
        }

        return sb.ToString();
    }

    private string Sentence(int words)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(Word());
        }

        sb.Append('.');
        return Capitalise(sb.ToString());
    }

    private string Word()
    {
        var x = _random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, x);
        return _vocabulary[index < 0 ? ~index : index];
    }

    private int Zipf(int n)
    {
        var weights = Enumerable.Range(1, n).Select(k => 1.0 / k).ToArray();
        var x = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < n; i++)
        {
            x -= weights[i];
            if (x <= 0)
            {
                return i;
            }
        }

        return n - 1;
    }

    private string Person() => s_people[_random.Next(s_people.Length)];

    /// <summary>Real technical words first (most frequent), then a long tail of made-up but pronounceable words.</summary>
    private static string[] Vocabulary(int seed)
    {
        var random = new Random(seed ^ 0x5eed);
        string[] syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pra", "den", "gor", "lix", "ban", "tor", "sel", "quin"];
        var tail = new HashSet<string>(StringComparer.Ordinal);
        while (tail.Count < 20_000)
        {
            var word = string.Concat(Enumerable.Range(0, 2 + random.Next(3)).Select(_ => syllables[random.Next(syllables.Length)]));
            tail.Add(word);
        }

        string[] function = ["the", "a", "was", "to", "of", "and", "in", "on", "for", "with", "after", "when", "because", "from", "by"];
        return [.. function, .. s_common, .. tail.Take(20_000 - function.Length)];
    }

    private static double[] ZipfCumulative(int n)
    {
        var cumulative = new double[n];
        var total = 0.0;
        for (var k = 0; k < n; k++)
        {
            total += 1.0 / Math.Pow(k + 1, 1.07);
            cumulative[k] = total;
        }

        return cumulative;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Slug(string text) => PmSite.Slug.Of(text);
}
