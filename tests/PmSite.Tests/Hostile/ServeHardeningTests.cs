using System.Net;
using PmSite.Cli.Serve;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// The preview server builds into a folder only its user can read, answers only requests addressed to the loopback host
/// (no DNS rebinding), and never redirects off the site.
/// </summary>
public sealed class ServeHardeningTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(90);

    private static PreviewServer Server(TempFolder temp, string? output = "preview") => new(new ServeOptions
    {
        InputFolder = temp.Combine("input"),
        ThemeFolder = Repo.Theme,
        OutputFolder = output is null ? null : temp.Combine(output),
        CacheFolder = temp.Combine("cache"),
        Port = 0,
        Now = SiteFixture.Now,
    }, new StringWriter(), new StringWriter());

    [Fact]
    public async Task The_default_preview_folder_is_private_to_the_user_and_not_in_the_shared_temp_folder()
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1"));
        await using var server = Server(temp, output: null);

        await server.StartAsync();

        Assert.False(server.OutputFolder.StartsWith(Path.Combine(Path.GetTempPath(), "pmsite-serve"), StringComparison.Ordinal));
        Assert.StartsWith(temp.Combine("cache") + Path.DirectorySeparatorChar, server.OutputFolder, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(server.OutputFolder, "incidents", "inc-1", "index.html")));
        if (!OperatingSystem.IsWindows())
        {
            // The site and its staging folders live inside a folder nobody else may enter.
            var root = Path.GetDirectoryName(server.OutputFolder)!;
            Assert.Equal(Private, File.GetUnixFileMode(root));
        }
    }

    [Fact]
    public void A_preview_folder_anyone_else_could_have_written_to_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }

        using var temp = new TempFolder();
        var input = temp.Combine("input");
        var first = PreviewFolder.For(input, temp.Combine("cache"));
        var root = Path.GetDirectoryName(first)!;

        // Someone opened it up (or made it before us): it is not used.
        File.SetUnixFileMode(root, Private | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        Assert.Throws<PreviewFolderException>(() => PreviewFolder.For(input, temp.Combine("cache")));

        // A symbolic link put in its place, to a folder of someone else's choosing, is not followed.
        Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(temp.Combine("elsewhere"));
        Directory.CreateSymbolicLink(root, temp.Combine("elsewhere"));
        Assert.Throws<PreviewFolderException>(() => PreviewFolder.For(input, temp.Combine("cache")));
    }

    [Fact]
    public void The_same_input_gets_the_same_private_folder_and_without_a_cache_folder_a_fresh_random_one()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("input");

        Assert.Equal(PreviewFolder.For(input, temp.Combine("cache")), PreviewFolder.For(input, temp.Combine("cache")));
        var a = PreviewFolder.For(input, cacheFolder: null);
        var b = PreviewFolder.For(input, cacheFolder: null);
        try
        {
            Assert.NotEqual(a, b);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(Private, File.GetUnixFileMode(Path.GetDirectoryName(a)!));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(a)!, recursive: true);
            Directory.Delete(Path.GetDirectoryName(b)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:{port}")]
    [InlineData("127.0.0.1.evil.example:{port}")]
    [InlineData("localhost:1")]
    public async Task A_request_for_another_host_is_refused(string host)
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1"));
        await using var server = Server(temp);
        await server.StartAsync();
        using var http = new HttpClient { Timeout = s_patience };
        var port = new Uri(server.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        foreach (var path in new[] { "incidents/inc-1/", LiveReload.ScriptPath.TrimStart('/') })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + path);
            request.Headers.Host = host.Replace("{port}", port, StringComparison.Ordinal);
            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
            Assert.DoesNotContain("Database connection pool exhausted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task A_request_for_the_loopback_host_is_served(string host)
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1"));
        await using var server = Server(temp);
        await server.StartAsync();
        using var http = new HttpClient { Timeout = s_patience };
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + "incidents/inc-1/");
        request.Headers.Host = $"{host}:{new Uri(server.Url).Port}";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("//tags", "/tags/")]
    [InlineData("///tags", "/tags/")]
    [InlineData("//incidents/inc-1", "/incidents/inc-1/")]
    [InlineData("/%2F%2Ftags", "/tags/")]
    [InlineData("/tags", "/tags/")]
    public async Task A_folder_is_redirected_on_the_site_never_off_it(string path, string location)
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", extra: "tags: [database]"));
        await using var server = Server(temp);
        await server.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = s_patience };

        using var response = await http.GetAsync(new Uri(server.Url.TrimEnd('/') + path));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }
}
