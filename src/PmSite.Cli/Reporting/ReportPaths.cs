namespace PmSite.Cli.Reporting;

/// <summary>
/// Where a finding's file is for tools that annotate a repository: findings name files relative to the input folder, but
/// GitHub and SARIF viewers want them relative to the repository root, which is the folder pmsite runs in.
/// </summary>
internal static class ReportPaths
{
    /// <summary>
    /// The file relative to <paramref name="baseFolder"/> with '/' separators, or null when it lies outside it
    /// (then <see cref="Absolute"/> names it).
    /// </summary>
    public static string? Relative(string inputFolder, string file, string baseFolder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(baseFolder), Absolute(inputFolder, file));
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The file's full path. A finding about the input folder itself (it does not exist) names that folder.</summary>
    public static string Absolute(string inputFolder, string file) =>
        Path.GetFullPath(string.Equals(file, inputFolder, StringComparison.Ordinal) ? file : Path.Combine(inputFolder, file));

    /// <summary>The path for a report: relative to the base folder where it lies under it, else absolute.</summary>
    public static string ForReport(string inputFolder, string file, string baseFolder) =>
        Relative(inputFolder, file, baseFolder) ?? Absolute(inputFolder, file).Replace(Path.DirectorySeparatorChar, '/');
}
