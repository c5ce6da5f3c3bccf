using System.Globalization;
using System.Text.RegularExpressions;

namespace PmSite.Parsing;

/// <summary>
/// What a file name says about a post-mortem written with no metadata:
/// <c>PM2019-009 - Kubernetes IP starvation.md</c>, <c>2025-09-29-flags-is-down.md</c>, <c>INC-1234-db-outage.md</c>.
/// </summary>
internal sealed partial record FileNameInference(string Id, string? Title, DateOnly? Date, int? Year)
{
    public static FileNameInference From(string path)
    {
        var stem = Path.GetFileName(path);
        var ext = Path.GetExtension(stem);
        if (ext is ".md" or ".markdown")
        {
            stem = stem[..^ext.Length];
        }

        stem = stem.Trim();
        var dated = Dated().Match(stem);
        if (dated.Success
            && DateOnly.TryParseExact(dated.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new FileNameInference(Slug.Of(stem), Humanise(dated.Groups["rest"].Value), date, date.Year);
        }

        var numbered = Numbered().Match(stem);
        if (numbered.Success)
        {
            var id = numbered.Groups["id"].Value;
            var title = numbered.Groups["title"].Success ? Humanise(numbered.Groups["title"].Value) : null;
            var year = YearIn().Match(id) is { Success: true } y ? int.Parse(y.Value, CultureInfo.InvariantCulture) : (int?)null;
            return new FileNameInference(id, title, null, year);
        }

        return new FileNameInference(Slug.Of(stem), Humanise(stem), null, null);
    }

    /// <summary>"flags-is-down" → "Flags is down"; a title already written with spaces is kept as it is.</summary>
    private static string? Humanise(string text)
    {
        var t = text.Trim();
        if (!t.Contains(' ', StringComparison.Ordinal))
        {
            t = t.Replace('-', ' ').Replace('_', ' ');
        }

        t = Regex.Replace(t, @"\s+", " ").Trim();
        return t.Length == 0 ? null : char.ToUpperInvariant(t[0]) + t[1..];
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[-_ ]+(?<rest>.+)$")]
    private static partial Regex Dated();

    [GeneratedRegex(@"^(?<id>[A-Za-z]{1,10}[-_]?\d[A-Za-z0-9]*(?:-\d+)?)(?:\s*[-–—_:]\s*|\s+)(?<title>\S.*)$|^(?<id>[A-Za-z]{1,10}[-_]?\d[A-Za-z0-9]*(?:-\d+)?)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"(?<!\d)(19|20)\d{2}(?!\d)")]
    private static partial Regex YearIn();
}
