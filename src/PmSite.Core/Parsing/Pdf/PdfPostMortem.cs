using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PmSite.Diagnostics;
using PmSite.Markdown;
using PmSite.Model;

namespace PmSite.Parsing.Pdf;

/// <summary>
/// A PDF post-mortem, as teams keep them beside their Markdown: id from the file name; title from the document's Title
/// metadata where it means something, else from the file name, else the first line of text; date from the file name,
/// else the first date in the text, else the document's creation date (either of these with a warning saying so); its
/// text as the body, so that search, related incidents and the summary work on it. Severity and status are unspecified,
/// as for a Markdown file without metadata. A PDF that cannot be read is a warning, and the build goes on without it.
/// </summary>
internal static partial class PdfPostMortem
{
    /// <summary>Documents larger than this are listed from their file name only: their text is not read.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Whether a post-mortem file is a PDF (by its extension, as the input folder chooses them).</summary>
    public static bool IsPdf(string path) => path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where the site keeps a copy of the PDF, beside the files bodies link to; linked, as they are, through
    /// <see cref="Rendering.SiteUrls.Link"/>, which escapes a name with spaces, '#' or '%' once.
    /// </summary>
    public static string CopyPath(PostMortem postMortem) => "files/" + postMortem.SourcePath;


    /// <summary>
    /// Reads the PDF <paramref name="bytes"/> of <paramref name="file"/> (a path relative to the input folder). Null, with
    /// a warning, when the document cannot be opened (corrupt, encrypted, not a PDF).
    /// </summary>
    public static PostMortem? Read(string file, ReadOnlyMemory<byte> bytes, DiagnosticBag diagnostics)
    {
        PdfContent? content = null;
        if (bytes.Length > MaxBytes)
        {
            diagnostics.Warning(file, 0, "pdf-too-large",
                $"the PDF is larger than {MaxBytes / (1024 * 1024)} MB: its text is not read, only its file name gives its title and date");
        }
        else
        {
            try
            {
                content = PdfText.Read(bytes);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var why = ex is UglyToad.PdfPig.Exceptions.PdfDocumentEncryptedException ? "it is encrypted" : "it is damaged or not a PDF";
                diagnostics.Warning(file, 0, "unreadable-pdf", $"the PDF cannot be read ({why}); it is left out of the site");
                return null;
            }
        }

        var blocks = PdfMarkdown.Blocks(content?.Pages ?? []);
        if (content is not null)
        {
            if (content.FailedPages.Count > 0)
            {
                diagnostics.Warning(file, 0, "unreadable-pdf",
                    $"the text of page{(content.FailedPages.Count == 1 ? "" : "s")} {string.Join(", ", content.FailedPages)} of the PDF cannot be read");
            }

            if (content.Truncated)
            {
                diagnostics.Warning(file, 0, "pdf-truncated",
                    $"only the first {Math.Min(content.PageCount, PdfText.MaxPages)} of {content.PageCount} pages (at most {PdfText.MaxChars / 1_000_000} million characters) of the PDF are read for search and related incidents");
            }

            if (blocks.Count == 0)
            {
                diagnostics.Warning(file, 0, "pdf-no-text",
                    "the PDF has no text to extract (a scanned image?): it is listed by its title and date, but its content is not searchable");
            }
        }

        // The file name without ".pdf" reads as a Markdown file name does ("2025-09-29-flags-is-down", "PM2019-009 - DNS").
        var inferred = FileNameInference.From(file[..^".pdf".Length]);
        var firstLine = blocks.FirstOrDefault(b => !b.IsHeading)?.Text is { } first ? FirstLine(first) : null;
        var title = Meaningful(content?.Title, file) ?? inferred.Title ?? firstLine ?? inferred.Id;

        var date = inferred.Date;
        int? yearOnly = null;
        if (date is null)
        {
            var text = string.Join("\n", blocks.Select(b => b.Text));
            if (FirstDate(text) is { } written)
            {
                date = written;
                diagnostics.Warning(file, 0, "prose-date",
                    $"no date in the file name; the first date in the PDF's text, {Iso(written)}, is taken as the incident date");
            }
            else if (content?.Created is { } created)
            {
                date = created;
                diagnostics.Warning(file, 0, "inferred-date",
                    $"no date in the file name or text; the PDF's creation date, {Iso(created)}, is taken as the incident date");
            }
            else
            {
                yearOnly = inferred.Year;
            }
        }

        var missingDate = date is not null ? "" : inferred.Year is { } y ? $"date (only the year {y} is known), " : "date, ";
        diagnostics.Warning(file, 0, "unspecified", $"a PDF post-mortem: {missingDate}severity and status are not stated and shown as \"unspecified\"");

        // The title opens most documents: on the page it would be said twice, and it would stand in for the summary.
        if (blocks.Count > 0 && !blocks[0].IsHeading && SameText(blocks[0].Text, title))
        {
            blocks.RemoveAt(0);
        }

        var body = new MarkdownBody(PdfMarkdown.Of(blocks));
        var sections = SectionSplitter.Split(body.Tree);
        var summarySection = sections.FirstOrDefault(s => s.Kind == SectionKind.Summary) ?? (sections.Count > 0 ? sections[0] : null);
        var postMortem = new PostMortem
        {
            Id = inferred.Id,
            Title = title,
            Date = date,
            YearOnly = yearOnly,
            Summary = Summary(summarySection),
            Source = MetadataSource.Pdf,
            SourcePath = file,
            Sections = sections,
            MentionedIds = IncidentMentions.In(sections.SelectMany(s => (string[])[s.Heading, s.Text]), inferred.Id),
            Body = body,
            Links = body.Tree.Descendants<LinkInline>().Select(l => (l.Url, l.Line)).ToList(),
        };
        return postMortem;
    }

