using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Parsing.Pdf;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Parsing;

/// <summary>PDF post-mortems: what is read from the file name, the document's metadata and its text, and what is warned.</summary>
public sealed class PdfPostMortemTests
{
    private static readonly string[] s_report =
    [
        "Broker outage during failover",
        "",
        "The message brokers stopped accepting writes for 25 minutes after a zookeeper quorum loss.",
        "",
        "Root Cause",
        "",
        "A splitbrain between the quorum members left no leader elected.",
    ];

    private static (PostMortem? PostMortem, List<Diagnostic> Diagnostics) Read(string file, byte[] bytes)
    {
        var diagnostics = new DiagnosticBag();
        var postMortem = PdfPostMortem.Read(file, bytes, diagnostics);
        return (postMortem, diagnostics.Sorted().ToList());
    }

    [Fact]
    public void The_title_comes_from_the_metadata_and_the_id_and_date_from_the_file_name()
    {
        var (p, diagnostics) = Read("post-mortems/2024-03-07-broker-outage.pdf", TestPdf.Lines("Kafka broker outage", s_report));

        Assert.NotNull(p);
        Assert.Equal("2024-03-07-broker-outage", p.Id);
        Assert.Equal("Kafka broker outage", p.Title);
        Assert.Equal(new DateOnly(2024, 3, 7), p.Date);
        Assert.Equal(MetadataSource.Pdf, p.Source);
        Assert.Null(p.Severity);
        Assert.Null(p.Status);
        Assert.DoesNotContain(diagnostics, d => d.Code is "inferred-date" or "prose-date");
        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
    }

