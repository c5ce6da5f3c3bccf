using System.Text;

namespace PmSite.Redaction;

/// <summary>
/// Redacts the texts of one scope (a post-mortem, a reading list, a page) with one set of pseudonyms, so the same
/// person is the same "Engineer 2" in the title, the timeline and the action items. Markdown is redacted with its
/// structure in mind: in code a replacement is written as it reads; in prose its brackets are escaped; a value in a
/// link target takes the whole target ("#redacted"); a value in a URL takes the whole URL. Every replaced value is
/// remembered for the leak verifier and counted for the report.
/// </summary>
internal sealed class Redactor(RedactionCatalog catalog, ScopeReport report)
{
    /// <summary>Where a link to something that cannot be published points instead.</summary>
    public const string RedactedLink = "#redacted";

    private readonly Pseudonyms _pseudonyms = new();
    private readonly List<SensitiveValue> _originals = [];

    public ScopeReport Report => report;

    /// <summary>The values this redactor replaced, as found (entities decoded).</summary>
    public IReadOnlyList<SensitiveValue> Originals => _originals;

    /// <summary>Redacts text with no Markdown structure: a front-matter value, a curator's note, a title.</summary>
    public string Plain(string text) => Apply(text, MarkdownRegions.None, markdown: false, sourceDirectory: null);

    /// <summary>Redacts Markdown; <paramref name="sourceDirectory"/> resolves relative links to withheld post-mortems.</summary>
    public string Markdown(string text, string? sourceDirectory) =>
        Apply(text, MarkdownRegions.Of(text), markdown: true, sourceDirectory);

    /// <summary>The pseudonym of a value known to be a person as a whole (an author, a reviewer).</summary>
    public string Person(string name)
    {
        var bare = name.Trim().TrimStart('@');
        var label = _pseudonyms.Of(RedactionClass.Person, PersonNames.Identity(name));
        if (PersonNames.IsMatchable(bare))
        {
            Remember(new Finding(0, bare.Length, RedactionClass.Person, bare) { CaseSensitive = PersonNames.Words(bare).Count == 1 }, label);
        }
        else
        {
            report.Count(RedactionClass.Person, label); // "SRE" as an author is replaced, but is no name to look for elsewhere
        }

        return label;
    }

    private string Apply(string text, MarkdownRegions regions, bool markdown, string? sourceDirectory)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var findings = Find(text, regions, sourceDirectory);
        if (findings.Count == 0)
        {
            return text;
        }

