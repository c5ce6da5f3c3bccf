namespace PmSite.Redaction;

/// <summary>
/// The pseudonyms of one scope (a post-mortem, a reading list, a page): the same person is "Engineer 2" every time,
/// the first customer named is "Customer A", a team handle is "Team A". Numbered in order of first mention.
/// </summary>
internal sealed class Pseudonyms
{
    private readonly Dictionary<(RedactionClass, string), string> _labels = [];
    private int _engineers;
    private int _teams;
    private int _customers;

    /// <summary>The pseudonym of a person or customer, given on first mention.</summary>
    public string Of(RedactionClass kind, string identity)
    {
        if (_labels.TryGetValue((kind, identity), out var label))
        {
            return label;
        }

        label = kind switch
        {
            RedactionClass.Customer => "Customer " + Letters(_customers++),
            _ when identity.StartsWith("team:", StringComparison.Ordinal) => "Team " + Letters(_teams++),
            _ => "Engineer " + (++_engineers).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _labels[(kind, identity)] = label;
        return label;
    }

    /// <summary>0 → "A", 25 → "Z", 26 → "AA".</summary>
    public static string Letters(int index)
    {
        var s = "";
        for (var i = index; i >= 0; i = (i / 26) - 1)
        {
            s = (char)('A' + (i % 26)) + s;
        }

        return s;
    }
}
