using PmSite.Diagnostics;
using PmSite.Redaction;

namespace PmSite.Tests.Redaction;

public sealed class InternalBlocksTests
{
    [Fact]
    public void Blocks_are_removed_and_every_line_break_kept()
    {
        const string text = "one\n<!-- internal -->\nsecret line\nanother\n<!-- /internal -->\nfive\ninline <!-- internal -->hidden<!-- /internal --> end\n";
        var diagnostics = new DiagnosticBag();

        var (result, removed) = InternalBlocks.Remove("pm.md", text, diagnostics)!.Value;

        Assert.Equal(2, removed);
        Assert.Equal("one\n\n\n\n\nfive\ninline  end\n", result);
        Assert.Equal(text.Split('\n').Length, result.Split('\n').Length);
        Assert.DoesNotContain("secret", result, StringComparison.Ordinal);
        Assert.False(diagnostics.HasErrors);
    }

    [Theory]
    [InlineData("```markdown\n<!-- internal -->\nan example\n<!-- /internal -->\n```\n")]
    [InlineData("~~~\n<!-- internal -->\n~~~\n")]
    [InlineData("Write `<!-- internal -->` before and `<!-- /internal -->` after.\n")]
    public void Markers_in_code_are_examples_not_markers(string text)
    {
        var diagnostics = new DiagnosticBag();

        var (result, removed) = InternalBlocks.Remove("pm.md", text, diagnostics)!.Value;

        Assert.Equal(0, removed);
        Assert.Equal(text, result);
        Assert.False(diagnostics.HasErrors);
    }

    [Theory]
    [InlineData("a\n<!-- internal -->\nsecret\n", 2, "never closed")]
    [InlineData("a\nb\n<!-- /internal -->\n", 3, "closes no internal block")]
    [InlineData("<!-- internal -->\n<!-- internal -->\nx\n<!-- /internal -->\n", 2, "inside the internal block opened on line 1")]
    public void An_unbalanced_marker_is_an_error_with_its_line(string text, int line, string message)
    {
        var diagnostics = new DiagnosticBag();

        Assert.Null(InternalBlocks.Remove("post-mortems/pm.md", text, diagnostics));

        var error = Assert.Single(diagnostics.Sorted(), d => d.Level == DiagnosticLevel.Error);
        Assert.Equal("post-mortems/pm.md", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
