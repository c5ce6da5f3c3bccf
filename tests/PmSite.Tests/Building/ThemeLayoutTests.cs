using System.Text;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

/// <summary>
/// The layout writes the page template's output where it writes <c>content</c>; a theme may also use <c>content</c> as a
/// string (a filter, a condition) and gets the same HTML.
/// </summary>
public sealed class ThemeLayoutTests
{
    // Once, and so many times that the page is written out in pieces as it is rendered (it outgrows the 64 KB a page
    // is encoded into), with characters of two, three and four bytes across the pieces' edges.
    [Theory]
    [InlineData(1)]
    [InlineData(4000)]
    public void Content_written_raw_in_place_is_the_same_html_a_layout_sees_as_a_string(int notes)
    {
        using var temp = new TempFolder();
        var theme = temp.Combine("theme");
        CopyFolder(Repo.Theme, theme);
        File.WriteAllText(Path.Combine(theme, "layout.liquid"),
            "<main>{{ content | raw }}</main>\n<template>{{ content | upcase | raw }}</template>\n<output>{{ content | size }}</output>{% if content != blank %}<p>has content</p>{% endif %}");
        // Letters outside ASCII, and a pair of surrogates, through the UTF-8 encoding of the page.
        var lines = string.Concat(Enumerable.Range(1, notes).Select(i => $"- Zürich pool exhausted 🔥 again, €{i}.\n"));
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", body: SiteFixture.DefaultBody + "\n## Notes\n\n" + lines));
        var output = temp.Combine("site");
        var stderr = new StringWriter();
        var exit = PmSite.Cli.Program.Run(
            ["build", "--input", temp.Combine("kb"), "--output", output, "--theme", theme, "--now", "2026-01-31", "--no-cache"], TextWriter.Null, stderr);
        Assert.True(exit == 0, stderr.ToString());

        var page = File.ReadAllText(Path.Combine(output, "incidents", "inc-1", "index.html"), Encoding.UTF8);
        var content = Between(page, "<main>", "</main>\n<template>");
        Assert.Contains($"Zürich pool exhausted 🔥 again, €{notes}.", content, StringComparison.Ordinal);
        Assert.True(notes == 1 || Encoding.UTF8.GetByteCount(page) > 4 * 64 * 1024);
        Assert.Contains("Add pool saturation alert", content, StringComparison.Ordinal);
        Assert.Equal(content.ToUpperInvariant(), Between(page, "<template>", "</template>"));
        Assert.Equal(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Between(page, "<output>", "</output>"));
        Assert.EndsWith("<p>has content</p>", page, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
