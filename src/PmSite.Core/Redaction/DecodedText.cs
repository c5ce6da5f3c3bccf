using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// A text with its HTML entities decoded ("Marta&amp;#39;s" reads "Marta's"), and the way back from a position in the
/// decoded text to the source, so that detectors see what a reader sees and replacements land on the source.
/// </summary>
internal sealed partial class DecodedText
{
    private readonly int[] _start;
    private readonly int[] _end;

    private DecodedText(string source, string text, int[] start, int[] end)
    {
        Source = source;
        Text = text;
        _start = start;
        _end = end;
    }

    public string Source { get; }

    public string Text { get; }

    public static DecodedText Of(string source)
    {
        var sb = new StringBuilder(source.Length);
        var start = new List<int>(source.Length);
        var end = new List<int>(source.Length);
        var at = 0;
        foreach (Match entity in Entity().Matches(source))
        {
            var decoded = WebUtility.HtmlDecode(entity.Value);
            if (decoded == entity.Value)
            {
                continue;
            }

            for (; at < entity.Index; at++)
            {
                sb.Append(source[at]);
                start.Add(at);
                end.Add(at + 1);
            }

            foreach (var c in decoded)
            {
                sb.Append(c);
                start.Add(entity.Index);
                end.Add(entity.Index + entity.Length);
            }

            at = entity.Index + entity.Length;
        }

        if (start.Count == 0)
        {
            return new DecodedText(source, source, [], []);
        }

        for (; at < source.Length; at++)
        {
            sb.Append(source[at]);
            start.Add(at);
            end.Add(at + 1);
        }

        return new DecodedText(source, sb.ToString(), start.ToArray(), end.ToArray());
    }

    /// <summary>The source position of the character at <paramref name="index"/> of the decoded text.</summary>
    public int SourceStart(int index) => _start.Length == 0 ? index : index < _start.Length ? _start[index] : Source.Length;

    /// <summary>The source position just after the character before <paramref name="end"/> of the decoded text.</summary>
    public int SourceEnd(int end) => _end.Length == 0 ? end : end == 0 ? 0 : _end[end - 1];

    [GeneratedRegex(@"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex Entity();
}
