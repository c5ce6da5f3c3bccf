using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace PmSite.Parsing.Pdf;

/// <summary>What a PDF holds for a post-mortem: its metadata, and the text of its pages as read.</summary>
/// <param name="Title">The document's Title metadata, as written.</param>
/// <param name="Created">The date of its CreationDate metadata, when it is one.</param>
/// <param name="Pages">The text of each page read, in order; lines break at line feeds, paragraphs at blank lines.</param>
/// <param name="PageCount">How many pages the document has.</param>
/// <param name="Truncated">Whether reading stopped at a limit (<see cref="PdfText.MaxPages"/>, <see cref="PdfText.MaxChars"/>).</param>
/// <param name="FailedPages">Pages (from 1) whose text could not be read.</param>
internal sealed record PdfContent(string? Title, DateOnly? Created, IReadOnlyList<string> Pages, int PageCount, bool Truncated, IReadOnlyList<int> FailedPages);

/// <summary>Reads the metadata and text of a PDF with PdfPig, within limits, so that one huge document cannot exhaust memory.</summary>
internal static class PdfText
{
    /// <summary>Pages read at most: enough for any post-mortem, and a bound on the time one document takes.</summary>
    public const int MaxPages = 200;

    /// <summary>Characters of text kept at most (about 2 MB): search and related incidents need no more.</summary>
    public const int MaxChars = 2_000_000;

    /// <summary>Reads <paramref name="bytes"/>; throws whatever PdfPig throws for a document it cannot open.</summary>
    public static PdfContent Read(ReadOnlyMemory<byte> bytes)
    {
        // Lenient parsing (PdfPig's default) reads the many PDFs with small faults in their cross-reference tables;
        // a missing font must not cost the text of a page.
        using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        var info = document.Information;
        var created = info.GetCreatedDateTimeOffset() is { } c ? DateOnly.FromDateTime(c.Date) : (DateOnly?)null;
        var pages = new List<string>();
        var failed = new List<int>();
        var chars = 0;
        var truncated = document.NumberOfPages > MaxPages;
        for (var number = 1; number <= Math.Min(document.NumberOfPages, MaxPages); number++)
        {
            string text;
            try
            {
                text = ContentOrderTextExtractor.GetText(document.GetPage(number), addDoubleNewline: true);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One broken page (a bad font, a damaged stream) does not lose the rest of the document.
                failed.Add(number);
                continue;
            }

            if (chars + text.Length > MaxChars)
            {
                pages.Add(text[..(MaxChars - chars)]);
                truncated = true;
                break;
            }

            chars += text.Length;
            pages.Add(text);
        }

        return new PdfContent(info.Title, created, pages, document.NumberOfPages, truncated, failed);
    }
}
