using System.Text;

namespace PmSite;

/// <summary>
/// URL path segments made from names (tags, services, titles): lower-case ASCII letters, digits and
/// hyphens only, so no name can inject markup or reach a path outside the output folder.
/// </summary>
public static class Slug
{
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
}
