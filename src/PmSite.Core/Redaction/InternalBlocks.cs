using System.Text;
using System.Text.RegularExpressions;
using PmSite.Diagnostics;

namespace PmSite.Redaction;

/// <summary>
/// Removes <c>&lt;!-- internal --&gt;</c> … <c>&lt;!-- /internal --&gt;</c> blocks from a raw text, before it is parsed,
/// keeping every line break so that line numbers stay those of the file. Markers inside fenced code blocks and code
/// spans are examples, not markers. An unbalanced or nested marker is reported with its file and line.
/// </summary>
internal static partial class InternalBlocks
{
    /// <summary>The text without its internal blocks, and how many were removed; null when a marker is unbalanced.</summary>
    public static (string Text, int Removed)? Remove(string file, string text, DiagnosticBag diagnostics, bool asErrors = true)
    {
        // Every public post-mortem is checked in every build, and most have no HTML comment at all.
        if (!text.Contains("<!--", StringComparison.Ordinal))
        {
            return (text, 0);
        }

        var markers = Markers(text);
        var problems = 0;
        var blocks = new List<(int Start, int End)>();
        (int Index, int Line)? open = null;
        foreach (var (index, length, closing, line) in markers)
        {
            if (!closing && open is { } outer)
            {
                Report(diagnostics, asErrors, file, line, $"'<!-- internal -->' inside the internal block opened on line {outer.Line}; close that one first");
                problems++;
            }
            else if (!closing)
            {
                open = (index, line);
            }
            else if (open is { } start)
            {
                blocks.Add((start.Index, index + length));
                open = null;
            }
            else
            {
                Report(diagnostics, asErrors, file, line, "'<!-- /internal -->' closes no internal block");
                problems++;
            }
        }

        if (open is { } unclosed)
        {
            Report(diagnostics, asErrors, file, unclosed.Line, "'<!-- internal -->' is never closed by '<!-- /internal -->'; everything after it would be published");
            problems++;
        }

        if (problems > 0)
        {
            return null;
        }

        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end) in blocks)
        {
            sb.Append(text, at, start - at);
            sb.Append('\n', text.AsSpan(start, end - start).Count('\n'));
            at = end;
        }

        return (sb.Append(text, at, text.Length - at).ToString(), blocks.Count);
    }

    private static void Report(DiagnosticBag diagnostics, bool asError, string file, int line, string message)
    {
        if (asError)
        {
            diagnostics.Error(file, line, "internal-block", message);
        }
        else
        {
            diagnostics.Warning(file, line, "internal-block", message + " (the public build will fail)");
        }
    }

    /// <summary>The markers of a text outside fenced code blocks and code spans, in order, with their line.</summary>
    private static List<(int Index, int Length, bool Closing, int Line)> Markers(string text)
    {
        var found = new List<(int, int, bool, int)>();
        string? fence = null;
        var lineStart = 0;
        for (var line = 1; lineStart <= text.Length; line++)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var content = text[lineStart..lineEnd];
            var fenceMatch = Fence().Match(content);
            if (fence is not null)
            {
                if (fenceMatch.Success && fenceMatch.Groups[1].Value.StartsWith(fence, StringComparison.Ordinal) && content.Trim().Trim(fence[0]).Length == 0)
                {
                    fence = null;
                }
            }
            else if (fenceMatch.Success)
            {
                fence = fenceMatch.Groups[1].Value;
            }
            else
            {
                foreach (Match m in Marker().Matches(content))
                {
                    if (!InCodeSpan(content, m.Index))
                    {
                        found.Add((lineStart + m.Index, m.Length, m.Groups["close"].Success, line));
                    }
                }
            }

            lineStart = lineEnd + 1;
        }

        return found;
    }

    /// <summary>Whether a position of a line is between backticks (an odd number of backtick runs before it).</summary>
    private static bool InCodeSpan(string line, int index)
    {
        var runs = 0;
        for (var i = 0; i < index; i++)
        {
            if (line[i] == '`' && (i == 0 || line[i - 1] != '`'))
            {
                runs++;
            }
        }

        return runs % 2 == 1;
    }

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"<!--\s*(?<close>/)?\s*internal\s*-->", RegexOptions.IgnoreCase)]
    private static partial Regex Marker();
}
