using System.Text;
using PmSite.Model;

namespace PmSite.Parsing.Pdf;

/// <summary>A paragraph of a PDF's text, or a line of it that names a section of the guide's template.</summary>
internal sealed record PdfBlock(string Text, bool IsHeading);

/// <summary>
/// Turns the text of a PDF's pages into Markdown the rest of PmSite reads like any body: one paragraph per paragraph of
/// the text, a level-2 heading for a line alone that names a section ("Root Cause", "4. Action Items"). Every ASCII
/// punctuation character is escaped, so nothing in a PDF's text can become Markdown or HTML: it is shown as written.
/// </summary>
internal static class PdfMarkdown
{
    /// <summary>A heading is a short line; a longer one that happens to start with "Summary" is prose.</summary>
    private const int MaxHeadingLength = 60;

    /// <summary>The blocks of the pages' text, in order; a paragraph never runs from one page onto the next.</summary>
    public static List<PdfBlock> Blocks(IEnumerable<string> pages)
    {
        var blocks = new List<PdfBlock>();
        var paragraph = new StringBuilder();

        void Close()
        {
            var text = paragraph.ToString().Trim();
            if (text.Length > 0)
            {
                blocks.Add(new PdfBlock(text, false));
            }

            paragraph.Clear();
        }

        foreach (var page in pages)
        {
            foreach (var raw in page.Split('\n'))
            {
                var line = Clean(raw);
                if (line.Length == 0)
                {
                    Close();
                }
                else if (line.Length <= MaxHeadingLength && SectionCatalog.Classify(line) != SectionKind.Other)
                {
                    Close();
                    blocks.Add(new PdfBlock(line, true));
                }
                else
                {
                    if (paragraph.Length > 0)
                    {
                        paragraph.Append(' ');
                    }

                    paragraph.Append(line);
                }
            }

            Close();
        }

        return blocks;
    }

    /// <summary>The blocks as Markdown: headings as <c>## </c>, paragraphs one to a line, a blank line between them.</summary>
    public static string Of(IEnumerable<PdfBlock> blocks)
    {
        var markdown = new StringBuilder();
        foreach (var block in blocks)
        {
            if (block.IsHeading)
            {
                markdown.Append("## ");
            }

            Escape(block.Text, markdown);
            markdown.Append("\n\n");
        }

        return markdown.ToString();
    }

    /// <summary>Writes <paramref name="text"/> with every ASCII punctuation character backslash-escaped (CommonMark 2.4).</summary>
    public static void Escape(string text, StringBuilder to)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == ' ' || c > '~')
            {
                to.Append(c);
            }
            else if (c > ' ')
            {
                to.Append('\\').Append(c);
            }
        }
    }

    /// <summary>One line of extracted text: control characters and runs of white space become one space.</summary>
    private static string Clean(string line)
    {
        var clean = new StringBuilder(line.Length);
        var space = false;
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = clean.Length > 0;
                continue;
            }

            if (space)
            {
                clean.Append(' ');
                space = false;
            }

            clean.Append(c);
        }

        return clean.ToString();
    }
}
