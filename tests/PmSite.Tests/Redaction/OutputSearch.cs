using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PmSite.Tests.Redaction;

/// <summary>
/// An independent search of a built site for values, as a test sees it: every file's bytes (read as UTF-8) and
/// every file name, for the value as written, lower-cased, HTML-entity-encoded, URL-encoded and as a slug.
/// Deliberately simpler than the verifier, so it does not share its blind spots.
/// </summary>
internal static class OutputSearch
{
    /// <summary>Where each value occurs: "file: form" lines, empty when the site is clean.</summary>
    public static List<string> Find(string folder, IEnumerable<string> values, bool ignoreCase = true)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => (Name: Path.GetRelativePath(folder, path).Replace('\\', '/'), Text: Encoding.UTF8.GetString(File.ReadAllBytes(path))))
            .ToList();
        var found = new List<string>();
        foreach (var value in values)
        {
            foreach (var form in Forms(value, ignoreCase))
            {
                var pattern = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(form) + @"(?![\p{L}\p{N}])", ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
                foreach (var (name, text) in files)
                {
                    if (pattern.IsMatch(name))
                    {
                        found.Add($"{name} (file name): {value} as «{form}»");
                    }

                    if (pattern.IsMatch(text))
                    {
                        found.Add($"{name}: {value} as «{form}»");
                    }
                }
            }
        }

        return found;
    }

    private static IEnumerable<string> Forms(string value, bool ignoreCase)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal)
        {
            value, WebUtility.HtmlEncode(value), System.Text.Encodings.Web.HtmlEncoder.Default.Encode(value),
            Uri.EscapeDataString(value), WebUtility.UrlEncode(value),
        };
        if (ignoreCase && value.Contains(' ', StringComparison.Ordinal))
        {
            forms.Add(Slug.Of(value));
        }

        return forms;
    }
}
