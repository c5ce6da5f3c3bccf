using Markdig.Syntax;
using PmSite.Markdown;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>Cuts a body into sections at its level-1 and level-2 headings; deeper headings stay inside.</summary>
internal static class SectionSplitter
{
    public static IReadOnlyList<Section> Split(MarkdownDocument body)
    {
        var sections = new List<Section>();
        HeadingBlock? heading = null;
        var blocks = new List<Block>();

        void Close()
        {
            if (heading is null && blocks.Count == 0)
            {
                return;
            }

            var title = heading is null ? "" : PlainText.Of(heading.Inline).Trim();
            var kind = heading is null ? SectionKind.Other : SectionCatalog.Classify(title);
            var line = (heading ?? blocks[0]).Line + 1;
            var text = PlainText.Of(blocks);
            var prose = blocks.Any(b => b is CodeBlock) ? PlainText.Of(blocks.Where(b => b is not CodeBlock)) : text;
            sections.Add(new Section(kind, title, line) { Blocks = blocks, Text = text, Prose = prose });
        }

        foreach (var block in body)
        {
            if (block is HeadingBlock { Level: <= 2 } h)
            {
                Close();
                heading = h;
                blocks = [];
            }
            else
            {
                blocks.Add(block);
            }
        }

        Close();
        return sections;
    }
}
