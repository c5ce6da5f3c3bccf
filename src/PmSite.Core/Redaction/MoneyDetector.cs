using System.Globalization;
using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// Money figures ("$45,000", "€1.2M", "12,000 USD", "GBP 300") and business metrics written as numbers after or
/// before a metric word ("ARR of 4.2M", "revenue impact: about 84,000", "1,200 credits"). Percentages, durations,
/// sizes and years are not money: "99.95%", "270 GB", "30 s" and "revenue in 2023" stay as written.
/// </summary>
internal sealed partial class MoneyDetector : IDetector
{
    public IEnumerable<Finding> Find(ScanText scan)
    {
        var text = scan.Text;
        foreach (var regex in new[] { Symbol(), CodeAfter(), CodeBefore() })
        {
            foreach (Match m in regex.Matches(text))
            {
                // In code, "$1" is an argument and "$5" rarely money: ask for two digits or a separator there.
                if (scan.IsCode(m.Index) && m.Groups["n"].Value.Count(char.IsDigit) < 2)
                {
                    continue;
                }

                yield return new Finding(m.Index, m.Length, RedactionClass.Money, m.Value);
            }
        }

        foreach (var regex in new[] { MetricThenNumber(), NumberThenMetric() })
        {
            foreach (Match m in regex.Matches(text))
            {
                var n = m.Groups["n"];
                if (IsMetricFigure(n.Value, text, n.Index + n.Length))
                {
                    yield return new Finding(n.Index, n.Length, RedactionClass.Money, n.Value);
                }
            }
        }
    }

    /// <summary>A number that reads as a business figure: a magnitude word, or at least 1,000 and not a year; not followed by a unit.</summary>
    private static bool IsMetricFigure(string number, string text, int end)
    {
        if (Unit().IsMatch(text.AsSpan(end, Math.Min(16, text.Length - end)).ToString()))
        {
            return false;
        }

        if (Magnitude().IsMatch(number))
        {
            return true;
        }

        var digits = new string(number.TakeWhile(c => char.IsDigit(c) || c == ',').Where(char.IsDigit).ToArray());
        if (digits.Length == 4 && !number.Contains(',', StringComparison.Ordinal) && digits[0] is '1' or '2')
        {
            return false; // a year
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1000;
    }

    private const string Amount = @"(?<n>\d{1,3}(?:[,.\u00A0\u202F]\d{3})+|\d+)(?:[.,]\d+)?(?:\s?(?:[kK]|[mM]|bn|[bB]|million|billion|thousand|mn)(?![\p{L}\p{N}]))?";

    private const string Currencies = "USD|EUR|GBP|JPY|CHF|AUD|CAD|NZD|SEK|NOK|DKK|PLN|INR|BRL|MXN|SGD|HKD|CNY|ZAR";

    [GeneratedRegex(@"(?<![\w$€£¥])(?:US\$|A\$|C\$|NZ\$|[$€£¥])\s?" + Amount)]
    private static partial Regex Symbol();

    [GeneratedRegex(@"(?<![\w.,])" + Amount + @"\s?(?:" + Currencies + @"|dollars|euros|pounds)(?![\p{L}\p{N}])")]
    private static partial Regex CodeAfter();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:" + Currencies + @")\s?" + Amount)]
    private static partial Regex CodeBefore();

    [GeneratedRegex(@"(?<![\p{L}])(?:ARR|MRR|GMV|[Rr]evenue|[Bb]ookings|[Cc]redits?|[Ss]ales|[Tt]urnover|[Pp]rofits?|[Ll]osses)(?![\p{L}])[^.\n\d%$€£]{0,30}?(?<![\d.,])(?<n>\d[\d,.]*(?:\s?(?:[kK]|M|bn|million|billion|thousand)(?![\p{L}\p{N}]))?)")]
    private static partial Regex MetricThenNumber();

    [GeneratedRegex(@"(?<![\w.,$€£])(?<n>\d[\d,.]*(?:\s?(?:[kK]|M|bn|million|billion|thousand)(?![\p{L}\p{N}]))?)\s+(?:in\s+|of\s+)?(?:ARR|MRR|GMV|revenue|bookings|credits|sales)(?![\p{L}])")]
    private static partial Regex NumberThenMetric();

    [GeneratedRegex(@"(?:[kK]|M|bn|million|billion|thousand)$")]
    private static partial Regex Magnitude();

    [GeneratedRegex(@"^\s?(?:%|percent|ms\b|s\b|sec|seconds?\b|min|minutes?\b|h\b|hours?\b|days?\b|[KMGTP]i?B\b|req|requests?\b|rps\b|qps\b|users?\b|orders?\b|tickets?\b|errors?\b|x\b|times\b|records?\b|rows?\b|events?\b|messages?\b|connections?\b|pods?\b|nodes?\b|shoppers?\b|sessions?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Unit();
}
