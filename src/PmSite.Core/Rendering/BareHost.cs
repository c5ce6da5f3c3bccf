using System.Text.RegularExpressions;

namespace PmSite.Rendering;

/// <summary>
/// A host name written as a link without its scheme (<c>[Prow](prow.example.io)</c>, <c>github.com/org/repo</c>): the first
/// path segment is two or more DNS labels ending in a top-level domain people use, optionally with a port. Top-level
/// domains that are also common file extensions (<c>.md</c>, <c>.sh</c>, <c>.py</c>, <c>.zip</c>…) are left out, so
/// <c>notes.md</c> and <c>run.sh</c> stay files; the caller checks first that no such file exists.
/// </summary>
internal static partial class BareHost
{
    // Generic and common country-code domains. Deliberately absent, being file extensions too: ai am cc gs md mk ml mov pl
    // pm ps py rs sc sh so tf zip.
    private static readonly HashSet<string> s_topLevel = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "edu", "gov", "mil", "int", "io", "dev", "app", "cloud", "info", "biz", "xyz", "site", "tech",
        "online", "page", "blog", "team", "tools", "systems", "services", "network", "codes", "engineering",
        "co", "me", "us", "uk", "eu", "de", "fr", "nl", "be", "at", "ch", "it", "es", "pt", "ie", "se", "no", "fi", "dk",
        "is", "cz", "sk", "hu", "ro", "bg", "gr", "ru", "ua", "by", "kz", "tr", "il", "jp", "cn", "kr", "tw", "hk", "sg",
        "in", "id", "my", "th", "vn", "ph", "au", "nz", "ca", "mx", "br", "ar", "cl", "za", "ng", "ke", "eg", "ae", "sa",
        "ly", "gl", "gg", "to", "tv", "fm", "ws", "ninja", "zone", "works", "global", "digital", "one", "live", "lt",
        "lv", "ee", "si", "hr", "lu", "li", "mt", "cy",
    };

    [GeneratedRegex(@"^(?<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?<tld>[a-z]{2,24}))(?::[0-9]{1,5})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    /// <summary>The web link <paramref name="target"/> means when it is a bare host name ("https://" + it), else null.</summary>
    public static string? UrlOf(string target)
    {
        var end = target.IndexOfAny(['/', '?', '#']);
        var first = end < 0 ? target : target[..end];
        return HostPattern().Match(first) is { Success: true } match && s_topLevel.Contains(match.Groups["tld"].Value)
            ? "https://" + target
            : null;
    }
}
