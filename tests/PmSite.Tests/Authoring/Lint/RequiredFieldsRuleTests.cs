using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class RequiredFieldsRuleTests
{
    [Theory]
    [InlineData("authors: [alice.chen]\nservices: [payment-api]\n", "Draft", "")]
    [InlineData("authors: [alice.chen]\nservices: [payment-api]\nreviewers: [bob]\npublished: 2025-11-12\n", "Published", "")]
    [InlineData("services: [payment-api]\n", "Draft", "authors")]
    [InlineData("authors: []\nservices: [payment-api]\n", "Draft", "authors")]
    [InlineData("authors: [alice.chen]\n", "Draft", "services")]
    [InlineData("authors: [alice.chen]\nservices: [payment-api]\n", "Published", "reviewers published")]
    [InlineData("authors: [alice.chen]\nservices: [payment-api]\nreviewers: [bob]\n", "Published", "published")]
    public void Front_matter_needs_authors_and_services_and_a_published_one_reviewers_and_a_date(string fields, string status, string missing)
    {
        var text = $"---\nid: INC-1\ntitle: Pool exhausted\ndate: 2025-11-10\nseverity: SEV2\nstatus: {status}\n{fields}---\n\n## Executive Summary\n\nText.\n";

        var findings = LintKit.Run(new RequiredFieldsRule(), text);

        var expected = missing.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, findings.Select(f => f.Message.Split('\'')[1]));
        Assert.All(findings, f => Assert.StartsWith("fill this in: ", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_field_is_reported_on_its_own_line()
    {
        var text = "---\nid: INC-1\ntitle: Pool exhausted\ndate: 2025-11-10\nseverity: SEV2\nstatus: Draft\nauthors: []\nservices: [api]\n---\n\nText.\n";

        var finding = Assert.Single(LintKit.Run(new RequiredFieldsRule(), text));

        Assert.Equal(7, finding.Line);
    }

    [Theory]
    [InlineData("**Author(s)**: @grace.kim\n**Reviewers**: @erin.walsh\n", "")]
    [InlineData("**Reviewers**: @erin.walsh\n", "authors")]
    [InlineData("**Author(s)**: @grace.kim\n", "reviewers")]
    public void The_guides_template_header_needs_authors_and_reviewers(string lines, string missing)
    {
        var text = $"# Post-Mortem: Slow DNS\n\n**Date**: 2023-11-03\n{lines}**Incident ID**: INC-1004\n**Severity**: SEV3\n**Status**: Published\n\n---\n\n## Executive Summary\n\nText.\n";

        var findings = LintKit.Run(new RequiredFieldsRule(), text);

        Assert.Equal(missing.Split(' ', StringSplitOptions.RemoveEmptyEntries), findings.Select(f => f.Message.Split('\'')[1]));
    }

    [Fact]
    public void A_file_without_metadata_is_told_once_what_to_add()
    {
        var finding = Assert.Single(LintKit.Run(new RequiredFieldsRule(), "# Kafka disk full\n\n## Summary\n\nText.\n"));

        Assert.Contains("front matter", finding.Hint, StringComparison.Ordinal);
    }
}
