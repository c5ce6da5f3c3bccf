using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PmSite.Tests.TestKit;

/// <summary>Small real PDFs for tests, written with PdfPig's builder in a standard font (ASCII text only).</summary>
internal static class TestPdf
{
    /// <summary>
    /// A PDF with one page per array of lines; an empty line leaves a paragraph's gap. <paramref name="title"/> and
    /// <paramref name="created"/> (a PDF date, "D:20240307120000Z") go into the document's metadata when given.
    /// </summary>
    public static byte[] Make(string? title, string? created, params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.DocumentInformation.Title = title;
        builder.DocumentInformation.CreationDate = created;
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 780.0;
            foreach (var line in lines)
            {
                if (line.Length > 0)
                {
                    page.AddText(line, 11, new PdfPoint(50, y), font);
                }

                y -= line.Length == 0 ? 24 : 14;
            }
        }

        return builder.Build();
    }

    /// <summary>A one-page PDF of these lines, with an optional title in its metadata.</summary>
    public static byte[] Lines(string? title, params string[] lines) => Make(title, null, lines);
}
