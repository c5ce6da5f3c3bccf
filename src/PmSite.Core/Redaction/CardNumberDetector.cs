using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// Payment card numbers: 13 to 19 digits, optionally grouped by spaces or hyphens, starting as issued cards do
/// (3 to 6) and passing the Luhn check, so order numbers and timestamps are left alone.
/// </summary>
internal sealed partial class CardNumberDetector : IDetector
{
    public IEnumerable<Finding> Find(ScanText scan)
    {
        foreach (Match m in Candidate().Matches(scan.Text))
        {
            var digits = new string(m.Value.Where(char.IsDigit).ToArray());
            if (digits.Length is >= 13 and <= 19 && digits[0] is >= '3' and <= '6' && Luhn(digits))
            {
                yield return new Finding(m.Index, m.Length, RedactionClass.CardNumber, m.Value);
            }
        }
    }

    public static bool Luhn(string digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"(?<![\d\-.])\d(?:[ \-]?\d){12,18}(?![\d\-]\d|\d)")]
    private static partial Regex Candidate();
}
