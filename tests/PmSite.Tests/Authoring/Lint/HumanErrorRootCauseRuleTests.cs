using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class HumanErrorRootCauseRuleTests
{
    private const string Original = "A new code path opened connections without returning them to the pool on errors.";

    [Theory]
    [InlineData("Human error.", true)]
    [InlineData("The root cause was operator error during the failover.", true)]
    [InlineData("A human error in the deploy script.", true)]
    [InlineData("Human error: a config value was mistyped. Why was that possible? The config tool has no schema validation.", false)]
    [InlineData("Operator error was the trigger, but the console lacked a confirmation step for destructive actions.", false)]
    [InlineData("- Human error in not knowing where the logs are stored.\n- Logging setup and its parameters are not documented well.\n- Terraform-managed Flux adds another layer of abstraction to debug.", false)]
    [InlineData("A connection leak in a new code path.", false)]
    public void Flags_a_root_cause_that_stops_at_human_error(string rootCause, bool flagged)
    {
        var text = LintKit.PostMortem(LintKit.DefaultBody.Replace(Original, rootCause));

        var findings = LintKit.Run(new HumanErrorRootCauseRule(), text);

        Assert.Equal(flagged, findings.Count == 1);
        if (flagged)
        {
            Assert.Equal("## Root Cause Analysis", text.Split('\n')[findings[0].Line - 1]);
        }
    }
}
