using System.Globalization;
using System.Text.RegularExpressions;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>
/// Reads a "Stats" section as real teams write it ("- Category: Kubernetes", "- Time to detection: 54 minutes").
/// "?" and other unknowns are left unknown.
/// </summary>
internal static partial class StatsReader
{
    public sealed record Stats(string? Category, TimeSpan? TimeToDetect, TimeSpan? TimeToResolve);

    public static Stats Read(Section? section)
    {
        if (section is null)
        {
            return new Stats(null, null, null);
        }

        string? category = null;
        TimeSpan? detect = null;
        TimeSpan? resolve = null;
        foreach (var line in section.Text.Split('\n'))
        {
            var match = Entry().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var key = match.Groups["key"].Value.Trim().ToLowerInvariant();
            var value = match.Groups["value"].Value.Trim();
            if (key == "category" && value.Length > 0 && !value.All(c => c is 'X' or '?' or '-'))
            {
                category = value;
            }
            else if (key.Contains("detect", StringComparison.Ordinal))
            {
                detect = Duration(value);
            }
            else if (key.Contains("recover", StringComparison.Ordinal) || key.Contains("resol", StringComparison.Ordinal))
            {
                resolve = Duration(value);
            }
        }

        return new Stats(category, detect, resolve);
    }

    /// <summary>"54 minutes", "2 hours 15 minutes", "1.5 h", "3 days"; anything else is unknown.</summary>
    internal static TimeSpan? Duration(string text)
    {
        var total = TimeSpan.Zero;
        var any = false;
        foreach (Match m in Part().Matches(text))
        {
            var amount = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var unit = m.Groups["unit"].Value.ToLowerInvariant();
            total += unit[0] switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                's' => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.FromMinutes(amount),
            };
            any = true;
        }

        return any ? total : null;
    }

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z][A-Za-z ]+?)\s*:\s*(?<value>.*)$")]
    private static partial Regex Entry();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*(?<unit>days?|d\b|hours?|hrs?|h\b|minutes?|mins?|m\b|seconds?|secs?|s\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Part();
}
