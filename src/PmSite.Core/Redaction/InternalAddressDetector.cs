using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// Hosts and URLs under the configured internal domains ("kafka-b3.corp.example.internal",
/// "https://grafana.corp.example.internal/d/x"), and every email address.
/// </summary>
internal sealed partial class InternalAddressDetector : IDetector
{
    private readonly Regex? _url;
    private readonly Regex? _host;

    public InternalAddressDetector(IEnumerable<string> domains)
    {
        var alternatives = domains.Select(d => d.Trim().Trim('.').ToLowerInvariant()).Where(d => d.Length > 0).Select(Regex.Escape).ToList();
        if (alternatives.Count > 0)
        {
            var domain = "(?:" + string.Join('|', alternatives) + ")";
            const RegexOptions options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
            _url = new Regex(@"(?<![\w])[a-z][a-z0-9+.\-]*://(?:[^\s/@<>""']+@)?(?:[a-z0-9\-]+\.)*" + domain + @"(?![\w\-])(?::\d+)?(?:[/?#][^\s<>""'`]*)?", options);
            _host = new Regex(@"(?<![\w.\-])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)*" + domain + @"(?![\w\-])", options);
        }
    }

    public IEnumerable<Finding> Find(ScanText scan)
    {
        var text = scan.Text;
        if (_url is not null && _host is not null)
        {
            foreach (Match m in _url.Matches(text))
            {
                var value = TrimUrl(m.Value);
                yield return new Finding(m.Index, value.Length, RedactionClass.InternalHost, value) { IsUrl = true };
            }

            foreach (Match m in _host.Matches(text))
            {
                yield return new Finding(m.Index, m.Length, RedactionClass.InternalHost, m.Value);
            }
        }

        foreach (Match m in Email().Matches(text))
        {
            if (m.Value.StartsWith("git@", StringComparison.OrdinalIgnoreCase))
            {
                continue; // an SSH remote ("git@github.com:org/repo.git"), not a mailbox
            }

            yield return new Finding(m.Index, m.Length, RedactionClass.Email, m.Value);
        }
    }

    /// <summary>Drops what ends a sentence rather than the URL: a full stop, a comma, an unmatched closing bracket.</summary>
    private static string TrimUrl(string url)
    {
        while (url.Length > 0)
        {
            var last = url[^1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '*' or '_'
                || (last == ')' && url.Count(c => c == '(') < url.Count(c => c == ')'))
                || (last == ']' && url.Count(c => c == '[') < url.Count(c => c == ']')))
            {
                url = url[..^1];
                continue;
            }

            break;
        }

        return url;
    }

    [GeneratedRegex(@"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w\-])")]
    private static partial Regex Email();
}
