using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// Secrets: private key blocks, cloud access keys, provider tokens (GitHub, Slack, Stripe, Google, npm), JWTs,
/// bearer tokens, credentials in URLs, and the value after a key/token/secret/password label when it looks like
/// one — high entropy for keys and tokens; for passwords, anything that is not a plain word or a placeholder.
/// </summary>
internal sealed partial class SecretDetector : IDetector
{
    private static readonly HashSet<string> s_placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "redacted", "removed", "hidden", "secret", "password", "changeme", "placeholder", "example", "none", "null",
        "undefined", "true", "false", "required", "optional", "string", "token", "xxxxxx", "xxxxxxxx", "******", "********",
    };

    public IEnumerable<Finding> Find(ScanText scan)
    {
        var text = scan.Text;
        foreach (var regex in new[] { PrivateKey(), KnownToken(), Jwt() })
        {
            foreach (Match m in regex.Matches(text))
            {
                yield return new Finding(m.Index, m.Length, RedactionClass.Secret, m.Value);
            }
        }

        foreach (var regex in new[] { Bearer(), UrlCredentials() })
        {
            foreach (Match m in regex.Matches(text))
            {
                var v = m.Groups["value"];
                yield return new Finding(v.Index, v.Length, RedactionClass.Secret, v.Value);
            }
        }

        foreach (Match m in Labelled().Matches(text))
        {
            // A full stop or colon after the value ends the sentence, not the secret ("!" and "?" may well be the secret's).
            var v = m.Groups["value"].Value.TrimEnd('.', ':');
            var label = m.Groups["label"].Value.ToLowerInvariant();
            var isPassword = label.Contains("pass", StringComparison.Ordinal) || label.Contains("pwd", StringComparison.Ordinal);
            if (LooksLikeValue(v) && (isPassword ? IsPassword(v) : IsHighEntropy(v)))
            {
                yield return new Finding(m.Groups["value"].Index, v.Length, RedactionClass.Secret, v);
            }
        }
    }

    /// <summary>A literal value, not a reference to one ("$TOKEN", "${secret}", "os.environ[…]", "vault/prod/db") or a placeholder.</summary>
    private static bool LooksLikeValue(string value) =>
        value.Length >= 6
        && !SecretPath().IsMatch(value)
        && value[0] is not ('$' or '%' or '<' or '{' or '[' or '(' or '*')
        && !value.Contains("environ", StringComparison.OrdinalIgnoreCase)
        && !value.Contains("getenv", StringComparison.OrdinalIgnoreCase)
        && !value.EndsWith(')')
        && !s_placeholders.Contains(value)
        && !value.All(c => c is 'x' or 'X' or '*' or '.' or '-');

    /// <summary>A password: not a single plain word (mixed case, digits or symbols).</summary>
    private static bool IsPassword(string value) =>
        !(value.All(char.IsLower) || (char.IsUpper(value[0]) && value.Skip(1).All(char.IsLower)));

    /// <summary>Long, varied and unpredictable: at least 12 characters, two character kinds and 3.2 bits of entropy per character.</summary>
    public static bool IsHighEntropy(string value)
    {
        if (value.Length < 12)
        {
            return false;
        }

        var kinds = (value.Any(char.IsLower) ? 1 : 0) + (value.Any(char.IsUpper) ? 1 : 0) + (value.Any(char.IsDigit) ? 1 : 0)
            + (value.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        return kinds >= 2 && Entropy(value) >= 3.2;
    }

    public static double Entropy(string value)
    {
        var counts = value.GroupBy(c => c).Select(g => (double)g.Count());
        return -counts.Sum(n => n / value.Length * Math.Log2(n / value.Length));
    }

    [GeneratedRegex(@"^[a-z0-9_\-]+(?:/[a-z0-9_.\-]+)+$")]
    private static partial Regex SecretPath();

    // A whole block, or — cut short without its END line — the header and the lines of key material after it.
    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:(?:\r?\n[A-Za-z0-9+/=:, \-]*)*?\r?\n-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|(?:\r?\n[A-Za-z0-9+/=]{16,}[A-Za-z0-9+/=:, \-]*)+)")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}|(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abposre]-[A-Za-z0-9\-]{10,}|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|AIza[0-9A-Za-z_\-]{35}|npm_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_\-]{20,}|sk-[A-Za-z0-9_\-]{20,}|https://hooks\.slack\.com/services/[A-Za-z0-9/]+)(?![A-Za-z0-9])")]
    private static partial Regex KnownToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\bbearer\s+(?<value>[A-Za-z0-9._~+/\-]{16,}=*)")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"://(?<value>[^/\s:@<>""']+:[^/\s@<>""']+)@")]
    private static partial Regex UrlCredentials();

    // Anchored on the keyword, so the engine can skip to it; what precedes it ("db_", "client_") does not matter.
    [GeneratedRegex(@"(?i)(?<label>secret|token|passw(?:or)?d|pwd|api[_\-]?key|access[_\-]?key|private[_\-]?key|auth|credentials?|key)[a-z0-9_\-]*[""']?\s*(?::=|=>|:|=)\s*[""']?(?<value>[^\s""'`<>,;)\]}]+)")]
    private static partial Regex Labelled();
}
