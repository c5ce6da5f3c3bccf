namespace PmSite.Building;

/// <summary>
/// An output folder a build must not or cannot use: one line naming the path. A usage error (exit code 2) when the folder
/// given is wrong (not PmSite's, the input, a file…); otherwise (another build holds it) the run failed (exit code 1).
/// </summary>
public sealed class OutputFolderException(string message, bool isUsageError = true) : Exception(message)
{
    /// <summary>Whether the folder given is the problem (rather than the moment it was given at).</summary>
    public bool IsUsageError { get; } = isUsageError;
}
