using Microsoft.Playwright;

namespace PmSite.Tests.TestKit;

/// <summary>
/// A headless Chromium driven by Playwright, with everything that would reach the network off. Found through
/// <c>PMSITE_CHROMIUM</c> (the executable's path), else on the PATH as <c>chromium</c>, <c>chromium-browser</c>,
/// <c>google-chrome</c> or <c>google-chrome-stable</c>; never downloaded. <c>.ci/run</c> installs Debian's.
/// </summary>
internal static class Chromium
{
    /// <summary>The environment variable naming the browser's executable.</summary>
    public const string Variable = "PMSITE_CHROMIUM";

    private static readonly string[] s_names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private static readonly Lazy<string?> s_executable = new(() => Locate(Environment.GetEnvironmentVariable, File.Exists));

    /// <summary>The browser's executable, or null where there is none.</summary>
    public static string? Executable => s_executable.Value;

    /// <summary>True on a CI machine (<c>CI</c> set and not false, as <c>.ci/run</c> and GitHub Actions do): there a missing browser fails the tests.</summary>
    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser tests cannot run, or null when they can.</summary>
    public static string? Missing => Executable is null
        ? $"no Chromium: set {Variable} to its executable, or put chromium, chromium-browser or google-chrome on the PATH ('apt-get install -y chromium'; .ci/run does)"
        : null;

    /// <summary>Why the browser tests are skipped: a missing browser outside CI; null where they run (and, in CI, fail without one).</summary>
    public static string? SkipReason => InCi ? null : Missing;

    /// <summary>
    /// <c>PMSITE_CHROMIUM</c> when set (a path that does not exist is returned as it is, so the launch fails on it rather
    /// than quietly using another browser), else the first of the usual names in a folder of the PATH.
    /// </summary>
    internal static string? Locate(Func<string, string?> environment, Func<string, bool> exists)
    {
        if (environment(Variable) is { Length: > 0 } named)
        {
            return named;
        }

        var folders = (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in s_names)
        {
            foreach (var folder in folders)
            {
                var candidate = Path.Combine(folder, OperatingSystem.IsWindows() ? name + ".exe" : name);
                if (exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException("The browser tests cannot run: " + Missing);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{Variable} names {executable}, which does not exist.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
            ],
        });
        return (playwright, browser);
    }
}

/// <summary>
/// A test that needs Chromium: skipped, with the reason, where none is found outside CI; on a CI machine it runs and fails
/// without one, so a CI image that lost its browser cannot pass by skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Chromium.SkipReason;
}

/// <summary>A theory that needs Chromium, skipped or failing as <see cref="BrowserFactAttribute"/> is.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = Chromium.SkipReason;
}
