using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using PmSite.Authoring.Lint;
using PmSite.Building;
using PmSite.Cli.Commands;
using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Rendering;

namespace PmSite.Cli.Serve;

/// <summary>What <c>pmsite serve</c> is asked to do.</summary>
internal sealed record ServeOptions
{
    public required string InputFolder { get; init; }

    public required string ThemeFolder { get; init; }

    /// <summary>Where the preview is built; by default a private folder (see <see cref="PreviewFolder"/>), never the real output.</summary>
    public string? OutputFolder { get; init; }

    /// <summary>The user's cache folder, where the default preview folder goes; null for a fresh random folder under the temp folder.</summary>
    public string? CacheFolder { get; init; } = PreviewFolder.UserCacheFolder();

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; } = 5080;

    public DateOnly? Now { get; init; }

    /// <summary>How long the files must be quiet before a rebuild starts.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// A local preview: builds the site (incrementally, reusing parses and pages between rebuilds), serves it on
/// 127.0.0.1 with Kestrel, watches the input and theme folders, rebuilds on change and reloads open pages.
/// A change that breaks the build is reported in the terminal and on the page, and the last good site stays up.
/// </summary>
internal sealed class PreviewServer : IAsyncDisposable
{
    private static readonly FileExtensionContentTypeProvider s_contentTypes = new();
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ServeOptions _options;
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly BuildCache _cache = new() { DeleteInBackground = true, Session = true };
    private readonly LiveReload _live = new();
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly string _input;
    private readonly string _theme;
    private WebApplication? _app;
    private SiteWatcher? _watcher;
    private readonly HashSet<string> _queue = new(StringComparer.Ordinal);
    private Task _pending = Task.CompletedTask;
    private bool _rebuilding;
    private bool _started;
    private int _builds;

    public PreviewServer(ServeOptions options, TextWriter stdout, TextWriter stderr)
    {
        _options = options;
        _out = stdout;
        _error = stderr;
        _input = Path.GetFullPath(options.InputFolder);
        _theme = Path.GetFullPath(options.ThemeFolder);
        OutputFolder = options.OutputFolder is { } output ? Path.GetFullPath(output) : PreviewFolder.For(_input, options.CacheFolder);
    }

    /// <summary>The address the site is served at, once started, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public string Url { get; private set; } = "";

    public string OutputFolder { get; }

    /// <summary>Cancelled when the server is asked to stop (Ctrl+C or SIGTERM reach the host first).</summary>
    public CancellationToken Stopping => _app?.Lifetime.ApplicationStopping ?? CancellationToken.None;

    /// <summary>How many builds finished (successful or not), for tests waiting on a rebuild.</summary>
    public int Builds => Volatile.Read(ref _builds);

    /// <summary>Binds the port, builds the site, starts watching. Returns false when the port could not be bound.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = _input });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _options.Port));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken);
        _started = true;
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address.TrimEnd('/') + "/";

        if (_options.OutputFolder is null && Directory.Exists(OutputFolder) && !PmSite.Building.OutputFolder.IsMarked(OutputFolder))
        {
            // The preview's own folder under the temp folder, from a version that did not mark its output yet.
            PmSite.Building.OutputFolder.Mark(OutputFolder);
        }