    [Fact]
    public void The_text_becomes_paragraphs_and_sections_for_search_summary_and_related_incidents()
    {
        var (p, _) = Read("post-mortems/2024-03-07-broker-outage.pdf", TestPdf.Lines("Broker outage during failover", s_report));

        Assert.NotNull(p);
        Assert.Equal("The message brokers stopped accepting writes for 25 minutes after a zookeeper quorum loss.", p.Summary);
        var cause = Assert.Single(p.Sections, s => s.Kind == SectionKind.RootCause);
        Assert.Contains("splitbrain", cause.Text, StringComparison.Ordinal);
        // The title line opening the document is the title, not a paragraph of the body.
        Assert.DoesNotContain("Broker outage during failover", p.Body.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Untitled")]
    [InlineData("Microsoft Word - broker-outage.docx")]
    [InlineData("2024-03-07-broker-outage.pdf")]
    public void A_title_that_names_nothing_gives_way_to_the_file_name(string? title)
    {
        var (p, _) = Read("post-mortems/2024-03-07-broker-outage.pdf", TestPdf.Lines(title, s_report));

        Assert.NotNull(p);
        Assert.Equal("Broker outage", p.Title);
    }

    [Fact]
    public void A_file_name_with_no_title_gives_way_to_the_first_line_of_text()
    {
        var (p, _) = Read("INC-42.pdf", TestPdf.Lines(null, s_report));

        Assert.NotNull(p);
        Assert.Equal("INC-42", p.Id);
        Assert.Equal("Broker outage during failover", p.Title);
    }

    [Fact]
    public void A_date_only_in_the_text_is_taken_with_a_warning_saying_which()
    {
        var (p, diagnostics) = Read("INC-43 - Broker outage.pdf", TestPdf.Lines(null,
            "Broker outage", "", "Incident on 14 January 2024, resolved the same day.", "", "Follow-up on 2024-02-01."));

        Assert.NotNull(p);
        Assert.Equal("INC-43", p.Id);
        Assert.Equal("Broker outage", p.Title);
        Assert.Equal(new DateOnly(2024, 1, 14), p.Date);
        var warning = Assert.Single(diagnostics, d => d.Code == "prose-date");
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Equal("INC-43 - Broker outage.pdf", warning.File);
        Assert.Contains("2024-01-14", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_date_in_the_name_or_text_the_creation_date_is_taken_with_a_warning()
    {
        var (p, diagnostics) = Read("INC-44.pdf", TestPdf.Make(null, "D:20230509101500Z", ["A broker restarted with no date written anywhere."]));

        Assert.NotNull(p);
        Assert.Equal(new DateOnly(2023, 5, 9), p.Date);
        Assert.Contains(diagnostics, d => d.Code == "inferred-date" && d.Message.Contains("creation date, 2023-05-09", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("empty")]
    [InlineData("cut")]
    public void A_pdf_that_cannot_be_read_is_a_warning_and_is_left_out(string kind)
    {
        var whole = TestPdf.Lines("Kafka broker outage", s_report);
        var bytes = kind switch
        {
            "random" => RandomBytes(4096),
            "empty" => [],
            _ => whole[..(whole.Length / 3)],
        };

        var (p, diagnostics) = Read("post-mortems/broken.pdf", bytes);

        Assert.Null(p);
        var warning = Assert.Single(diagnostics, d => d.Code == "unreadable-pdf");
        Assert.Equal("post-mortems/broken.pdf", warning.File);
        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
    }

    [Fact]
    public void An_encrypted_pdf_is_a_warning_saying_so()
    {
        var (p, diagnostics) = Read("post-mortems/locked.pdf", Encrypted(TestPdf.Lines("Kafka broker outage", s_report)));

        Assert.Null(p);
        var warning = Assert.Single(diagnostics, d => d.Code == "unreadable-pdf");
        Assert.Contains("encrypted", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_without_text_is_listed_by_its_file_name_with_a_warning()
    {
        var (p, diagnostics) = Read("post-mortems/2022-11-02-scanned-report.pdf", TestPdf.Make(null, null, []));

        Assert.NotNull(p);
        Assert.Equal("Scanned report", p.Title);
        Assert.Equal(new DateOnly(2022, 11, 2), p.Date);
        Assert.Contains(diagnostics, d => d.Code == "pdf-no-text" && d.Level == DiagnosticLevel.Warning);
    }

    [Fact]
    public void Markdown_and_html_in_the_text_are_shown_as_written()
    {
        var (p, _) = Read("INC-45.pdf", TestPdf.Lines(null,
            "Injection attempt", "",
            "<script>alert(1)</script> and **bold** and [click](javascript:alert(2))",
            "# not a heading", "1. not a list | not | a table"));

        Assert.NotNull(p);
        var tree = p.Body.Tree;
        Assert.Empty(tree.Descendants<HtmlBlock>());
        Assert.Empty(tree.Descendants<HtmlInline>());
        Assert.Empty(tree.Descendants<LinkInline>());
        Assert.Empty(tree.Descendants<EmphasisInline>());
        Assert.Empty(tree.Descendants<HeadingBlock>());
        Assert.Empty(tree.Descendants<ListBlock>());
        Assert.Contains("<script>alert(1)</script> and **bold** and [click](javascript:alert(2))", p.Sections[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_pdf_is_read_up_to_the_page_limit_with_a_warning()
    {
        var pages = Enumerable.Range(1, PdfText.MaxPages + 1).Select(i => new[] { $"Page {i} of the report." }).ToArray();
        var (p, diagnostics) = Read("INC-46.pdf", TestPdf.Make("Long report", null, pages));

        Assert.NotNull(p);
        Assert.Contains($"Page {PdfText.MaxPages} of the report", p.Body.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain($"Page {PdfText.MaxPages + 1} of the report", p.Body.Markdown, StringComparison.Ordinal);
        Assert.Contains(diagnostics, d => d.Code == "pdf-truncated" && d.Message.Contains($"{PdfText.MaxPages + 1} pages", StringComparison.Ordinal));
    }

    [Fact]
    public void The_input_folder_lists_pdfs_with_the_same_skipping_rules()
    {
        using var temp = new TempFolder();
        var pdf = TestPdf.Lines("Kafka broker outage", s_report);
        temp.WriteBytes("kb/post-mortems/2024-03-07-broker-outage.pdf", pdf);
        temp.WriteBytes("kb/post-mortems/2024/INC-9.PDF", pdf);
        temp.WriteBytes("kb/post-mortems/README.pdf", pdf);
        temp.WriteBytes("kb/post-mortems/postmortem-template.pdf", pdf);
        temp.WriteBytes("kb/post-mortems/.drafts/draft.pdf", pdf);
        // A PDF exported from the Markdown beside it would be the same post-mortem twice.
        temp.Write("kb/post-mortems/INC-10.md", SiteFixture.PostMortem("INC-10"));
        temp.WriteBytes("kb/post-mortems/INC-10.pdf", pdf);
        var diagnostics = new DiagnosticBag();

        var files = new InputFolder(temp.Combine("kb")).PostMortemFiles(diagnostics).Select(f => Path.GetRelativePath(temp.Combine("kb"), f).Replace('\\', '/'));

        Assert.Equal(["post-mortems/2024-03-07-broker-outage.pdf", "post-mortems/2024/INC-9.PDF", "post-mortems/INC-10.md"], files);
        Assert.Contains(diagnostics.Sorted(), d => d.File == "post-mortems/INC-10.pdf" && d.Code == "skipped");
    }

    [Fact]
    public void The_parse_cache_reads_a_pdf_again_when_its_bytes_change_and_never_as_text()
    {
        using var temp = new TempFolder();
        var path = temp.WriteBytes("kb/INC-47.pdf", TestPdf.Lines("First title", s_report));
        var input = new InputFolder(temp.Combine("kb"));
        var cache = new ParseCache();
        var settings = new SiteSettings();

        var first = cache.Read(input, path, settings, "s");
        var again = cache.Read(input, path, settings, "s");
        File.WriteAllBytes(path, TestPdf.Lines("Second title", s_report));
        var changed = cache.Read(input, path, settings, "s");

        Assert.Equal("First title", first.PostMortem?.Title);
        Assert.Same(first.PostMortem, again.PostMortem);
        Assert.Equal("Second title", changed.PostMortem?.Title);
        Assert.NotEqual(first.Hash, changed.Hash);
        Assert.Null(changed.Text);
        Assert.DoesNotContain(changed.Diagnostics, d => d.Code == "binary-file" || d.Level == DiagnosticLevel.Error);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// The PDF with a standard security handler in its trailer, as a password-protected one has: its owner and user
    /// password entries match no password, so no reader can open it without one.
    /// </summary>
    private static byte[] Encrypted(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = text.IndexOf("<<", trailer, StringComparison.Ordinal);
        var key = new string('A', 64);
        var encrypt = $" /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <{key}> /U <{key}> >>";
        var id = text.Contains("/ID", StringComparison.Ordinal) ? "" : $" /ID [<{new string('B', 32)}> <{new string('B', 32)}>]";
        return Encoding.Latin1.GetBytes(text[..(open + 2)] + encrypt + id + text[(open + 2)..]);
    }
}
