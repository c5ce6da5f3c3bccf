using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class TimeToPublishRuleTests
{
    [Theory]
    [InlineData("2025-11-10T11:10:00Z", "2025-11-12", false)]
    [InlineData("2025-11-10T11:10:00Z", "2025-11-13", false)]
    [InlineData("2025-11-10T11:10:00Z", "2025-11-14", true)]
    [InlineData("2025-11-12T23:00:00Z", "2025-11-15", false)]
    [InlineData(null, "2025-11-20", true)]
    [InlineData(null, null, false)]
    public void Published_within_72_hours_of_resolution(string? resolved, string? published, bool flagged)
    {
        var text = LintKit.With("Nothing else.")
            .Replace("resolved: 2025-11-10T11:10:00Z", resolved is null ? "" : "resolved: " + resolved)
            .Replace("published: 2025-11-12", published is null ? "" : "published: " + published)
            .Replace("status: Published", published is null ? "status: Draft" : "status: Published");

        var findings = LintKit.Run(new TimeToPublishRule(), text);

        Assert.Equal(flagged, findings.Count == 1);
        if (flagged)
        {
            Assert.StartsWith("published:", text.Split('\n')[findings[0].Line - 1], StringComparison.Ordinal);
        }
    }
}
