namespace PmSite.Redaction;

/// <summary>
/// The text a detector scans (entities already decoded) and what it may ask about a position in it:
/// whether it is code, shown literally, and whether it is a link's target.
/// </summary>
internal sealed record ScanText(string Text, Func<int, bool> IsCode, Func<int, bool> IsLinkTarget)
{
    /// <summary>Text with no Markdown structure: front-matter values, notes, JSON strings.</summary>
    public static ScanText Plain(string text) => new(text, _ => false, _ => false);

    /// <summary>Text that is code or data as a whole: scripts, style sheets, log excerpts.</summary>
    public static ScanText Code(string text) => new(text, _ => true, _ => false);
}

/// <summary>One stage of redaction: finds the values of one kind in a text. Detectors are small and composed in a chain.</summary>
internal interface IDetector
{
    IEnumerable<Finding> Find(ScanText text);
}
