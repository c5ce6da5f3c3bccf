using PmSite.Authoring.Lint;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;

namespace PmSite.Tests.Authoring.Lint;

/// <summary>Writes small post-mortems, parses them as a build would, and lints them with one rule or all.</summary>
internal static class LintKit
{
    public static readonly SiteSettings Settings = new()
    {
        Redaction = new RedactionSettings { People = ["Marta Kowalczyk", "Daniel Osei"] },
    };

    /// <summary>A complete, clean post-mortem; the line of <see cref="Marker"/> is where tests put the text under test.</summary>
    public const string Marker = "@@TEXT@@";

    public static string PostMortem(string body = DefaultBody, string status = "Published", string extra = "") => $"""
        ---
        id: INC-1
        title: Payment API outage from connection pool exhaustion
        date: 2025-11-10
        severity: SEV2
        status: {status}
        published: 2025-11-12
        authors: [alice.chen]
        reviewers: [bob.okafor]
        services: [payment-api]
        detected: 2025-11-10T10:30:00Z
        resolved: 2025-11-10T11:10:00Z
        {extra}
        ---

        {body}
        """;

    public const string DefaultBody = """
        ## Executive Summary

        The payment API rejected payments for 40 minutes because its connection pool was exhausted.

        ## Impact

        About 4,000 payments failed.

        ## Timeline

        | Time (UTC) | Event | Who/What |
        |------------|-------|----------|
        | 10:30 | Error rate spiked | Monitoring |
        | 11:10 | Rollback complete | @alice.chen |

        ## Root Cause Analysis

        A new code path opened connections without returning them to the pool on errors.

        ## What Went Well

        Monitoring paged within two minutes.

        ## What Went Wrong

        @@TEXT@@

        ## Action Items

        | Action | Owner | Deadline | Status | Ticket |
        |--------|-------|----------|--------|--------|
        | Add a connection leak test to the integration suite | @alice.chen | 2025-12-01 | To Do | PAY-1 |

        ## Lessons Learned

        Monitor every pool.
        """;

    /// <summary>The default post-mortem with <paramref name="text"/> in place of the marker.</summary>
    public static string With(string text) => PostMortem().Replace(Marker, text);

    /// <summary>The 1-based line of the marker in the default post-mortem.</summary>
    public static int MarkerLine { get; } = PostMortem().Split('\n').ToList().FindIndex(l => l.Contains(Marker)) + 1;

    public static LintDocument Document(string text, SiteSettings? settings = null)
    {
        var bag = new DiagnosticBag();
        var postMortem = PostMortemParser.Parse("post-mortems/INC-1.md", text, settings ?? Settings, bag)
            ?? throw new InvalidOperationException("test post-mortem does not parse: " + string.Join("; ", bag.Sorted()));
        return new LintDocument(postMortem, text, settings ?? Settings);
    }

    public static IReadOnlyList<LintFinding> Run(ILintRule rule, string text) => Linter.Lint(Document(text), [rule]);

    public static IReadOnlyList<LintFinding> RunAll(string text) => Linter.Lint(Document(text), Linter.Rules);
}
