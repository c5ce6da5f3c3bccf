using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// Slack-style channels with a compound name ("#inc-checkout", "#team_payments"). A one-word "#general" says
/// nothing; colours ("#fff"), issue numbers ("#123") and in-page anchors ("(#root-cause)") are not channels.
/// </summary>
internal sealed partial class ChannelDetector : IDetector
{
    public IEnumerable<Finding> Find(ScanText scan)
    {
        foreach (Match m in Channel().Matches(scan.Text))
        {
            if (!scan.IsLinkTarget(m.Index))
            {
                yield return new Finding(m.Index, m.Length, RedactionClass.Channel, m.Value);
            }
        }
    }

    [GeneratedRegex(@"(?<![\w/&#.@\-\\])#[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+(?![\w-])")]
    private static partial Regex Channel();
}
