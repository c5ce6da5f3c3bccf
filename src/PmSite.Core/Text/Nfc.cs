using System.Text;

namespace PmSite;

/// <summary>
/// Unicode normalisation form C for names (facet values and their slugs), where the runtime provides it. Under invariant
/// globalization, as PmSite runs, <see cref="string.Normalize()"/> leaves text as it is; a name typed decomposed ("e" +
/// U+0301) then stays a value of its own, and if its slug meets the composed one's, the collision is reported and each
/// keeps a page (no composition table is kept by hand here).
/// </summary>
internal static class Nfc
{
    public static string Of(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
}
