using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// @handles in prose ("@alice.chen", "@sre-team"), but not "@here" and other room-wide mentions. In code an "@" is an annotation or decorator ("@Override"), and
/// "@scope/package" is a package name, so neither is taken for a person. Emails are the email detector's.
/// </summary>
internal sealed partial class HandleDetector : IDetector
{
    /// <summary>Chat keywords that address a room, not a person.</summary>
    private static readonly HashSet<string> s_broadcasts = new(StringComparer.OrdinalIgnoreCase) { "@here", "@channel", "@everyone", "@all" };

    public IEnumerable<Finding> Find(ScanText scan)
    {
        foreach (Match m in Handle().Matches(scan.Text))
        {
            if (!scan.IsCode(m.Index) && !scan.IsLinkTarget(m.Index) && !s_broadcasts.Contains(m.Value))
            {
                var name = m.Value[1..];
                yield return new Finding(m.Index, m.Length, RedactionClass.Person, m.Value) { Identity = PersonNames.Identity(name) };
            }
        }
    }

    [GeneratedRegex(@"(?<![\w@.+\-/])@[A-Za-z][\w.\-]*[A-Za-z0-9](?![\w@/]|[.\-]\w)")]
    private static partial Regex Handle();
}
