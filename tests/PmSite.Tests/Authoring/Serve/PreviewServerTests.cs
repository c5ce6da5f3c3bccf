using System.Text.Json;
using System.Threading.Channels;
using PmSite.Cli.Serve;
using PmSite.Tests.Authoring.Lint;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Authoring.Serve;

public sealed class PreviewServerTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Serves_the_site_rebuilds_on_change_reloads_the_page_and_keeps_the_last_good_site_when_a_change_breaks_it()
    {
        using var temp = new TempFolder();
        var file = temp.Write("input/post-mortems/INC-1.md", LintKit.With("Nothing else."));
        temp.Write("input/post-mortems/INC-2.md", SiteFixture.PostMortem("INC-2", title: "Disk full on the order database"));
        await using var server = new PreviewServer(new ServeOptions
        {
            InputFolder = temp.Combine("input"),
            ThemeFolder = Repo.Theme,
            OutputFolder = temp.Combine("preview"),
            Port = 0,
            Now = SiteFixture.Now,
            Debounce = TimeSpan.FromMilliseconds(100),
        }, new StringWriter(), new StringWriter());
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = s_patience };

        // The page is served with the live-reload script; the built file is left as the build wrote it.
        var page = await http.GetStringAsync("incidents/inc-1/");
        Assert.Contains("Payment API outage from connection pool exhaustion", page, StringComparison.Ordinal);
        Assert.Contains(LiveReload.ScriptTag, page, StringComparison.Ordinal);
        Assert.DoesNotContain("_pmsite", File.ReadAllText(temp.Combine("preview", "incidents", "inc-1", "index.html")), StringComparison.Ordinal);

        using var events = await EventStream.OpenAsync(http);
        Assert.Equal("overlay", (await events.NextAsync()).Name);

        // An edit: the page changes, the browser is told to reload, and the lint finding of the edited file is shown.
        var builds = server.Builds;
        File.WriteAllText(file, LintKit.With("Sarah forgot to check the pool metrics.").Replace("Payment API outage", "Payment API stall"));
        var overlay = await events.NextAsync("overlay");
        var item = Assert.Single(JsonDocument.Parse(overlay.Data).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(("blame-person", "post-mortems/INC-1.md"), (item.GetProperty("rule").GetString(), item.GetProperty("file").GetString()));
        await events.NextAsync("reload");
        Assert.True(server.Builds > builds);
        Assert.Contains("Payment API stall from connection pool exhaustion", await http.GetStringAsync("incidents/inc-1/"), StringComparison.Ordinal);

        // A broken post-mortem: reported on the page, no reload, and the last good site is still served.
        File.WriteAllText(file, LintKit.With("Nothing else.").Replace("date: 2025-11-10", "date: 2025-02-30"));
        var failure = JsonDocument.Parse((await events.NextAsync("overlay")).Data).RootElement;
        Assert.True(failure.GetProperty("failed").GetBoolean());
        Assert.Contains(failure.GetProperty("items").EnumerateArray(), i => i.GetProperty("rule").GetString() == "invalid-date");
        Assert.Contains("Payment API stall from connection pool exhaustion", await http.GetStringAsync("incidents/inc-1/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serves_only_the_preview_folder()
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", LintKit.With("Nothing else."));
        temp.Write("secret.txt", "not for the browser");
        await using var server = new PreviewServer(new ServeOptions
        {
            InputFolder = temp.Combine("input"),
            ThemeFolder = Repo.Theme,
            OutputFolder = temp.Combine("preview"),
            Port = 0,
        }, new StringWriter(), new StringWriter());
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = s_patience };

        var notFound = await http.GetAsync("no-such-page/");
        var escape = await http.GetAsync("%2e%2e/secret.txt");
        var folder = await http.GetAsync(new Uri(server.Url + "incidents/inc-1"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains(LiveReload.ScriptTag, await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual("not for the browser", await escape.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript; charset=utf-8", (await http.GetAsync(LiveReload.ScriptPath.TrimStart('/'))).Content.Headers.ContentType?.ToString());
        Assert.EndsWith("/incidents/inc-1/", folder.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_a_usage_error()
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", LintKit.With("Nothing else."));
        ServeOptions Options(int port) => new()
        {
            InputFolder = temp.Combine("input"),
            ThemeFolder = Repo.Theme,
            OutputFolder = temp.Combine("preview-" + port),
            Port = port,
        };
        await using var first = new PreviewServer(Options(0), new StringWriter(), new StringWriter());
        await first.StartAsync();
        var stderr = new StringWriter();

        var exit = await Cli.Commands.ServeCommand.RunAsync(Options(new Uri(first.Url).Port), new StringWriter(), stderr, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("cannot serve on 127.0.0.1:", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A server-sent-events stream read in the background, one event at a time, with bounded waits.</summary>
    private sealed class EventStream : IDisposable
    {
        private readonly Channel<(string Name, string Data)> _events = Channel.CreateUnbounded<(string, string)>();
        private readonly CancellationTokenSource _stop = new();
        private readonly HttpResponseMessage _response;

        private EventStream(HttpResponseMessage response)
        {
            _response = response;
            _ = Task.Run(ReadAsync);
        }

        public static async Task<EventStream> OpenAsync(HttpClient http)
        {
            var response = await http.GetAsync(LiveReload.EventsPath.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new EventStream(response);
        }

        /// <summary>The next event (of the given name, skipping others), or a failed test after a generous wait.</summary>
        public async Task<(string Name, string Data)> NextAsync(string? name = null)
        {
            using var timeout = new CancellationTokenSource(s_patience);
            while (true)
            {
                var next = await _events.Reader.ReadAsync(timeout.Token);
                if (name is null || next.Name == name)
                {
                    return next;
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _response.Dispose();
            _stop.Dispose();
        }

        private async Task ReadAsync()
        {
            try
            {
                using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
                string? name = null;
                var data = new List<string>();
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        name = line[7..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data.Add(line[6..]);
                    }
                    else if (line.Length == 0 && name is not null)
                    {
                        _events.Writer.TryWrite((name, string.Join("\n", data)));
                        (name, data) = (null, []);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
            {
                // The test is over or the server stopped.
            }
        }
    }
}
