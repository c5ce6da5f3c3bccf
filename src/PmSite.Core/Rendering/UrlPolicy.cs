namespace PmSite.Rendering;

/// <summary>
/// The one rule for every URL the site writes from content: web (<c>http</c>, <c>https</c>), mail (<c>mailto</c>),
/// relative and fragment URLs are links; anything else (<c>javascript:</c>, <c>vbscript:</c>, <c>data:</c>, …) is inert text.
/// </summary>
internal static class UrlPolicy
{
    // C0 controls and space, which the URL standard strips from both ends.
    private static readonly string s_ignoredAtEnds = new(Enumerable.Range(0, 0x21).Select(i => (char)i).ToArray());

    /// <summary>Why a URL is shown as text, as the inert text's title says.</summary>
    public const string Refusal = "Not linked: only web, mail and relative links are";

    /// <summary>
    /// Whether <paramref name="url"/> may be written as a link. It is read as a browser reads it — leading and trailing
    /// control characters and spaces ignored, tabs and line breaks anywhere removed — so no spelling hides a scheme.
    /// </summary>
    public static bool IsAllowed(string url)
    {
        var span = url.AsSpan().Trim(s_ignoredAtEnds);
        Span<char> scheme = stackalloc char[8];
        var length = 0;
        foreach (var c in span)
        {
            if (c is '\t' or '\n' or '\r')
            {
                continue;
            }

            if (c is '/' or '?' or '#')
            {
                return true; // a path, query or fragment before any colon: relative
            }

            if (c == ':')
            {
                return scheme[..length] is "http" or "https" or "mailto";
            }

            if (length == scheme.Length)
            {
                // Longer than any allowed scheme: allowed only if no colon follows before a path starts.
                return !HasSchemeColon(span);
            }

            scheme[length++] = char.ToLowerInvariant(c);
        }

        return true; // no colon: relative
    }

    private static bool HasSchemeColon(ReadOnlySpan<char> url)
    {
        var end = url.IndexOfAny('/', '?', '#');
        return (end < 0 ? url : url[..end]).Contains(':');
    }
}
