using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// Hosts and URLs under the configured internal domains ("kafka-b3.corp.example.internal",
/// "https://grafana.corp.example.internal/d/x"), and every email address. Found from each occurrence of a domain
/// or an "@" outwards, so a text without either costs one search.
/// </summary>
internal sealed partial class InternalAddressDetector(IEnumerable<string> domains) : IDetector
{
    private readonly string[] _domains = domains.Select(d => d.Trim().Trim('.').ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToArray();

    public IEnumerable<Finding> Find(ScanText scan)
    {
        var text = scan.Text;
        foreach (var domain in _domains)
        {
            for (var at = text.IndexOf(domain, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(domain, at + domain.Length, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + domain.Length;
                if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '-'))
                {
                    continue; // "corp.example.internalx" is another domain
                }

                var start = at;
                if (start > 0 && text[start - 1] == '.')
                {
                    while (start > 0 && (IsHostChar(text[start - 1]) || text[start - 1] == '.'))
                    {
                        start--;
                    }

                    while (text[start] is '.' or '-')
                    {
                        start++;
                    }
                }
                else if (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '_' or '-'))
                {
                    continue; // "xcorp.example.internal" is another domain
                }

                if (start > 0 && text[start - 1] == '@' && !IsUrlUserInfo(text, start - 1))
                {
                    continue; // the domain of an email address: the email finding covers it
                }

                if (UrlAround(text, start, end) is { } url)
                {
                    yield return new Finding(url.Start, url.End - url.Start, RedactionClass.InternalHost, text[url.Start..url.End]) { IsUrl = true };
                }
                else
                {
                    yield return new Finding(start, end - start, RedactionClass.InternalHost, text[start..end]);
                }
            }
        }

        if (!text.Contains('@', StringComparison.Ordinal))
        {
            yield break;
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

    private static bool IsHostChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    /// <summary>Whether the "@" before a host ends the user part of a URL ("https://user@host") rather than an email's local part.</summary>
    private static bool IsUrlUserInfo(string text, int at)
    {
        var i = at;
        while (i > 0 && !char.IsWhiteSpace(text[i - 1]) && text[i - 1] is not ('/' or '<' or '>' or '"' or '\''))
        {
            i--;
        }

        return i >= 3 && text.AsSpan(i - 3, 3).SequenceEqual("://");
    }

    /// <summary>The whole URL a host stands in, scheme to path, when it stands in one.</summary>
    private static (int Start, int End)? UrlAround(string text, int hostStart, int hostEnd)
    {
        var p = hostStart;
        if (p > 0 && text[p - 1] == '@')
        {
            p--;
            while (p > 0 && !char.IsWhiteSpace(text[p - 1]) && text[p - 1] is not ('/' or '@' or '<' or '>' or '"' or '\''))
            {
                p--;
            }
        }

        if (p < 3 || !text.AsSpan(p - 3, 3).SequenceEqual("://"))
        {
            return null;
        }

        var start = p - 3;
        while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '+' or '.' or '-'))
        {
            start--;
        }

        if (start == p - 3 || !char.IsAsciiLetter(text[start]))
        {
            return null;
        }

        var end = hostEnd;
        var rest = PortAndPath().Match(text, end);
        if (rest.Success && rest.Index == end)
        {
            end += rest.Length;
        }

        return (start, start + TrimUrl(text[start..end]).Length);
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

    [GeneratedRegex(@"\G(?::\d+)?(?:[/?#][^\s<>""'`]*)?")]
    private static partial Regex PortAndPath();

    [GeneratedRegex(@"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w\-])")]
    private static partial Regex Email();
}
