using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PmSite.Tests.TestKit;

/// <summary>
/// Serves a built site from a folder on 127.0.0.1 (a free port), as a static host would, and counts
/// the bytes of every response so tests can see what a page fetched.
/// </summary>
internal sealed class StaticServer : IDisposable
{
    private static readonly Dictionary<string, string> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".css"] = "text/css", [".js"] = "text/javascript",
        [".json"] = "application/json", [".svg"] = "image/svg+xml", [".xml"] = "application/xml",
        [".wasm"] = "application/wasm",
    };

    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _loop;
    private readonly string _basePath;

    /// <summary>Serves <paramref name="root"/> at <paramref name="basePath"/> (the path of the site's base URL).</summary>
    public StaticServer(string root, string basePath = "/")
    {
        _root = Path.GetFullPath(root);
        _basePath = basePath;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Every response so far: path and body bytes.</summary>
    public ConcurrentQueue<(string Path, long Bytes)> Responses { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        using var response = context.Response;
        try
        {
            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            var file = path.StartsWith(_basePath, StringComparison.Ordinal) ? Path.GetFullPath(Path.Combine(_root, path[_basePath.Length..])) : "";
            if (Directory.Exists(file))
            {
                file = Path.Combine(file, "index.html");
            }

            if (!file.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(file))
            {
                response.StatusCode = 404;
                Responses.Enqueue((path, 0));
                return;
            }

            var bytes = File.ReadAllBytes(file);
            response.ContentType = s_types.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
            Responses.Enqueue((path, bytes.Length));
        }
        catch (HttpListenerException)
        {
            // The browser went away mid-response.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
