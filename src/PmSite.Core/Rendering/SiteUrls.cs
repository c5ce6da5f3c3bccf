using PmSite.Model;

namespace PmSite.Rendering;

/// <summary>
/// Every URL of the site in one place. Paths are relative to the output folder ("incidents/inc-1/");
/// links are root-relative under the base URL's path ("/library/incidents/inc-1/"), so a site
/// published under a sub-path works.
/// </summary>
public sealed class SiteUrls(string baseUrl)
{
    private readonly Uri _base = new(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");

    public string BasePath => _base.AbsolutePath;

    public string BaseUrl => _base.AbsoluteUri;

    public static string IncidentPath(string id) => $"incidents/{id.ToLowerInvariant()}/";

    public static string TagPath(string slug) => $"tags/{slug}/";

    public static string ServicePath(string slug) => $"services/{slug}/";

    public static string SeverityPath(string slug) => $"severity/{slug}/";

    public static string YearPath(int year) => $"years/{year}/";

    public static string ReadingListPath(string slug) => $"reading-lists/{slug}/";

    /// <summary>The link to a path of the site, e.g. <c>Link("tags/")</c>; percent-encoded (<see cref="Encode"/>).</summary>
    public string Link(string path) => BasePath + Encode(path);

    /// <summary>The absolute URL of a path, for feeds, sitemaps and canonical links; percent-encoded (<see cref="Encode"/>).</summary>
    public string Absolute(string path) => BaseUrl + Encode(path);

    /// <summary>
    /// A path as a browser sends it: letters outside ASCII ("tags/база/") as their UTF-8 bytes, percent-encoded, and so are
    /// spaces, '%', '#', '?' and the characters HTML or a URL treat specially, so a file copied under its own name is
    /// found. Plain ASCII paths, most of the site, come back unchanged.
    /// </summary>
    public static string Encode(string path)
    {
        var plain = true;
        foreach (var c in path)
        {
            if (!IsPlain(c))
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return path;
        }

        var sb = new System.Text.StringBuilder(path.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii && IsPlain((char)rune.Value))
            {
                sb.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..count])
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static bool IsPlain(char c) => c is > ' ' and < '\x7f' and not ('%' or '#' or '?' or '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}');

    public string Incident(PostMortem postMortem) => Link(IncidentPath(postMortem.Id));

    /// <summary>The file a page path is written to: "tags/" → "tags/index.html".</summary>
    public static string FileOf(string path) => path.EndsWith('/') || path.Length == 0 ? path + "index.html" : path;
}
