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
    // Runs of characters that stand side by side on one line of the file: (index in Text, line, column).
    private readonly (int Index, int Line, int Column)[] _runs;

    internal ProseBlock(string text, (int Index, int Line, int Column)[] runs, SectionKind section, ProseOrigin origin, bool inTable)
    {
        Text = text;
        _runs = runs;
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
        if (_runs.Length == 0)
        {
            return (1, 1);
        }

        var (low, high) = (0, _runs.Length - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_runs[middle].Index <= index)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        var run = _runs[low];
        return (run.Line, run.Column + Math.Max(0, index - run.Index));
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
    internal static List<ProseBlock> Read(LintDocument document)
    {
        var blocks = new List<ProseBlock>();
        var sections = document.PostMortem.Sections;
        var builder = new Builder(document);
        SectionKind SectionAt(int line)
        {
            var kind = SectionKind.Other;
            for (var i = 0; i < sections.Count && sections[i].Line <= line; i++)
            {
                kind = sections[i].Kind;
            }

            return kind;
        }

        foreach (var leaf in document.PostMortem.Body.Tree.Descendants<LeafBlock>())
        {
            if (leaf.Inline is null)
            {
                continue;
            }

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
        var runs = new List<(int, int, int)>();
        var cursor = fromOffset;
        foreach (Match word in Word().Matches(value))
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            var at = source.IndexOf(word.Value, cursor, StringComparison.Ordinal);
            if (at >= 0)
            {
                var (line, column) = position(at);
                runs.Add((text.Length, line, column));
                cursor = at + word.Length;
            }

            text.Append(word.Value);
        }

        if (runs.Count == 0 || runs[0].Item1 > 0)
        {
            var (line, column) = position(fromOffset);
            runs.Insert(0, (0, line, column));
        }

        return new ProseBlock(text.ToString(), [.. runs], SectionKind.Other, origin, inTable: false);
    }

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();

    /// <summary>Builds one block at a time; <see cref="Build"/> hands the block over and starts the next.</summary>
    private sealed class Builder(LintDocument document)
    {
        // Room for most blocks from the start: a builder that had to grow reallocates when it is cleared.
        private readonly StringBuilder _text = new(1024);
        private readonly List<(int Index, int Line, int Column)> _runs = [];

        public ProseBlock Build(SectionKind section, ProseOrigin origin, bool inTable)
        {
            FillUnknownPositions();

            // Trim, keeping the runs in step with the text.
            var start = 0;
            while (start < _text.Length && char.IsWhiteSpace(_text[start]))
            {
                start++;
            }

            var end = _text.Length;
            while (end > start && char.IsWhiteSpace(_text[end - 1]))
            {
                end--;
            }

            var kept = 0;
            for (var i = 0; i < _runs.Count; i++)
            {
                var (index, line, column) = _runs[i];
                var next = i + 1 < _runs.Count ? _runs[i + 1].Index : _text.Length;
                if (next <= start || index >= end)
                {
                    continue;
                }

                // Kept runs move down in place: a write never reaches a run not read yet.
                _runs[kept++] = index >= start ? (index - start, line, column) : (0, line, column + start - index);
            }

            _runs.RemoveRange(kept, _runs.Count - kept);
            var block = new ProseBlock(_text.ToString(start, end - start), [.. _runs], section, origin, inTable);
            _text.Clear();
            _runs.Clear();
            return block;
        }

        // Markdig gives no line and column to the brackets of text that only looked like a link ("[prompt]");
        // they sit right before the text that follows them, or right after the text before them.
        private void FillUnknownPositions()
        {
            for (var i = 0; i < _runs.Count; i++)
            {
                if (_runs[i].Line > 0)
                {
                    continue;
                }

                var index = _runs[i].Index;
                var next = _runs.FindIndex(i, r => r.Line > 0);
                var previous = _runs.FindLastIndex(i, r => r.Line > 0);
                if (next >= 0 && _runs[next].Column - (_runs[next].Index - index) >= 1)
                {
                    _runs[i] = (index, _runs[next].Line, _runs[next].Column - (_runs[next].Index - index));
                }
                else if (previous >= 0)
                {
                    _runs[i] = (index, _runs[previous].Line, _runs[previous].Column + (index - _runs[previous].Index));
                }
                else
                {
                    _runs[i] = (index, 1, 1);
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
                        Append(literal.Content.AsSpan(), -1, 0);
                        break;
                    case LiteralInline literal:
                        AppendLiteral(literal.Content.AsSpan(), literal.Line, literal.Column);
                        break;
                    case CodeInline code:
                        Append(" code ", code.Line, code.Column);
                        break;
                    case AutolinkInline autolink:
                        Append("link", autolink.Line, autolink.Column);
                        break;
                    case HtmlEntityInline entity:
                        Append(entity.Transcoded.AsSpan(), entity.Line, entity.Column);
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

        private void AppendLiteral(ReadOnlySpan<char> content, int line, int column)
        {
            // Markdig's column is where the inline's span starts; table cells include the padding before the text.
            var at = column;
            if (line >= 0 && line < document.LineCount && content.Length > 0)
            {
                var source = document.Line(line + 1);
                var from = Math.Min(column, source.Length);
                var found = source[from..].IndexOf(content, StringComparison.Ordinal);
                if (found >= 0)
                {
                    at = from + found;
                }
            }

            Append(content, line, at);
        }

        private void Append(ReadOnlySpan<char> text, int line, int column)
        {
            if (text.Length == 0)
            {
                return;
            }

            _runs.Add((_text.Length, line + 1, column + 1));
            _text.Append(text);
        }
    }
}
