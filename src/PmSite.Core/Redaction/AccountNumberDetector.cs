using System.Numerics;
using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// Bank account numbers: IBANs (validated with their mod-97 check digits) and digit runs introduced by
/// "account number", "acct", "routing number" or "sort code".
/// </summary>
internal sealed partial class AccountNumberDetector : IDetector
{
    public IEnumerable<Finding> Find(ScanText scan)
    {
        foreach (Match m in Iban().Matches(scan.Text))
        {
            if (IsIban(m.Value))
            {
                yield return new Finding(m.Index, m.Length, RedactionClass.AccountNumber, m.Value);
            }
        }

        foreach (Match m in Labelled().Matches(scan.Text))
        {
            var n = m.Groups["n"];
            if (n.Value.Count(char.IsDigit) >= 6)
            {
                yield return new Finding(n.Index, n.Length, RedactionClass.AccountNumber, n.Value);
            }
        }
    }

    public static bool IsIban(string text)
    {
        var iban = text.Replace(" ", "", StringComparison.Ordinal);
        if (iban.Length is < 15 or > 34)
        {
            return false;
        }

        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsLetter(c) ? (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
        return BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 == 1;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")]
    private static partial Regex Iban();

    [GeneratedRegex(@"(?i)(?<![\p{L}])(?:account|acct|a/c|routing|sort\s+code|bsb)(?:\s*(?:no\.?|number|num|#|id))?\s*[:#]?\s*(?<n>\d[\d \-]{4,24}\d)(?!\d)")]
    private static partial Regex Labelled();
}
