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

    public static string SeverityPath(string severity) => $"severity/{Slug.Of(severity)}/";

    public static string YearPath(int year) => $"years/{year}/";

    public static string ReadingListPath(string slug) => $"reading-lists/{slug}/";

    /// <summary>The link to a path of the site, e.g. <c>Link("tags/")</c>.</summary>
    public string Link(string path) => BasePath + path;

    /// <summary>The absolute URL of a path, for feeds, sitemaps and canonical links.</summary>
    public string Absolute(string path) => BaseUrl + path;

    public string Incident(PostMortem postMortem) => Link(IncidentPath(postMortem.Id));

    /// <summary>The file a page path is written to: "tags/" → "tags/index.html".</summary>
    public static string FileOf(string path) => path.EndsWith('/') || path.Length == 0 ? path + "index.html" : path;
}
