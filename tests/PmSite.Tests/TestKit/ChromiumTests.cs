namespace PmSite.Tests.TestKit;

/// <summary>How the browser tests find Chromium: the variable first, then the usual names on the PATH, else none.</summary>
public sealed class ChromiumTests
{
    private static readonly string s_bin = Path.Combine(Path.GetTempPath(), "bin");
    private static readonly string s_opt = Path.Combine(Path.GetTempPath(), "opt");
    private static readonly string s_path = s_bin + Path.PathSeparator + s_opt;

    private static string Exe(string folder, string name) => Path.Combine(folder, OperatingSystem.IsWindows() ? name + ".exe" : name);

    [Fact]
    public void The_variable_wins_even_over_a_browser_on_the_path()
    {
        var found = Chromium.Locate(
            name => name switch { Chromium.Variable => "/somewhere/chrome", "PATH" => s_path, _ => null },
            _ => true);
        Assert.Equal("/somewhere/chrome", found);
    }

    [Fact]
    public void Without_the_variable_the_first_known_name_on_the_path_is_used()
    {
        var present = new HashSet<string> { Exe(s_opt, "google-chrome"), Exe(s_opt, "chromium-browser") };
        var found = Chromium.Locate(name => name == "PATH" ? s_path : null, present.Contains);
        Assert.Equal(Exe(s_opt, "chromium-browser"), found);
    }

    [Fact]
    public void An_empty_variable_falls_back_to_the_path()
    {
        var found = Chromium.Locate(
            name => name switch { Chromium.Variable => "", "PATH" => s_path, _ => null },
            file => file == Exe(s_bin, "chromium"));
        Assert.Equal(Exe(s_bin, "chromium"), found);
    }

    [Fact]
    public void No_browser_anywhere_is_none()
    {
        Assert.Null(Chromium.Locate(name => name == "PATH" ? s_path : null, _ => false));
        Assert.Null(Chromium.Locate(_ => null, _ => true));
    }
}
