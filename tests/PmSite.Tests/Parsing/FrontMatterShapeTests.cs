using PmSite.Diagnostics;

namespace PmSite.Tests.Parsing;

/// <summary>The YAML shapes front matter may take, and how each odd one is read or reported.</summary>
public sealed class FrontMatterShapeTests
{
    private const string Required = "id: INC-1\ntitle: T\ndate: 2025-01-01\nseverity: SEV1\nstatus: Draft\n";

    [Fact]
    public void Block_and_flow_lists_quoted_values_and_comments_read_alike()
    {
        var (p, diagnostics) = ParseHelper.Parse("a.md",
            "---\n# written by hand\n" + Required + "authors:\n  - alice\n  - ' bob '\nservices: [api, \"db\"]\ntags: cache, queue\nsummary: 'It: broke' # why\n---\n");

        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(["alice", "bob"], p!.Authors);
        Assert.Equal(["api", "db"], p.Services);
        Assert.Equal(["cache", "queue"], p.Tags);
        Assert.Equal("It: broke", p.Summary);
        Assert.Equal(8, p.FieldLines["authors"]);
    }

    [Fact]
    public void An_empty_value_and_an_empty_list_are_no_value()
    {
        var (p, diagnostics) = ParseHelper.Parse("a.md", "---\n" + Required + "summary:\nauthors: []\n---\n\nText.\n");

        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal("Text.", p!.Summary);
        Assert.Empty(p.Authors);
    }

    [Fact]
    public void An_alias_reads_the_value_its_anchor_names()
    {
        var (p, diagnostics) = ParseHelper.Parse("a.md", "---\n" + Required + "authors: &team [alice, bob]\nreviewers: *team\nsummary: &s Short.\nrelated: *s\n---\n");

        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(["alice", "bob"], p!.Reviewers);
        Assert.Equal(["Short."], p.Related);
    }

    [Theory]
    [InlineData("services:\n  api: yes\n", "front-matter", 7)]
    [InlineData("services:\n  - api\n  - [a, b]\n", "front-matter", 9)]
    [InlineData("title: Again\n", "yaml", 7)]
    [InlineData("authors: *nobody\n", "yaml", 7)]
    [InlineData("services:\n  - [a]\nsummary: a: b\n", "yaml", 9)]
    public void A_field_of_the_wrong_shape_is_an_error_at_its_line(string extra, string code, int line)
    {
        var (p, diagnostics) = ParseHelper.Parse("a.md", "---\n" + Required + extra + "---\n");

        Assert.Null(p);
        var error = Assert.Single(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(code, error.Code);
        Assert.Equal(line, error.Line);
    }

    [Theory]
    [InlineData("- id: INC-1\n- title: T\n", "front-matter")]
    [InlineData("just a sentence\n", "front-matter")]
    [InlineData("- id: INC-1\n- title: [unclosed\n", "yaml")]
    public void Front_matter_that_is_not_a_set_of_fields_is_an_error(string yaml, string code)
    {
        var (p, diagnostics) = ParseHelper.Parse("a.md", "---\n" + yaml + "---\n");

        Assert.Null(p);
        Assert.Equal(code, Assert.Single(diagnostics, d => d.Level == DiagnosticLevel.Error).Code);
    }

    [Theory]
    [InlineData("---\n---\n\n# T\n")]
    [InlineData("---\n# nothing yet\n---\n\n# T\n")]
    public void Empty_front_matter_only_lacks_its_fields(string text)
    {
        var (p, diagnostics) = ParseHelper.Parse("a.md", text);

        Assert.NotNull(p);
        Assert.Equal(("a", "T"), (p.Id, p.Title));
        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Contains(diagnostics, d => d is { Code: "unspecified" } && d.Message.StartsWith("date, severity and status", StringComparison.Ordinal));
    }
}