    /// <summary>
    /// The Title metadata when it names the document: not empty, not a placeholder ("Untitled"), not what a converter
    /// wrote in its stead ("Microsoft Word - report.docx", the file's own name).
    /// </summary>
    internal static string? Meaningful(string? title, string file)
    {
        var t = title is null ? "" : Regex.Replace(title, @"\s+", " ").Trim();
        if (t.Length == 0 || t.Length > 300 || Placeholder().IsMatch(t) || Converted().IsMatch(t))
        {
            return null;
        }

        var name = Path.GetFileName(file);
        return string.Equals(t, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t, Path.GetFileNameWithoutExtension(name), StringComparison.OrdinalIgnoreCase) ? null : t;
    }

    /// <summary>The first date written in the text, as <see cref="WrittenDates"/> reads dates.</summary>
    internal static DateOnly? FirstDate(string text) => WrittenDates.FindFirst(text)?.Date.Date;

    /// <summary>The first paragraph of a section, cut at a sentence or word if it is long (a PDF's paragraphs can be whole pages).</summary>
    private static string? Summary(Section? section)
    {
        var paragraph = section?.Blocks.OfType<ParagraphBlock>().FirstOrDefault();
        var text = paragraph is null ? "" : PlainText.Of(paragraph.Inline).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        const int max = 400;
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(". ", max, StringComparison.Ordinal);
        if (cut < max / 2)
        {
            cut = text.LastIndexOf(' ', max);
            return (cut > 0 ? text[..cut] : text[..max]) + "…";
        }

        return text[..(cut + 1)];
    }

    /// <summary>The opening of a paragraph as a title: up to its first sentence, at most 120 characters.</summary>
    private static string FirstLine(string paragraph)
    {
        var end = paragraph.IndexOf(". ", StringComparison.Ordinal);
        var line = end > 0 ? paragraph[..end] : paragraph;
        return line.Length <= 120 ? line : line[..(line.LastIndexOf(' ', 120) is > 0 and var space ? space : 120)] + "…";
    }

    private static bool SameText(string a, string b) =>
        string.Equals(Regex.Replace(a, @"\s+", " ").Trim(), Regex.Replace(b, @"\s+", " ").Trim(), StringComparison.OrdinalIgnoreCase);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(untitled(\s+document)?|title|document\d*|new document|slide \d+|\(?anonymous\)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    // "Microsoft Word - report.docx", "report.docx", "Untitled-1.indd", "C:\Users\...\report.doc".
    [GeneratedRegex(@"^microsoft\s+(word|powerpoint|excel)\s*-|\.(docx?|odt|rtf|pages|pdf|pptx?|xlsx?|indd|txt|md|html?)$|^[a-z]:\\", RegexOptions.IgnoreCase)]
    private static partial Regex Converted();
}
