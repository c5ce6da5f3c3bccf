namespace PmSite.Diagnostics;

/// <summary>How bad a finding is: errors fail the build, warnings are printed and the build goes on.</summary>
public enum DiagnosticLevel
{
    /// <summary>For information only, e.g. a file skipped because it is not a post-mortem.</summary>
    Note,
    Warning,
    Error,
}

/// <summary>One problem found in the input, always tied to a file (relative to the input folder) and, where known, a line.</summary>
public sealed record Diagnostic(DiagnosticLevel Level, string File, int Line, string Code, string Message)
{
    /// <summary>Column on the line (1-based) where it is known, e.g. for lint findings; 0 when not.</summary>
    public int Column { get; init; }

    /// <summary>Formats as <c>file:line[:column]: error code: message</c>, the shape editors and CI annotate.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}" : File;
        var level = Level switch
        {
            DiagnosticLevel.Error => "error",
            DiagnosticLevel.Warning => "warning",
            _ => "note",
        };
        return $"{where}: {level} {Code}: {Message}";
    }
}
