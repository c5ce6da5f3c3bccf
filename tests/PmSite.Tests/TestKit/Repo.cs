namespace PmSite.Tests.TestKit;

/// <summary>Paths in the repository and beside it, found from the test assembly's location.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Theme => Path.Combine(Root, "theme");

    public static string SampleInput => Path.Combine(Root, "input");

    /// <summary>The real-world corpora in <c>../shared/corpora</c>; tests skip when it is absent.</summary>
    public static string Corpus(string name) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpora", name));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PmSite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PmSite.sln not found above " + AppContext.BaseDirectory);
    }
}
