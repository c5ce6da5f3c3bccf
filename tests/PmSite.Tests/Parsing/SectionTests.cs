using PmSite.Model;

namespace PmSite.Tests.Parsing;

/// <summary>Sections are recognised by heading whatever synonym or decoration the author used.</summary>
public sealed class SectionTests
{
    [Theory]
    [InlineData("Executive Summary", SectionKind.Summary)]
    [InlineData("Summary", SectionKind.Summary)]
    [InlineData("TL;DR", SectionKind.Summary)]
    [InlineData("Impact", SectionKind.Impact)]
    [InlineData("Customer Impact", SectionKind.Impact)]
    [InlineData("Timeline", SectionKind.Timeline)]
    [InlineData("Incident Timeline", SectionKind.Timeline)]
    [InlineData("Root Cause", SectionKind.RootCause)]
    [InlineData("Root Causes", SectionKind.RootCause)]
    [InlineData("Root Cause Analysis", SectionKind.RootCause)]
    [InlineData("Contributing Factors", SectionKind.RootCause)]
    [InlineData("Contributing Factors (findings)", SectionKind.RootCause)]
    [InlineData("What Went Well", SectionKind.WhatWentWell)]
    [InlineData("What went wrong", SectionKind.WhatWentWrong)]
    [InlineData("Where We Got Lucky", SectionKind.WhereWeGotLucky)]
    [InlineData("Action Items", SectionKind.ActionItems)]
    [InlineData("Remediation", SectionKind.ActionItems)]
    [InlineData("Follow-ups", SectionKind.ActionItems)]
    [InlineData("5. Action items:", SectionKind.ActionItems)]
    [InlineData("Lessons Learned", SectionKind.LessonsLearned)]
    [InlineData("Lessons learnt", SectionKind.LessonsLearned)]
    [InlineData("Appendix", SectionKind.Appendix)]
    [InlineData("Stats", SectionKind.Stats)]
    [InlineData("Attendees", SectionKind.Other)]
    [InlineData("The underlying issue", SectionKind.Other)]
    public void A_heading_names_its_section(string heading, SectionKind kind)
    {
        var (p, _) = ParseHelper.Parse("x.md", $"# Incident\n\n## {heading}\n\nText.\n");

        var section = Assert.Single(p!.Sections);
        Assert.Equal(kind, section.Kind);
        Assert.Equal(heading, section.Heading);
        Assert.Equal(3, section.Line);
    }

    [Fact]
    public void Sub_headings_stay_inside_their_section()
    {
        var (p, _) = ParseHelper.Parse("x.md", "# T\n\n## Impact\n\n### Customer Impact\n\nA\n\n### Business Impact\n\nB\n\n## Timeline\n\nC\n");

        Assert.Equal([SectionKind.Impact, SectionKind.Timeline], p!.Sections.Select(s => s.Kind));
        Assert.Contains("Business Impact", p.Sections[0].Text, StringComparison.Ordinal);
    }
}
