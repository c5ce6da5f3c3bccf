using System.Net;
using AngleSharp.Html.Parser;
using PmSite.Building;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// Every URL the site writes from a post-mortem — links, autolinks, images, reference definitions, footnotes, tables, raw
/// URLs — passes one allow-list (http, https, mailto, relative, fragment); anything else is inert text, in both editions.
/// </summary>
public sealed class AutolinkXssTests
{
    // Each spelling carries its own number, so a failure names the one that got through.
    private const string HostileBody = """

        ## Summary

        Autolinks: <javascript:alert(1)> <JAVASCRIPT:alert(2)> <JaVaScRiPt:alert(3)> <vbscript:msgbox(4)>
        <data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==> <livescript:alert(6)>

        Links: [e7](&#106;avascript:alert(7)) [e8](&#x6A;&#x61;vascript:alert(8)) [p9](%6Aavascript:alert(9))
        [t10](<java&#9;script:alert(10)>) [n11](<java&#10;script:alert(11)>) [c12](&#1;javascript:alert(12))
        [s13](<  javascript:alert(13)>) [u14](JAVASCRIPT:alert(14)) [d15](data:text/html,alert15)
        [v16](VBScript:alert(16)) [r17][ref17] [f18][] [x19](javascript&colon;alert(19))

        Images: ![i20](javascript:alert(20)) ![i21](data:image/svg+xml;base64,PHN2Zz4=) ![i22][img22]

        Footnote[^1] and a safe link [ok](https://example.com/ok) and <https://example.com/auto> and <ops@example.com>.

        | Column | Link |
        |--------|------|
        | a | <javascript:alert(23)> |
        | b | [t24](javascript:alert(24)) |

        [ref17]: javascript:alert(17)
        [f18]: JavaScript:alert(18)
        [img22]: javascript:alert(22)
        [^1]: See <javascript:alert(25)> and [fn26](javascript:alert(26)).
        """;

    private static readonly string[] s_urlAttributes = ["href", "src", "srcset", "xlink:href", "formaction", "action", "poster", "data"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_hostile_scheme_reaches_any_url_attribute_in_either_edition(bool isPublic)
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", extra: "visibility: public", body: HostileBody));
        temp.Write("kb/pages/about.md", "# About\n\n<javascript:alert(27)> [p28](JavaScript:alert(28)) ![p29](vbscript:x)\n");

        var result = await SiteBuild.RunAsync(new BuildOptions
        {
            InputFolder = temp.Combine("kb"), OutputFolder = temp.Combine("site"), ThemeFolder = Repo.Theme, Now = SiteFixture.Now,
            Public = isPublic,
        });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var parser = new HtmlParser();
        var offending = new List<string>();
        foreach (var file in Directory.EnumerateFiles(temp.Combine("site"), "*.html", SearchOption.AllDirectories))
        {
            using var document = parser.ParseDocument(File.ReadAllText(file));
            foreach (var element in document.All)
            {
                foreach (var attribute in element.Attributes.Where(a => s_urlAttributes.Contains(a.Name, StringComparer.OrdinalIgnoreCase)))
                {
                    if (!IsAllowed(attribute.Value))
                    {
                        offending.Add($"{Path.GetFileName(Path.GetDirectoryName(file))}: <{element.LocalName} {attribute.Name}=\"{attribute.Value}\">");
                    }
                }
            }
        }

        Assert.Empty(offending);
        var page = File.ReadAllText(temp.Combine("site", "incidents", "inc-1", "index.html"));
        // Inert, not gone: the reader still sees what was written.
        Assert.Contains("javascript:alert(1)", page, StringComparison.Ordinal);
        Assert.Contains(">e7<", page, StringComparison.Ordinal);
        Assert.Contains(">r17<", page, StringComparison.Ordinal);
        Assert.Contains(">i20<", page, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/ok\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/auto\"", page, StringComparison.Ordinal);
        if (!isPublic)
        {
            // The public edition redacts e-mail addresses.
            Assert.Contains("href=\"mailto:ops@example.com\"", page, StringComparison.Ordinal);
        }

        // The search index and the feed carry text and the site's own URLs only.
        foreach (var file in Directory.EnumerateFiles(temp.Combine("site"), "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".xml", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("href=\\\"javascript", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"javascript", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"url\":\"javascript", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("https://example.com/a", true)]
    [InlineData("HTTP://example.com", true)]
    [InlineData("mailto:ops@example.com", true)]
    [InlineData("../files/graph.png", true)]
    [InlineData("#timeline", true)]
    [InlineData("?q=javascript:alert(1)", true)]
    [InlineData("/incidents/inc-1/", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" JavaScript:alert(1)", false)]
    [InlineData("\u0001javascript:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("java\nscript:alert(1)", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("ftp://example.com", false)]
    [InlineData("//example.com/x", true)]
    public void The_policy_allows_web_mail_relative_and_fragment_urls_only(string url, bool allowed) =>
        Assert.Equal(allowed, PmSite.Rendering.UrlPolicy.IsAllowed(url));

    /// <summary>The test's own reading of an attribute as a browser would: decoded, tabs and newlines dropped, trimmed.</summary>
    private static bool IsAllowed(string value)
    {
        var url = new string(WebUtility.HtmlDecode(value).Where(c => c is not ('\t' or '\n' or '\r')).ToArray()).Trim('\0', ' ', '\u0001', '\u001f');
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var stop = url.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (stop >= 0 && stop < colon))
        {
            return true;
        }

        return url[..colon].ToLowerInvariant() is "http" or "https" or "mailto";
    }
}
