using PmSite.Authoring.Lint.Language;
using PmSite.Model;

namespace PmSite.Authoring.Lint;

/// <summary>
/// What a rule looks at: one parsed post-mortem, its source text (for exact positions), the site settings, and
/// what is derived from them once for all rules — the prose with file positions and the people it may name.
/// </summary>
public sealed class LintDocument
{
    private readonly int[] _lineStarts;
    private IReadOnlyList<ProseBlock>? _prose;
    private PeopleNames? _people;

    public LintDocument(PostMortem postMortem, string sourceText, SiteSettings settings)
    {
        PostMortem = postMortem;
        Settings = settings;
        // The same normalisation as the parser, so line numbers agree.
        Text = sourceText.Replace("\r\n", "\n").Replace('\r', '\n').TrimStart('\uFEFF');
        _lineStarts = new int[Text.AsSpan().Count('\n') + 1];
        for (int i = 1, offset = -1; i < _lineStarts.Length; i++)
        {
            offset = Text.IndexOf('\n', offset + 1);
            _lineStarts[i] = offset + 1;
        }
    }

    public PostMortem PostMortem { get; }

    public SiteSettings Settings { get; }

    public string File => PostMortem.SourcePath;

    /// <summary>The source text, with line endings normalised to '\n'.</summary>
    public string Text { get; }

    /// <summary>How many lines the source has.</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>Every run of prose: body blocks, the title and a front-matter summary.</summary>
    public IReadOnlyList<ProseBlock> Prose => _prose ??= ReadProse();

    /// <summary>The people this post-mortem and the site name: authors, reviewers, owners, pmsite.yml's people.</summary>
    public PeopleNames People => _people ??= PeopleNames.Of(PostMortem, Settings);

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public ReadOnlySpan<char> Line(int line)
    {
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] - 1 : Text.Length;
        return Text.AsSpan(start, end - start);
    }

    /// <summary>The 1-based line and column of a character offset in <see cref="Text"/>.</summary>
    public (int Line, int Column) PositionOf(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The line of a metadata field, or 1 (the top of the file) when it is not there.</summary>
    public int LineOf(string field) => PostMortem.FieldLines.TryGetValue(field, out var line) && line > 0 ? line : 1;

    /// <summary>The 1-based column of <paramref name="text"/> on a line, or 1 when it is not found there.</summary>
    public int ColumnOf(int line, string? text)
    {
        if (text is null || line < 1 || line > LineCount)
        {
            return 1;
        }

        var at = Line(line).IndexOf(text, StringComparison.Ordinal);
        return at < 0 ? 1 : at + 1;
    }

    /// <summary>A finding of <paramref name="rule"/> in this file.</summary>
    public LintFinding Finding(ILintRule rule, int line, int column, string message, string? hint) =>
        new(File, line, column, rule.Name, message, hint);

    /// <summary>A finding about a phrase of a prose block, at the phrase's first character.</summary>
    public LintFinding Finding(ILintRule rule, ProseBlock prose, int index, int length, string message, string? hint)
    {
        var (line, column) = prose.PositionOf(index);
        return new LintFinding(File, line, column, rule.Name, message, hint) { Phrase = prose.Text.Substring(index, length) };
    }

    private List<ProseBlock> ReadProse()
    {
        var prose = ProseBlock.Read(this);
        if (PostMortem.Source != MetadataSource.Inferred)
        {
            prose.Insert(0, ProseBlock.FromField(PostMortem.Title, Text, OffsetOfLine(LineOf("title")), PositionOf, ProseOrigin.Title));
        }

        if (PostMortem.FieldLines.ContainsKey("summary") && PostMortem.Summary is { } summary)
        {
            prose.Insert(Math.Min(1, prose.Count), ProseBlock.FromField(summary, Text, OffsetOfLine(LineOf("summary")), PositionOf, ProseOrigin.Summary));
        }

        return prose;
    }

    private int OffsetOfLine(int line) => _lineStarts[Math.Clamp(line - 1, 0, _lineStarts.Length - 1)];
}