        StagingFolder.DeleteLeftovers(OutputFolder);
        await BuildAsync([], cancellationToken);
        _watcher = new SiteWatcher([_input, _theme], _options.Debounce, changed => Schedule(changed));
        _out.WriteLine($"Serving {Url} (preview built in {OutputFolder}); watching {_options.InputFolder} and {_options.ThemeFolder}. Ctrl+C stops.");
    }

    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        await _pending.ConfigureAwait(false);
        if (_app is not null)
        {
            if (_started)
            {
                await _app.StopAsync();
            }

            await _app.DisposeAsync();
        }

        _building.Dispose();
    }

    // Changes that arrive while a rebuild runs are gathered into the next one.
    private void Schedule(IReadOnlyCollection<string> changed)
    {
        lock (_queue)
        {
            _queue.UnionWith(changed);
            if (_rebuilding)
            {
                return;
            }

            _rebuilding = true;
            _pending = Task.Run(RebuildLoopAsync);
        }
    }

    private async Task RebuildLoopAsync()
    {
        while (true)
        {
            string[] batch;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _rebuilding = false;
                    return;
                }

                batch = [.. _queue];
                _queue.Clear();
            }

            try
            {
                await BuildAsync(batch, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the preview keeps watching and serving the last good site.
                _error.WriteLine($"pmsite: the rebuild failed: {ex.Message}");
            }
        }
    }

    /// <summary>Rebuilds, reports the findings of the changed files, and reloads the pages (or shows what broke).</summary>
    private async Task BuildAsync(IReadOnlyCollection<string> changed, CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            BuildResult result;
            try
            {
                result = await SiteBuild.RunAsync(new BuildOptions
                {
                    InputFolder = _input,
                    OutputFolder = OutputFolder,
                    ThemeFolder = _theme,
                    BaseUrl = Url,
                    Now = _options.Now ?? DateOnly.FromDateTime(DateTime.Now),
                    Cache = _cache,
                }, cancellationToken);
            }
            catch (Exception ex) when (ex is ThemeException or IOException or UnauthorizedAccessException)
            {
                // A broken theme, or a file that vanished while it was read (an editor saving): the next change rebuilds.
                var (title, file) = ex is ThemeException ? ("The theme is broken", _options.ThemeFolder) : ("A file could not be read", _options.InputFolder);
                _error.WriteLine($"pmsite: {ex.Message}; still serving the last good site");
                _live.Overlay(JsonSerializer.Serialize(new { title = title + "; still showing the last good site", failed = true, items = new[] { Item(new LintFinding(file, 0, 0, ex is ThemeException ? "theme" : "io", ex.Message, null) { Severity = LintSeverity.Error }) } }, s_json));
                return;
            }

            var seconds = stopwatch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
            var files = changed.Select(RelativeToInput).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var findings = files.SelectMany(f => _cache.LintFindings.TryGetValue(f, out var list) ? list : []).ToList();
            var what = changed.Count == 0 ? "The first build" : $"Rebuilt after changes to {Describe(changed)}";
            var pages = $"{_cache.LastPages.Rendered} pages rendered, {_cache.LastPages.Reused} unchanged";
            if (result.Succeeded)
            {
                _out.WriteLine($"{(changed.Count == 0 ? "Built" : what)} in {seconds} s ({result.PostMortems} post-mortems; {pages}).");
                foreach (var finding in findings)
                {
                    _out.WriteLine("  " + LintCommand.Format(finding));
                    if (finding.Hint is not null)
                    {
                        _out.WriteLine($"      hint: {finding.Hint}");
                    }
                }

                var title = findings.Count == 0 ? "" : $"Lint: {findings.Count} finding{(findings.Count == 1 ? "" : "s")} in {string.Join(", ", findings.Select(f => f.File).Distinct())}";
                _live.Overlay(JsonSerializer.Serialize(new { title, failed = false, items = findings.Select(Item) }, s_json));
                _live.Reload();
            }
            else
            {
                var errors = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).ToList();
                _error.WriteLine($"{what}: the build failed in {seconds} s with {errors.Count} error{(errors.Count == 1 ? "" : "s")}; still serving the last good site.");
                BuildCommand.Report(errors, _error);
                var items = errors.Select(d => Item(new LintFinding(d.File, d.Line, d.Column, d.Code, d.Message, null) { Severity = LintSeverity.Error })).Concat(findings.Select(Item));
                _live.Overlay(JsonSerializer.Serialize(new { title = "The build failed; still showing the last good site", failed = true, items }, s_json));
            }
        }
        finally
        {
            Interlocked.Increment(ref _builds);
            _building.Release();
        }
    }

    private static object Item(LintFinding f) => f.ToJson();

    private string Describe(IReadOnlyCollection<string> changed)
    {
        // Editors and tools write through temporary files that are gone by now; name what is still there.
        var existing = changed.Where(File.Exists).ToList();
        var names = (existing.Count > 0 ? existing : changed).Select(p => RelativeToInput(p) ?? Path.GetFileName(p))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
    }

    private string? RelativeToInput(string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(_input + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetRelativePath(_input, full).Replace('\\', '/')
            : null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!IsLoopbackHost(context.Request.Host, context.Connection.LocalPort))
        {
            // A page on another site can point its own name at 127.0.0.1 (DNS rebinding) and read the preview as its own origin.
            context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("This preview answers only to localhost, 127.0.0.1 and [::1].\n", context.RequestAborted);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        if (path == LiveReload.EventsPath)
        {
            await _live.StreamAsync(context, Stopping);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        if (path == LiveReload.ScriptPath)
        {
            context.Response.ContentType = "text/javascript; charset=utf-8";
            await context.Response.WriteAsync(LiveReload.Script, context.RequestAborted);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var file = Resolve(path, out var redirect);
        if (redirect is not null)
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = redirect + context.Request.QueryString;
            return;
        }

        if (file is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            file = Path.Combine(OutputFolder, "404.html");
            if (!File.Exists(file))
            {
                await Html(context, Builds == 0
                    ? "<!DOCTYPE html><title>Building…</title><p>Building the site… this page reloads when it is ready.</p>"
                    : "<!DOCTYPE html><title>No site yet</title><p>The site could not be built yet: fix the errors shown in the terminal and below; this page reloads when it builds.</p>");
                return;
            }
        }

        if (file.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            string html;
            try
            {
                html = await File.ReadAllTextAsync(file, context.RequestAborted);
            }
            catch (IOException)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await Html(context, html);
            return;
        }

        context.Response.ContentType = s_contentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        try
        {
            await context.Response.SendFileAsync(file, context.RequestAborted);
        }
        catch (FileNotFoundException)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>Whether a request's Host header names this server on the loopback interface, with the port it listens on.</summary>
    private static bool IsLoopbackHost(HostString host, int port) =>
        host.HasValue
            && (host.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.Host is "127.0.0.1" or "[::1]")
            && (host.Port ?? 80) == port;

    /// <summary>
    /// The file for a URL path: a folder's index.html; a folder without its trailing slash is redirected, to its path
    /// rebuilt from its parts, so the target is always a path of this site ("//tags" would be another host's).
    /// </summary>
    private string? Resolve(string urlPath, out string? redirect)
    {
        redirect = null;
        // Kestrel has decoded the path already, all but "%2F": decoding it again would turn a file named "a%41.txt" into "aA.txt".
        var relative = urlPath.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).TrimStart('/');
        if (relative.Split('/').Any(part => part is ".." or "." ) || relative.Contains('\\', StringComparison.Ordinal) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(OutputFolder, relative));
        if (!full.StartsWith(OutputFolder, StringComparison.Ordinal))
        {
            return null;
        }

        if (Directory.Exists(full))
        {
            if (!urlPath.EndsWith('/'))
            {
                redirect = "/" + string.Concat(relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part => Uri.EscapeDataString(part) + "/"));
                return null;
            }

            full = Path.Combine(full, "index.html");
        }

        return File.Exists(full) ? full : null;
    }

    /// <summary>Sends a page with the live-reload script added before <c>&lt;/body&gt;</c>; the file on disk is untouched.</summary>
    private static Task Html(HttpContext context, string html)
    {
        var at = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var page = at < 0 ? html + LiveReload.ScriptTag : string.Concat(html.AsSpan(0, at), LiveReload.ScriptTag, "\n", html.AsSpan(at));
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(page, context.RequestAborted);
    }
}
