using PmSite.Dashboards;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;

namespace PmSite.Tests.Dashboards;

/// <summary>The guide: 100% of post-mortems should identify a clear root cause, never just "human error".</summary>
public sealed class RootCauseTests
{
    [Theory]
    [InlineData("## Root Cause Analysis\n\nA connection leak in the promo-code path held connections until the pool was exhausted.", true)]
    [InlineData("## Contributing Factors\n\n- No monitoring of certificate expiry\n- Auto renewal not configured", true)]
    [InlineData("## Root Cause\n\nHuman error.", false)]
    [InlineData("## Root Cause\n\nhuman error", false)]
    [InlineData("## Root Causes\n\nOperator error!", false)]
    [InlineData("## Root Cause\n\nUnknown", false)]
    [InlineData("## Root Cause\n\nTBD", false)]
    [InlineData("## Root Cause\n\nHuman error: the deploy script accepted a staging endpoint in production because nothing validated it.", true)]
    [InlineData("## Root Cause\n\n", false)]
    [InlineData("## Lessons Learned\n\nMonitor every pool.", false)]
    public void A_root_cause_is_identified_when_it_says_more_than_a_non_answer(string body, bool identified)
    {
        var text = $"---\nid: INC-1\ntitle: T\ndate: 2025-01-01\nseverity: SEV2\nstatus: Published\n---\n\n## Summary\n\nS.\n\n{body}\n";
        var p = PostMortemParser.Parse("a.md", text, new SiteSettings(), new DiagnosticBag())!;

        Assert.Equal(identified, IncidentMetrics.HasRootCause(p));
    }
}
