using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;

namespace PmSite.Tests.Parsing;

internal static class ParseHelper
{
    public static (PostMortem? PostMortem, IReadOnlyList<Diagnostic> Diagnostics) Parse(string file, string text, SiteSettings? settings = null)
    {
        var diagnostics = new DiagnosticBag();
        var postMortem = PostMortemParser.Parse(file, text, settings ?? new SiteSettings(), diagnostics);
        return (postMortem, diagnostics.Sorted());
    }
}
