using System.Text;
using System.Text.RegularExpressions;

namespace PmSite.Parsing;

/// <summary>The header lines under a title, in the guide's template and in the words teams write them in.</summary>
internal sealed partial record MetadataBlock
{
    /// <summary>
    /// The header under a title, as the guide's template writes it ("# Post-Mortem: title", then "**Incident ID**: …" lines)
    /// and as teams write it in their own words and languages: "**Date:** January 14-19, 2026", "Severity: Critical",
    /// "## Date: December 08, 2022", "**Dato:** 01.07.2019". The header runs from the top to the first line that is neither a
    /// label line, a blank line nor a rule; it counts only with at least one label PmSite knows (<see cref="MetadataLabels"/>).
    /// Its lines are emptied, keeping their line breaks; unknown labels stay in the body. A "# Title:" heading with the title
    /// on the next line gives that title. Only the header's lines are read as strings.
    /// </summary>
    private static MetadataBlock? ReadHeaderLines(string text)
    {
        var lines = new LineStarts(text);
        var fields = new Dictionary<string, RawField>(StringComparer.OrdinalIgnoreCase);
        var blank = new List<int>();
        string? title = null;
        int? titleLine = null;
        int? placeholder = null;
        var read = 0;
        for (var i = 0; read < 40 && lines.Get(i) is { } raw; i++)
        {
            var line = raw.Trim();
            if (line.Length == 0 || (line is "---" or "***" or "___" && fields.Count > 0))
            {
                if (line.Length > 0)
                {
                    blank.Add(i);
                }

                continue;
            }

            read++;
            if (line.StartsWith('|'))
            {
                // A metadata table ("| **Severity** | SEV2 | **Status** | Resolved |") is read, and stays in the body.
                // A header row ("| Date | Event |", followed by "|---|---|") names columns; only bold labels make it metadata.
                var headerRow = lines.Get(i + 1)?.Trim() is { } below && TableRule().IsMatch(below);
                ReadTableRow(line, i, fields, boldLabelsOnly: headerRow);

                continue;
            }

            if (Label(line) is { } label)
            {
                var key = MetadataLabels.FieldOf(label.Key);
                // "**Incident**: INC-1" is an id; "# Incident: Database outage" is a title.
                if (key is not null && label.Value.Length > 0 && !(key == "id" && label.Value.Any(char.IsWhiteSpace)))
                {
                    fields.TryAdd(key, new RawField(key, label.Value, null, i + 1));
                    blank.Add(i);
                    continue;
                }

                if (key == "title" && title is null && fields.Count == 0 && label.Value.Length == 0
                    && NextText(lines, i + 1) is { } next && TitleText.Clean(lines.Get(next)!) is { } below)
                {
                    // "# Title:" with the title on the line below it.
                    title = below;
                    titleLine = i;
                    blank.Add(i);
                    blank.Add(next);
                    i = next;
                    continue;
                }

                // A label PmSite does not know ("Last Modified: …") stays in the body, and the header goes on.
                if (key is null && !line.StartsWith('#'))
                {
                    continue;
                }
            }

            if (title is null && fields.Count == 0 && placeholder is null && TitleHeading().Match(line) is { Success: true } heading)
            {
                var words = heading.Groups["text"].Value;
                if (TitleText.Clean(words) is { } cleaned)
                {
                    title = cleaned;
                    titleLine = i;
                    continue;
                }

                // "# ISSUE NAME" goes; "# Metadata" goes only when the labels it announces follow it.
                if (TitleText.IsTemplatePlaceholder(words))
                {
                    blank.Add(i);
                    continue;
                }

                if (SectionCatalog.Classify(words) == Model.SectionKind.Other)
                {
                    placeholder = i;
                    continue;
                }
            }

            break;
        }

        if (placeholder is { } announced && fields.Count > 0)
        {
            blank.Add(announced);
        }

        if (fields.Count == 0 && !(title is not null && blank.Count > 0))
        {
            return null;
        }

        if (titleLine is { } t && !blank.Contains(t))
        {
            blank.Add(t);
        }

        blank.Sort();
        var body = new StringBuilder(text.Length);
        var at = 0;
        foreach (var b in blank.Distinct())
        {
            body.Append(text, at, lines.Start(b) - at);
            at = lines.End(b);
        }

        body.Append(text, at, text.Length - at);
        return new MetadataBlock(fields.Count > 0 ? Model.MetadataSource.TemplateHeader : Model.MetadataSource.Inferred, fields, body.ToString(), title);
    }

