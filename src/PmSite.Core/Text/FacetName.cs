using System.Text;

namespace PmSite;

/// <summary>
/// A facet value (tag, service) as the site shows and compares it: the name as written, in any script, NFC-normalised,
/// trimmed, its spaces collapsed and lower-cased with the invariant culture, so "Database" and "database" are one value
/// and "база" stays "база".
/// </summary>
internal static class FacetName
{
    public static string Of(string written)
    {
        var sb = new StringBuilder(written.Length);
        var space = false;
        foreach (var c in Nfc.Of(written))
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        // Lower-casing can undo the normal form in rare scripts; normalise again.
        return Nfc.Of(sb.ToString().ToLowerInvariant());
    }
}
