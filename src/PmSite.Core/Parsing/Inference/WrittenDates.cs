using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Recognizers = Microsoft.Recognizers.Definitions;

namespace PmSite.Parsing;

/// <summary>A date read from text as people write it, and what was chosen where the text allowed more than one reading.</summary>
internal readonly record struct WrittenDate(DateOnly Date, string? Choice);

/// <summary>
/// Reads dates as teams write them: <c>2026-01-14</c>, <c>January 14-19, 2026</c> (a range gives its first day),
/// <c>Sept. 18th, 2017</c>, <c>12th March 2023</c>, <c>14. Januar 2026</c>, <c>14 de enero de 2026</c>, <c>01.07.2019</c>,
/// <c>08Nov2022</c>, <c>3/4/2021</c>. Month names come from Microsoft.Recognizers' definitions (English, German, French,
/// Spanish, Dutch, Swedish, Italian, Portuguese), not from a list of our own.
/// </summary>
internal static partial class WrittenDates
{
    private static readonly Lazy<Dictionary<string, int>> s_months = new(LoadMonths);
    private static readonly Lazy<Regex[]> s_patterns = new(BuildPatterns);

    /// <summary>
    /// Reads a value that should be a date as a whole (a metadata field). Null when it holds no date; an error message in
    /// <paramref name="invalid"/> when it is written as a date that is not on the calendar (<c>2025-02-30</c>).
    /// </summary>
    public static WrittenDate? Read(string value, out string? invalid)
    {
        invalid = null;
        var t = value.Trim();
        if (FieldValues.TryDate(t, out var iso))
        {
            return new WrittenDate(iso, null);
        }

        var found = Find(t, out var firstInvalid);
        if (found is { } f)
        {
            return f.Date;
        }

        invalid = firstInvalid;
        return null;
    }

    /// <summary>The first date written anywhere in <paramref name="text"/>, and where it stands; dates off the calendar are passed over.</summary>
    public static (WrittenDate Date, int Index)? FindFirst(string text) => Find(text, out _);

    private static (WrittenDate Date, int Index)? Find(string text, out string? invalid)
    {
        invalid = null;
        (WrittenDate Date, int Index)? best = null;
        foreach (var pattern in s_patterns.Value)
        {
            for (var match = pattern.Match(text); match.Success && (best is null || match.Index < best.Value.Index); match = match.NextMatch())
            {
                if (Resolve(match, out var problem) is { } date)
                {
                    best = (date, match.Index);
                    break;
                }

                invalid ??= problem;
            }
        }

        return best;
    }

    private static WrittenDate? Resolve(Match match, out string? invalid)
    {
        invalid = null;
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var choice = match.Groups["to"].Success ? $"'{match.Value.Trim()}' is a range; its first day is taken" : null;
        int month, day;
        if (match.Groups["month"].Success)
        {
            var name = match.Groups["month"].Value.ToLowerInvariant();
            if (!s_months.Value.TryGetValue(name, out month))
            {
                return null;
            }

            day = match.Groups["d"].Success ? int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
        }
        else if (match.Groups["a"].Success)
        {
            // Numbers with slashes: a number over 12 tells which is the day; else month first, as in the US, and said so.
            var a = int.Parse(match.Groups["a"].Value, CultureInfo.InvariantCulture);
            var b = int.Parse(match.Groups["b"].Value, CultureInfo.InvariantCulture);
            (month, day) = a > 12 ? (b, a) : (a, b);
            if (a <= 12 && b <= 12 && a != b)
            {
                choice = $"'{match.Value.Trim()}' could be day/month or month/day; read as month/day ({year:D4}-{month:D2}-{day:D2})";
            }
        }
        else
        {
            month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        }

        if (year is < 1970 or > 2199 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            invalid = $"'{match.Value.Trim()}' is not a calendar date";
            return null;
        }

        return new WrittenDate(new DateOnly(year, month, day), choice);
    }

    private static Dictionary<string, int> LoadMonths()
    {
        // English first: where two languages spell a month alike, they mean the same month.
        IDictionary[] tables =
        [
            Recognizers.English.DateTimeDefinitions.MonthOfYear, Recognizers.German.DateTimeDefinitions.MonthOfYear,
            Recognizers.French.DateTimeDefinitions.MonthOfYear, Recognizers.Spanish.DateTimeDefinitions.MonthOfYear,
            Recognizers.Dutch.DateTimeDefinitions.MonthOfYear, Recognizers.Swedish.DateTimeDefinitions.MonthOfYear,
            Recognizers.Italian.DateTimeDefinitions.MonthOfYear, Recognizers.Portuguese.DateTimeDefinitions.MonthOfYear,
        ];
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            foreach (DictionaryEntry entry in table)
            {
                var name = ((string)entry.Key).TrimEnd('.').ToLowerInvariant();
                // The tables also map numbers ("1", "01") and ordinals; only words are month names.
                if (name.Length >= 3 && name.All(char.IsLetter) && Convert.ToInt32(entry.Value, CultureInfo.InvariantCulture) is >= 1 and <= 12 and var number)
                {
                    months.TryAdd(name, number);
                }
            }
        }

        return months;
    }

    private static Regex[] BuildPatterns()
    {
        var names = string.Join("|", s_months.Value.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).Select(Regex.Escape));
        const string Ordinal = @"(?:st|nd|rd|th|er|e|\.)?";
        const string NotInWord = "(?<![\\p{L}\\d])";
        var month = $"(?<month>{names})\\.?";
        return
        [
            // 2026-01-14, 2026/01/14, 2026.01.14
            // (with dots or slashes only as two-digit parts: "2020.3.1" is a version, not a date)
            new Regex(@"(?<![\d.\-/])(?<y>(?:19|20|21)\d{2})(?:-(?<m>\d{1,2})-(?<d>\d{1,2})|(?<sep>[/.])(?<m>\d{2})\k<sep>(?<d>\d{2}))(?!\d)", RegexOptions.CultureInvariant),
            // 14.01.2026 (day first, as written wherever dots separate a date)
            new Regex(@"(?<![\d.])(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>(?:19|20|21)\d{2})(?![\d])", RegexOptions.CultureInvariant),
            // 1/14/2026, 14/1/2026
            new Regex(@"(?<![\d/])(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>(?:19|20|21)\d{2})(?![\d])", RegexOptions.CultureInvariant),
            // January 14-19, 2026; Sept. 18th, 2017; May 1 2019; enero 14 de 2026
            new Regex($"{NotInWord}{month}\\s*(?<d>\\d{{1,2}}){Ordinal}(?<to>\\s*[-–—]\\s*(?:{names})?\\.?\\s*\\d{{1,2}}{Ordinal})?,?\\s+(?:de\\s+)?(?<y>(?:19|20|21)\\d{{2}})(?!\\d)",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
            // 12th March 2023; 14. Januar 2026; 14 de enero de 2026; 14-19 January 2026; 08Nov2022
            new Regex($"(?<![\\p{{L}}\\d])(?<d>\\d{{1,2}}){Ordinal}(?<to>\\s*[-–—]\\s*\\d{{1,2}}{Ordinal})?\\s*(?:de\\s+)?{month},?\\s*(?:de\\s+)?(?<y>(?:19|20|21)\\d{{2}})(?!\\d)",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        ];
    }
}