    /// <summary>
    /// A line written as "label: value" in one of the shapes teams use, or null. A plain line counts only with a label of a
    /// few words ("Last Modified: …"), so that a sentence with a colon ends the header.
    /// </summary>
    private static (string Key, string Value)? Label(string line)
    {
        var match = BoldLabel().Match(line);
        if (!match.Success)
        {
            match = HeadingLabel().Match(line);
        }

        if (!match.Success)
        {
            match = PlainLabel().Match(line);
            if (!match.Success || (MetadataLabels.FieldOf(match.Groups["key"].Value) is null && match.Groups["key"].Value.Split(' ').Length > 3))
            {
                return null;
            }
        }

        // "[Katharine Berry](https://github.com/katharine)" is a name; "`SEV2`" is a word.
        var value = MarkdownLink().Replace(match.Groups["value"].Value, "${text}").Trim().Trim('*', '_', '`').Trim();
        return (match.Groups["key"].Value.Trim(), value);
    }

    /// <summary>The label and value pairs of a table row whose odd cells are labels PmSite knows.</summary>
    private static void ReadTableRow(string line, int index, Dictionary<string, RawField> fields, bool boldLabelsOnly)
    {
        var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        for (var c = 0; c + 1 < cells.Length; c += 2)
        {
            if ((!boldLabelsOnly || cells[c].StartsWith("**", StringComparison.Ordinal)) && MetadataLabels.FieldOf(cells[c]) is { } key && MarkdownLink().Replace(cells[c + 1], "${text}").Trim().Trim('*', '_', '`').Trim() is { Length: > 0 } value
                && !(key == "id" && value.Any(char.IsWhiteSpace)))
            {
                fields.TryAdd(key, new RawField(key, value, null, index + 1));
            }
        }
    }

    private static int? NextText(LineStarts lines, int from)
    {
        for (var i = from; i < from + 3 && lines.Get(i) is { } line; i++)
        {
            if (line.Trim().Length > 0)
            {
                return line.TrimStart().StartsWith('#') ? null : i;
            }
        }

        return null;
    }

    /// <summary>The lines of a text found as they are asked for, by index as <c>Split('\n')</c> would number them.</summary>
    private sealed class LineStarts(string text)
    {
        private readonly List<int> _starts = [0];

        /// <summary>Line <paramref name="index"/>, or null past the last line.</summary>
        public string? Get(int index) => Reach(index) ? text[Start(index)..End(index)] : null;

        public int Start(int index) => _starts[index];

        /// <summary>Where line <paramref name="index"/> ends: at its line break, or at the end of the text.</summary>
        public int End(int index) => Reach(index + 1) ? _starts[index + 1] - 1 : text.Length;

        private bool Reach(int index)
        {
            while (_starts.Count <= index)
            {
                var end = text.IndexOf('\n', _starts[^1]);
                if (end < 0)
                {
                    return false;
                }

                _starts.Add(end + 1);
            }

            return true;
        }
    }

    [GeneratedRegex(@"^\|?\s*:?-{2,}")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^#{1,2}\s+(?<text>.+?)(?:\s+#+)?\s*$")]
    private static partial Regex TitleHeading();

    // "**Date**: …", "**Date:** …", "- **Severity:** …"
    [GeneratedRegex(@"^[-*+]?\s*\*\*(?<key>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?<value>.*)$")]
    private static partial Regex BoldLabel();

    // "## Date: December 08, 2022"
    [GeneratedRegex(@"^#{1,6}\s*(?<key>[^:#]{1,40}?)\s*:\s*(?<value>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex HeadingLabel();

    // "Severity: Critical", "- Status: Resolved", "Created By: Alice"
    [GeneratedRegex(@"^[-*+]?\s*(?<key>\p{L}[\p{L}()'’#\- ]{0,40}?)\s*:\s+(?<value>\S.*)$")]
    private static partial Regex PlainLabel();
}
