using PmSite.Authoring.Lint;

namespace PmSite.Tests.Authoring.Lint;

/// <summary>The guide's "Language Matters" as one post-mortem: eight blame-focused sentences, eight system-focused ones.</summary>
public sealed class BlamelessLanguageTests
{
    private static readonly string[] s_blameFocused =
    [
        "John deployed broken code to the payment service on Friday afternoon.",
        "The developer didn't test properly before merging the change.",
        "Sarah forgot to check the config before the rollout.",
        "Human error caused the outage.",
        "The on-call engineer should have responded faster to the first page.",
        "On-call engineer ignored the alert",
        "@bob.okafor failed to renew the certificate in time.",
        "Marta Kowalczyk ran the wrong query against the primary.",
    ];

    private static readonly string[] s_systemFocused =
    [
        "The deployment process allowed untested code to reach production.",
        "Our testing strategy didn't catch this edge case.",
        "The configuration review process was skipped under time pressure.",
        "The system lacked safeguards to prevent this class of error.",
        "The alerting threshold was too high to detect early warning signs.",
        "Alert fatigue from frequent false positives caused the first alert to be missed",
        "Certificate renewal depended on a calendar reminder that no rotation owned.",
        "Production database lacked row-level security; destructive queries had no confirmation step.",
    ];

    private static readonly string s_postMortem = $"""
        ---
        id: INC-2001
        title: Payments failed after a certificate expired during a config rollout
        date: 2025-11-10
        severity: SEV1
        status: Published
        published: 2025-11-12
        authors: [alice.chen]
        reviewers: [bob.okafor]
        services: [payment-api]
        detected: 2025-11-10T10:30:00Z
        resolved: 2025-11-10T12:45:00Z
        ---

        ## Executive Summary

        Payments failed for two hours after the payment API's client certificate expired while a config rollout was in flight.

        ## Impact

        About 15,000 payment attempts failed.

        ## Timeline

        | Time (UTC) | Event | Who/What |
        |------------|-------|----------|
        | 10:30 | Error rate spiked to 95% | Monitoring |
        | 10:32 | {s_blameFocused[5]} | PagerDuty |
        | 10:41 | {s_systemFocused[5]} | Monitoring |
        | 12:45 | Certificate replaced, all clear | @alice.chen |

        ## Root Cause Analysis

        {s_blameFocused[0]}
        {s_systemFocused[0]}
        {s_blameFocused[1]}
        {s_systemFocused[1]}
        {s_blameFocused[2]}
        {s_systemFocused[2]}
        {s_blameFocused[3]}
        {s_systemFocused[3]}

        The certificate had no expiry alert because renewals were tracked by hand.

        ## What Went Well

        - {s_systemFocused[4]}
        - Rollback took 25 minutes through the usual pipeline.

        ## What Went Wrong

        - {s_blameFocused[4]}
        - {s_blameFocused[6]}
        - {s_systemFocused[6]}
        - {s_blameFocused[7]}
        - {s_systemFocused[7]}

        ## Action Items

        | Action | Owner | Deadline | Status | Ticket |
        |--------|-------|----------|--------|--------|
        | Alert 30 days before any certificate in the inventory expires | @sre-team | 2025-11-20 | To Do | OPS-1 |
        | Require a typed confirmation for DELETE and UPDATE without WHERE on the primary | @dba-team | 2025-12-01 | To Do | OPS-2 |

        ## Lessons Learned

        Certificates are configuration with a deadline; they need the same monitoring as disks.
        """;

    [Fact]
    public void Flags_the_eight_blame_focused_sentences_and_none_of_the_system_focused_ones()
    {
        var lines = s_postMortem.Split('\n');
        int LineOf(string sentence) => Array.FindIndex(lines, l => l.Contains(sentence, StringComparison.Ordinal)) + 1;

        var findings = LintKit.RunAll(s_postMortem);

        Assert.Equal(s_blameFocused.Select(LineOf).Order(), findings.Select(f => f.Line).Order());
        Assert.DoesNotContain(findings, f => s_systemFocused.Select(LineOf).Contains(f.Line));
        Assert.All(findings, f => Assert.Contains(f.Rule, new[] { "blame-person", "counterfactual", "human-error", "judgmental-language" }));
        Assert.All(findings, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Hint));
            Assert.NotNull(f.Phrase);
            Assert.Equal(f.Phrase, lines[f.Line - 1].Substring(f.Column - 1, f.Phrase!.Length));
        });
    }
}
