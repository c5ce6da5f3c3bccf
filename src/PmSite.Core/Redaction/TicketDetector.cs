using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>Ticket ids with one of the configured prefixes ("PAY-1234"), in any case.</summary>
internal sealed class TicketDetector : IDetector
{
    private readonly Regex? _ticket;

    public TicketDetector(IEnumerable<string> prefixes)
    {
        var alternatives = prefixes.Select(p => p.Trim().TrimEnd('-')).Where(p => p.Length > 0).Select(Regex.Escape).ToList();
        _ticket = alternatives.Count == 0
            ? null
            : new Regex(@"(?<![\p{L}\p{N}_-])(?:" + string.Join('|', alternatives) + @")-\d+(?![\p{L}\p{N}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public IEnumerable<Finding> Find(ScanText scan) =>
        _ticket is null ? [] : _ticket.Matches(scan.Text).Select(m => new Finding(m.Index, m.Length, RedactionClass.Ticket, m.Value));
}
