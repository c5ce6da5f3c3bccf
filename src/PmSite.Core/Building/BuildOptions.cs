namespace PmSite.Building;

/// <summary>What a build is asked to do; the CLI fills it from its options.</summary>
public sealed record BuildOptions
{
    public required string InputFolder { get; init; }

    public required string OutputFolder { get; init; }

    /// <summary>The theme folder (templates and assets); null uses the one shipped with PmSite.</summary>
    public string? ThemeFolder { get; init; }

    /// <summary>Overrides <c>base_url</c> of pmsite.yml.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The build date, against which action items are overdue; fixed by <c>--now</c> for reproducible output.</summary>
    public DateOnly Now { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Receives a line each time a pipeline phase ends: "Incidents: Process (1,000 documents)".</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Runs one pipeline phase at a time so that each phase's timing is its own (for profiling).</summary>
    public bool OnePhaseAtATime { get; init; }

    /// <summary>Every warning fails the build (also <c>strict: true</c> in <c>pmsite.yml</c>).</summary>
    public bool Strict { get; init; }

    /// <summary>The public edition: only <c>visibility: public</c> post-mortems, redacted, checked by the leak verifier.</summary>
    public bool Public { get; init; }

    /// <summary>
    /// What the build may reuse from earlier ones (pages of the previous output, parses of a serve session);
    /// null builds everything afresh.
    /// </summary>
    public Incremental.BuildCache? Cache { get; init; }
}