        var edits = new List<(int Start, int End, string Text)>();
        foreach (var f in findings)
        {
            if (regions.LinkTargetAround(f.Start, f.End) is { } target)
            {
                Remember(f, null);
                edits.Add((target.Start, target.End, RedactedLink));
            }
            else if (regions.UrlAround(f.Start, f.End) is { } url)
            {
                // The whole URL goes; what stands in for it says what it was, not whom it named.
                var label = f.Class == RedactionClass.InternalHost ? Label(f) : "[link]";
                Remember(f, label);
                edits.Add((url.Start, url.End, Render(label, code: false, markdown)));
            }
            else
            {
                var label = Label(f);
                Remember(f, label);
                var (end, replacement) = Possessive(text, f, label);
                replacement = AtSentenceStart(text, f.Start) ? Capitalise(replacement) : replacement;
                replacement += new string('\n', f.Value.Count(c => c == '\n'));
                edits.Add((f.Start, end, Render(replacement, regions.IsCode(f.Start), markdown)));
            }
        }

        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end, replacement) in edits.OrderBy(e => e.Start))
        {
            if (start < at)
            {
                // A second value in a link target or URL already replaced as a whole; should an edit reach past
                // the one before it, its replacement stands for the rest, so nothing of the value is left.
                if (end > at)
                {
                    sb.Append(replacement);
                    at = end;
                }

                continue;
            }

            sb.Append(text, at, start - at).Append(replacement);
            at = end;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>Every detector's findings, mapped back to source positions, kept terms dropped, overlaps resolved to the earliest and longest.</summary>
    private List<Finding> Find(string text, MarkdownRegions regions, string? sourceDirectory)
    {
        var decoded = DecodedText.Of(text);
        var scan = new ScanText(
            decoded.Text,
            i => regions.IsCode(decoded.SourceStart(i)),
            i => regions.LinkTargetAround(decoded.SourceStart(i), decoded.SourceStart(i) + 1) is not null);
        var kept = catalog.KeptRegions(decoded.Text);
        var candidates = new List<(Finding Finding, int Rank)>();
        for (var rank = 0; rank < catalog.Detectors.Count; rank++)
        {
            foreach (var f in catalog.Detectors[rank].Find(scan))
            {
                if (f.Length == 0 || kept.Any(k => k.Contains(f.Start, f.End)) || catalog.IsKeep(f.Value))
                {
                    continue;
                }

                var start = decoded.SourceStart(f.Start);
                candidates.Add((f with { Start = start, Length = decoded.SourceEnd(f.End) - start }, rank));
            }
        }

        foreach (var target in regions.LinkTargets)
        {
            var url = text[target.Start..target.End];
            if (PointsToWithheld(url, sourceDirectory))
            {
                candidates.Add((new Finding(target.Start, target.End - target.Start, RedactionClass.Incident, url), -1));
            }
        }

        var chosen = new List<Finding>();
        var end = 0;
        foreach (var (f, _) in candidates.OrderBy(c => c.Finding.Start).ThenByDescending(c => c.Finding.Length).ThenBy(c => c.Rank))
        {
            if (f.Start >= end)
            {
                chosen.Add(f);
                end = f.End;
            }
        }

        return chosen;
    }

    private string Label(Finding f) => f.Class switch
    {
        RedactionClass.Person => _pseudonyms.Of(RedactionClass.Person, f.Identity ?? PersonNames.Identity(f.Value)),
        RedactionClass.Customer => _pseudonyms.Of(RedactionClass.Customer, f.Identity ?? f.Value.ToLowerInvariant()),
        RedactionClass.System => f.Replacement ?? "an internal system",
        RedactionClass.Term => f.Replacement ?? "[term]",
        RedactionClass.InternalHost => f.IsUrl ? "[internal URL]" : "[internal host]",
        _ => f.Class.Token()!,
    };

    private void Remember(Finding f, string? label)
    {
        report.Count(f.Class, label);
        _originals.Add(new SensitiveValue(f.Value, f.Class, f.CaseSensitive));
    }

    /// <summary>"Brightwater Outfitters' launch" → "Customer A's launch": a name ending in s keeps its possessive readable.</summary>
    private static (int End, string Replacement) Possessive(string text, Finding f, string label)
    {
        if (f.Class is RedactionClass.Person or RedactionClass.Customer or RedactionClass.System
            && f.Value.EndsWith('s') && f.End < text.Length && text[f.End] is '\'' or '’'
            && (f.End + 1 == text.Length || !char.IsLetter(text[f.End + 1]))
            && (f.Start == 0 || text[f.Start - 1] is not ('\'' or '‘')))
        {
            return (f.End + 1, label + text[f.End] + "s");
        }

        return (f.End, label);
    }

    /// <summary>Whether a position opens a sentence, a line or a list item, where a lower-case replacement is capitalised.</summary>
    private static bool AtSentenceStart(string text, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '*' or '_' or '>' or '#' or '-' or '|' or '"' or '“' or '(')
            {
                continue;
            }

            return c is '\n' or '.' or '!' or '?';
        }

        return true;
    }

    private static string Capitalise(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    /// <summary>A replacement in Markdown prose is text, not markup: its brackets, stars and pipes are escaped.</summary>
    private static string Render(string replacement, bool code, bool markdown)
    {
        if (!markdown || code)
        {
            return replacement;
        }

        var sb = new StringBuilder(replacement.Length + 4);
        foreach (var c in replacement)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Whether a relative link target is the source file of a withheld post-mortem.</summary>
    private bool PointsToWithheld(string url, string? sourceDirectory)
    {
        if (sourceDirectory is null || catalog.WithheldSources.Count == 0 || url.Contains(':', StringComparison.Ordinal)
            || url.StartsWith('#') || url.StartsWith('/'))
        {
            return false;
        }

        var cut = url.IndexOfAny(['#', '?']);
        var target = Uri.UnescapeDataString(cut >= 0 ? url[..cut] : url).Trim('<', '>');
        var parts = new List<string>(sourceDirectory.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in target.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return catalog.WithheldSources.Contains(string.Join('/', parts));
    }
}
