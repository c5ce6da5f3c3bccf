using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PmSite.Parsing;

/// <summary>
/// What a file's name and folder say about a post-mortem: <c>PM2019-009 - Kubernetes IP starvation.md</c>,
/// <c>2025-09-29-flags-is-down.md</c>, <c>2019-01-23.md</c>, <c>INC-1234-db-outage.md</c>, <c>meteor-08Nov2022.md</c>,
/// <c>2023-04/04-25-user-account-compromise.md</c>. The id is always a valid one, however long or foreign the name.
/// </summary>
internal sealed partial record FileNameInference(string Id, string? Title, DateOnly? Date, int? Year)
{
    /// <summary>Ids are path segments; a longer name is cut at a word and told apart by a hash of the whole name.</summary>
    public const int MaxIdLength = 64;

    public static FileNameInference From(string path)
    {
        var stem = Path.GetFileName(path);
        var ext = Path.GetExtension(stem);
        if (ext.Length > 0 && ext[1..].All(char.IsAsciiLetter))
        {
            stem = stem[..^ext.Length];
        }

        stem = stem.Trim();
        if (stem.Equals("index", StringComparison.OrdinalIgnoreCase) && Path.GetDirectoryName(path) is { Length: > 0 } bundle)
        {
            // A page bundle ("2021-03-04-outage/index.md") is named by its folder.
            return From(bundle);
        }

        var dated = Dated().Match(stem);
        if (dated.Success && DateOnly.TryParseExact(dated.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new FileNameInference(IdOf(stem), Humanise(dated.Groups["rest"].Value), date, date.Year);
        }

        if (FolderDated(path, stem) is { } inFolder)
        {
            return inFolder;
        }

        var numbered = Numbered().Match(stem);
        if (numbered.Success)
        {
            var id = numbered.Groups["id"].Value;
            var title = numbered.Groups["title"].Success ? Humanise(numbered.Groups["title"].Value) : null;
            var year = YearIn().Match(id) is { Success: true } y ? int.Parse(y.Value, CultureInfo.InvariantCulture) : (int?)null;
            var inName = WrittenDates.FindFirst(stem.Replace('_', ' '))?.Date.Date;
            return new FileNameInference(IdOf(id, keepCase: true), title, inName, inName?.Year ?? year);
        }

        // A date written elsewhere in the name: "meteor-08Nov2022", "outage-2021-03-04-db".
        var written = WrittenDates.FindFirst(stem.Replace('_', ' '));
        return new FileNameInference(IdOf(stem), Humanise(stem), written?.Date.Date, written?.Date.Date.Year ?? FolderYear(path));
    }

    /// <summary>
    /// A name dated by its folder: "2023-04/04-25-slug.md", "2023/04-25-slug.md", "2023-04/25-slug.md"; the id carries the
    /// whole date, as two years' "04-25-slug" are different incidents.
    /// </summary>
    private static FileNameInference? FolderDated(string path, string stem)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(path) ?? "");
        var yearMonth = YearMonthFolder().Match(folder);
        if (!yearMonth.Success)
        {
            return null;
        }

        var year = int.Parse(yearMonth.Groups["y"].Value, CultureInfo.InvariantCulture);
        int? folderMonth = yearMonth.Groups["m"].Success ? int.Parse(yearMonth.Groups["m"].Value, CultureInfo.InvariantCulture) : null;
        var monthDay = MonthDay().Match(stem);
        int month, day;
        string rest;
        if (monthDay.Success)
        {
            (month, day, rest) = (int.Parse(monthDay.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(monthDay.Groups["d"].Value, CultureInfo.InvariantCulture), monthDay.Groups["rest"].Value);
            if (folderMonth is { } m && m != month)
            {
                return null;
            }
        }
        else if (folderMonth is { } m && DayOnly().Match(stem) is { Success: true } dayOnly)
        {
            (month, day, rest) = (m, int.Parse(dayOnly.Groups["d"].Value, CultureInfo.InvariantCulture), dayOnly.Groups["rest"].Value);
        }
        else
        {
            return null;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var date = new DateOnly(year, month, day);
        var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new FileNameInference(IdOf(rest.Length > 0 ? $"{iso}-{rest}" : iso), Humanise(rest), date, year);
    }

    private static int? FolderYear(string path)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(path) ?? "");
        var match = YearMonthFolder().Match(folder);
        return match.Success ? int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// A valid id from any name: letters of other scripts transliterated (AnyAscii), other characters as hyphens, and a name
    /// over <see cref="MaxIdLength"/> characters cut at a word with a short hash of the whole name, so two long names that
    /// begin alike still differ.
    /// </summary>
    internal static string IdOf(string name, bool keepCase = false)
    {
        var ascii = AnyAscii.Transliteration.Transliterate(name.Normalize(NormalizationForm.FormC));
        // A name becomes a lower-case slug; an id written as one ("PM2019-009") keeps its spelling.
        var id = keepCase ? NotIdCharacter().Replace(ascii, "-") : NotSlugCharacter().Replace(ascii.ToLowerInvariant(), "-");
        id = Spaces().Replace(id, "-").Trim('-', '.', '_');
        if (id.Length == 0)
        {
            id = "incident";
        }

        if (id.Length <= MaxIdLength)
        {
            return id;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        var cut = id[..(MaxIdLength - hash.Length - 1)];
        var lastHyphen = cut.LastIndexOf('-');
        if (lastHyphen > MaxIdLength / 2)
        {
            cut = cut[..lastHyphen];
        }

        return $"{cut.TrimEnd('-', '.', '_')}-{hash}";
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

    // "2025-09-29-flags-is-down", "2021-06-03--database-full", "2019-01-23" (the date alone).
    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[-_ ]+(?<rest>.*))?$")]
    private static partial Regex Dated();

    [GeneratedRegex(@"^(?<id>[A-Za-z]{1,10}[-_]?\d[A-Za-z0-9]*(?:-\d+)?)(?:\s*[-–—_:]\s*|\s+)(?<title>\S.*)$|^(?<id>[A-Za-z]{1,10}[-_]?\d[A-Za-z0-9]*(?:-\d+)?)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"(?<!\d)(19|20)\d{2}(?!\d)")]
    private static partial Regex YearIn();

    [GeneratedRegex(@"^(?<y>(?:19|20)\d{2})(?:[-_](?<m>\d{2}))?$")]
    private static partial Regex YearMonthFolder();

    [GeneratedRegex(@"^(?<m>\d{2})-(?<d>\d{2})(?:[-_ ]+(?<rest>.*))?$")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"^(?<d>\d{2})(?:[-_ ]+(?<rest>.*))?$")]
    private static partial Regex DayOnly();

    [GeneratedRegex(@"[^A-Za-z0-9._\-]+")]
    private static partial Regex NotIdCharacter();

    [GeneratedRegex(@"[^a-z0-9\-]+")]
    private static partial Regex NotSlugCharacter();

    [GeneratedRegex(@"-{2,}")]
    private static partial Regex Spaces();
}
