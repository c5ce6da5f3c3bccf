namespace PmSite.Authoring.Lint;

/// <summary>
/// One lint check. A rule looks at one post-mortem and reports what it finds; it never changes anything.
/// Rule names are kebab-case, stable, and used as diagnostic codes and in <c>pmsite-lint-disable</c> comments.
/// </summary>
public interface ILintRule
{
    /// <summary>The rule's name, e.g. <c>blame-person</c>.</summary>
    string Name { get; }

    /// <summary>One sentence on what the rule checks, for <c>pmsite lint --help</c> and the docs.</summary>
    string Description { get; }

    /// <summary>How to fix what the rule finds, in general (each finding has a hint of its own); SARIF's rule help.</summary>
    string Hint { get; }

    IEnumerable<LintFinding> Check(LintDocument document);
}
