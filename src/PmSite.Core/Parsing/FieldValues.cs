using System.Globalization;
using System.Text.RegularExpressions;

namespace PmSite.Parsing;

/// <summary>Reads and checks the values of metadata fields, from front matter and template headers alike.</summary>
internal static partial class FieldValues
{
    public static bool TryDate(string text, out DateOnly date)
    {
        var t = text.Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        // A full timestamp is accepted where a date is asked for; its date part is taken.
        if (t.Length > 10 && (t[10] == 'T' || t[10] == ' ')
            && DateOnly.TryParseExact(t[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        return false;
    }

    /// <summary>Reads an ISO 8601 timestamp; <paramref name="hasZone"/> tells whether it named its time zone.</summary>
    public static bool TryTimestamp(string text, out DateTimeOffset value, out bool hasZone)
    {
        var t = text.Trim();
        hasZone = ZoneSuffix().IsMatch(t);
        var styles = DateTimeStyles.AllowWhiteSpaces | (hasZone ? DateTimeStyles.None : DateTimeStyles.AssumeUniversal);
        string[] formats =
        [
            "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
        ];
        return DateTimeOffset.TryParseExact(t, formats, CultureInfo.InvariantCulture, styles, out value);
    }

    /// <summary>Splits "[@a, @b]" or "a, b" into names; handles keep their @ so pages can show them as written.</summary>
    public static IReadOnlyList<string> List(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('[') && t.EndsWith(']'))
        {
            t = t[1..^1];
        }

        return t.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(s => s.Length > 0)
                .ToList();
    }

    /// <summary>An id is used as a path segment and in attributes: keep it to a safe alphabet.</summary>
    public static bool IsValidId(string id) => ValidId().IsMatch(id);

    public static bool? Bool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "on" => true,
        "false" or "no" or "n" or "off" or "" => false,
        _ => null,
    };

    /// <summary>The canonical spelling of a status, or null when it is not one PmSite knows.</summary>
    public static string? Status(string text) =>
        text.Trim().ToLowerInvariant().Replace('-', ' ').Replace('_', ' ') switch
        {
            "draft" => "Draft",
            "under review" or "in review" or "review" => "Under Review",
            "published" or "final" or "complete" or "completed" => "Published",
            _ => null,
        };

    /// <summary>A word as a label shows it: its first letter in capitals, the rest as written ("resolved" → "Resolved").</summary>
    public static string Capitalised(string text)
    {
        var t = text.Trim();
        return t.Length == 0 ? t : char.ToUpperInvariant(t[0]) + t[1..];
    }

    /// <summary>Why <paramref name="id"/> is not a valid id, in words; null when it is one.</summary>
    public static string? IdProblem(string id) =>
        IsValidId(id) ? null
        : id.Length > FileNameInference.MaxIdLength ? $"is {id.Length} characters long; an id has at most {FileNameInference.MaxIdLength}"
        : "may only hold letters, digits, '.', '_' and '-', beginning with a letter or digit";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")]
    private static partial Regex ValidId();

    [GeneratedRegex(@"(Z|[+\-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneSuffix();
}
