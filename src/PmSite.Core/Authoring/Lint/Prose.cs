using System.Text;
using System.Text.RegularExpressions;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PmSite.Model;

namespace PmSite.Authoring.Lint;

/// <summary>Where a run of prose comes from.</summary>
public enum ProseOrigin
{
    Body,
    Title,
    Summary,
}

/// <summary>
/// The readable text of one Markdown block (a paragraph, heading, list item or table cell) or one front-matter
/// field, with the file position of every character, so a phrase found in the text is reported where it is written.
/// Markup is gone (emphasis, links keep their text); inline code becomes the neutral word "code", so nothing
/// quoted as code is read as prose.
/// </summary>
public sealed partial class ProseBlock
{
    private readonly int[] _lines;
    private readonly int[] _columns;

    internal ProseBlock(string text, int[] lines, int[] columns, SectionKind section, ProseOrigin origin, bool inTable)
    {
        Text = text;
        _lines = lines;
        _columns = columns;
        Section = section;
        Origin = origin;
        InTable = inTable;
    }

    public string Text { get; }

    /// <summary>The template section the block is in (Other for text before the first heading and front matter).</summary>
    public SectionKind Section { get; }

    public ProseOrigin Origin { get; }

    /// <summary>Whether the block is a table cell (a timeline event, an action item).</summary>
    public bool InTable { get; }

    /// <summary>The 1-based file line and column of the character at <paramref name="index"/> of <see cref="Text"/>.</summary>
    public (int Line, int Column) PositionOf(int index)
    {
        if (_lines.Length == 0)
        {
            return (1, 1);
        }

        var i = Math.Clamp(index, 0, _lines.Length - 1);
        return (_lines[i], _columns[i]);
    }

    /// <summary>The sentences of the text as (start, length), split after '.', '!', '?' or ';' followed by a space.</summary>
    public IEnumerable<(int Start, int Length)> Sentences()
    {
        var start = 0;
        foreach (Match end in SentenceEnd().Matches(Text))
        {
            var length = end.Index + 1 - start;
            if (Text.AsSpan(start, length).Trim().Length > 0)
            {
                yield return (start, length);
            }

            start = end.Index + end.Length;
        }

        if (start < Text.Length && Text.AsSpan(start).Trim().Length > 0)
        {
            yield return (start, Text.Length - start);
        }
    }

    // "e.g." and "i.e." do not end a sentence; a decimal point has no space after it.
    [GeneratedRegex(@"(?<!\b(?:e\.g|i\.e|etc|vs|approx|incl))[.!?;]+[""'”’)]*\s+")]
    private static partial Regex SentenceEnd();

    /// <summary>Reads the prose of a post-mortem: every body block with inline text, plus its title and front-matter summary.</summary>
    internal static List<ProseBlock> Read(PostMortem postMortem, string[] sourceLines)
    {
        var blocks = new List<ProseBlock>();
        var sections = postMortem.Sections;
        SectionKind SectionAt(int line)
        {
            var kind = SectionKind.Other;
            foreach (var section in sections)
            {
                if (section.Line > line)
                {
                    break;
                }

                kind = section.Kind;
            }

            return kind;
        }

        foreach (var leaf in postMortem.Body.Descendants<LeafBlock>())
        {
            if (leaf.Inline is null)
            {
                continue;
            }

            var builder = new Builder(sourceLines);
            builder.AppendInlines(leaf.Inline);
            var inTable = leaf.Parent is Markdig.Extensions.Tables.TableCell;
            var line = leaf.Line + 1;
            var kind = leaf is HeadingBlock { Level: <= 2 } ? SectionKind.Other : SectionAt(line);
            blocks.Add(builder.Build(kind, ProseOrigin.Body, inTable));
        }

        return blocks;
    }

