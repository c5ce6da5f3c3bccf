namespace PmSite.Authoring.Lint;

/// <summary>How much a finding matters: lint findings are warnings; a file that cannot be parsed is an error.</summary>
public enum LintSeverity
{
    Warning,
    Error,
}

/// <summary>
/// One lint finding: where it is (a real file position, 1-based line and column), which rule found it,
/// what is wrong, and a hint in the guide's spirit on how to rewrite it.
/// </summary>
public sealed record LintFinding(string File, int Line, int Column, string Rule, string Message, string? Hint)
{
    public LintSeverity Severity { get; init; } = LintSeverity.Warning;

    /// <summary>The flagged phrase as written, for findings about wording; null for structural findings.</summary>
    public string? Phrase { get; init; }

    /// <summary>The build's form: message and hint in one line.</summary>
    public string Describe() => Hint is null ? Message : $"{Message} — hint: {Hint}";

    /// <summary>The JSON shape of a finding, the same for <c>pmsite lint --format json</c> and serve's overlay.</summary>
    public object ToJson() => new
    {
        file = File,
        line = Line,
        column = Column,
        rule = Rule,
        severity = Severity == LintSeverity.Error ? "error" : "warning",
        message = Message,
        hint = Hint,
    };
}
