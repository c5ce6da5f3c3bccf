using System.Text;

namespace PmSite;

/// <summary>
/// URL path segments made from names (tags, services, titles): lower-case ASCII letters, digits and
/// hyphens only, so no name can inject markup or reach a path outside the output folder.
/// </summary>
public static class Slug
{
    /// <summary>The longest facet slug in UTF-8 bytes: well under the 255 bytes a file system allows a folder name.</summary>
    private const int MaxFacetBytes = 120;

    /// <summary>An ASCII slug: for ids, file names, reading lists and extra pages, whose URLs stay plain.</summary>
    public static string Of(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(normalized.Length);
        var hyphen = false;
        foreach (var c in normalized)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
                hyphen = false;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                sb.Append(char.ToLowerInvariant(c));
                hyphen = false;
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // Accents are dropped: "café" → "cafe".
            }
            else if (!hyphen && sb.Length > 0)
            {
                sb.Append('-');
                hyphen = true;
            }
        }

        var slug = sb.ToString().TrimEnd('-');
        return slug.Length == 0 ? "untitled" : slug;
    }

    /// <summary>
    /// The slug of a facet value (tag, service, severity): the letters, marks and digits of every script, lower-cased and
    /// NFC-normalised ("база", "東京-api", "café"), every other run of characters one hyphen. Nothing else survives, so
    /// no value can inject markup or reach a path outside the output folder; in URLs the slug is percent-encoded
    /// (<see cref="Rendering.SiteUrls.Link"/>). Different values may share a slug: the knowledge base settles that.
    /// </summary>
    public static string OfFacet(string text)
    {
        var sb = new StringBuilder(text.Length);
        var bytes = 0;
        var hyphen = false;
        foreach (var rune in Nfc.Of(text).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var kept = category is >= System.Globalization.UnicodeCategory.UppercaseLetter and <= System.Globalization.UnicodeCategory.OtherNumber;
            if (kept)
            {
                var lower = Rune.ToLowerInvariant(rune);
                if (bytes + lower.Utf8SequenceLength > MaxFacetBytes)
                {
                    break;
                }

                sb.Append(lower.ToString());
                bytes += lower.Utf8SequenceLength;
                hyphen = false;
            }
            else if (!hyphen && sb.Length > 0)
            {
                if (bytes + 1 > MaxFacetBytes)
                {
                    break;
                }

                sb.Append('-');
                bytes++;
                hyphen = true;
            }
        }

        var slug = Nfc.Of(sb.ToString().TrimEnd('-'));
        return slug.Length == 0 ? "untitled" : slug;
    }
}