    /// <summary>Prose of a front-matter value: each word found in the file from the field's line on.</summary>
    internal static ProseBlock FromField(string value, string source, int fromOffset, Func<int, (int Line, int Column)> position, ProseOrigin origin)
    {
        var text = new StringBuilder();
        var lines = new List<int>();
        var columns = new List<int>();
        var cursor = fromOffset;
        var (lastLine, lastColumn) = position(fromOffset);
        foreach (Match word in Word().Matches(value))
        {
            if (text.Length > 0)
            {
                text.Append(' ');
                lines.Add(lastLine);
                columns.Add(lastColumn + 1);
            }

            var at = source.IndexOf(word.Value, cursor, StringComparison.Ordinal);
            for (var i = 0; i < word.Length; i++)
            {
                if (at >= 0)
                {
                    (lastLine, lastColumn) = position(at + i);
                }

                text.Append(word.Value[i]);
                lines.Add(lastLine);
                columns.Add(lastColumn);
            }

            if (at >= 0)
            {
                cursor = at + word.Length;
            }
        }

        return new ProseBlock(text.ToString(), [.. lines], [.. columns], SectionKind.Other, origin, inTable: false);
    }

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();

    private sealed class Builder(string[] sourceLines)
    {
        private readonly StringBuilder _text = new();
        private readonly List<int> _lines = [];
        private readonly List<int> _columns = [];

        public ProseBlock Build(SectionKind section, ProseOrigin origin, bool inTable)
        {
            // Trim, keeping the position map in step with the text.
            var text = _text.ToString();
            var start = 0;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            var end = text.Length;
            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            FillUnknownPositions();
            return new ProseBlock(text[start..end], _lines.GetRange(start, end - start).ToArray(), _columns.GetRange(start, end - start).ToArray(), section, origin, inTable);
        }

        // Markdig gives no line and column to the brackets of text that only looked like a link ("[prompt]");
        // they sit right before or after the text around them.
        private void FillUnknownPositions()
        {
            for (var i = 0; i < _lines.Count; i++)
            {
                if (_lines[i] > 0)
                {
                    continue;
                }

                var next = _lines.FindIndex(i, l => l > 0);
                var previous = _lines.FindLastIndex(i, l => l > 0);
                if (next >= 0 && _columns[next] - (next - i) >= 1)
                {
                    (_lines[i], _columns[i]) = (_lines[next], _columns[next] - (next - i));
                }
                else if (previous >= 0)
                {
                    (_lines[i], _columns[i]) = (_lines[previous], _columns[previous] + (i - previous));
                }
                else
                {
                    (_lines[i], _columns[i]) = (1, 1);
                }
            }
        }

        public void AppendInlines(ContainerInline container)
        {
            for (var node = container.FirstChild; node is not null; node = node.NextSibling)
            {
                switch (node)
                {
                    case LiteralInline literal when literal.Line == 0 && literal.Column == 0 && literal.Span.Start > 0:
                        Append(literal.Content.ToString(), -1, 0);
                        break;
                    case LiteralInline literal:
                        AppendLiteral(literal.Content.ToString(), literal.Line, literal.Column);
                        break;
                    case CodeInline code:
                        Append(" code ", code.Line, code.Column);
                        break;
                    case AutolinkInline autolink:
                        Append("link", autolink.Line, autolink.Column);
                        break;
                    case HtmlEntityInline entity:
                        Append(entity.Transcoded.ToString(), entity.Line, entity.Column);
                        break;
                    case LineBreakInline lineBreak:
                        Append(" ", lineBreak.Line, lineBreak.Column);
                        break;
                    case HtmlInline html:
                        Append(" ", html.Line, html.Column);
                        break;
                    case TaskList:
                        break;
                    case ContainerInline inner:
                        AppendInlines(inner);
                        break;
                }
            }
        }

        private void AppendLiteral(string content, int line, int column)
        {
            // Markdig's column is where the inline's span starts; table cells include the padding before the text.
            var at = column;
            if (line >= 0 && line < sourceLines.Length && content.Length > 0)
            {
                var found = sourceLines[line].IndexOf(content, Math.Min(column, sourceLines[line].Length), StringComparison.Ordinal);
                if (found >= 0)
                {
                    at = found;
                }
            }

            Append(content, line, at);
        }

        private void Append(string text, int line, int column)
        {
            for (var i = 0; i < text.Length; i++)
            {
                _text.Append(text[i]);
                _lines.Add(line + 1);
                _columns.Add(column + i + 1);
            }
        }
    }
}
