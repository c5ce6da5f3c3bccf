using PmSite.Building;

namespace PmSite.Tests.TestKit;

/// <summary>Builds a knowledge base into a temporary output folder with the repository's theme.</summary>
internal static class SiteFixture
{
    public static readonly DateOnly Now = new(2026, 1, 31);

    /// <summary>A front-matter post-mortem with sensible defaults; pass extra YAML lines and a body to vary it.</summary>
    public static string PostMortem(string id, string title = "Database connection pool exhausted", string date = "2025-11-10",
        string severity = "SEV2", string extra = "", string body = DefaultBody) =>
        $"---\nid: {id}\ntitle: {title}\ndate: {date}\nseverity: {severity}\nstatus: Published\n{extra}{(extra.Length > 0 && !extra.EndsWith('\n') ? "\n" : "")}---\n{body}";

    public const string DefaultBody = """

        ## Executive Summary

        The payment API stopped accepting payments for 40 minutes because its connection pool was exhausted.

        ## Timeline

        | Time (UTC) | Event | Who/What |
        |------------|-------|----------|
        | 2025-11-10 10:30 | Error rate spiked | Monitoring |
        | 2025-11-10 11:10 | Rollback complete | @alice |

        ## Root Cause Analysis

        A connection leak in a new code path.

        ## Action Items

        | Action | Owner | Deadline | Status | Ticket |
        |--------|-------|----------|--------|--------|
        | Add pool saturation alert | @sre-team | 2025-11-20 | Done | OPS-1 |
        | Add leak detection to CI | @alice | 2025-12-01 | To Do | OPS-2 |

        ## Lessons Learned

        Monitor every pool.
        """;

    public static Task<BuildResult> BuildAsync(string input, string output, DateOnly? now = null, string? baseUrl = null) =>
        SiteBuild.RunAsync(new BuildOptions
        {
            InputFolder = input,
            OutputFolder = output,
            ThemeFolder = Repo.Theme,
            Now = now ?? Now,
            BaseUrl = baseUrl,
        });
}
