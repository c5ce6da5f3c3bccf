using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace PmSite.Cli.Serve;

/// <summary>
/// The live-reload channel: open pages listen on a server-sent-events stream and are told to reload after a
/// rebuild, or shown an overlay with the lint findings and errors of the last change. A page that connects (or
/// reconnects after reloading) is sent the current overlay at once.
/// </summary>
internal sealed class LiveReload
{
    public const string EventsPath = "/_pmsite/events";
    public const string ScriptPath = "/_pmsite/live.js";

    private readonly Lock _lock = new();
    private readonly List<Channel<string>> _clients = [];
    private string _overlay = "{\"items\":[]}";

    /// <summary>The tag added to served HTML pages (never to the built files).</summary>
    public static string ScriptTag => $"<script src=\"{ScriptPath}\"></script>";

    /// <summary>Tells every open page to reload.</summary>
    public void Reload() => Broadcast("reload", "{}");

    /// <summary>Replaces the overlay (JSON: <c>{title, items: [{file, line, column, rule, severity, message, hint}]}</c>) and sends it.</summary>
    public void Overlay(string json)
    {
        lock (_lock)
        {
            _overlay = json;
        }

        Broadcast("overlay", json);
    }

    /// <summary>Serves one event stream until the page goes away or the server stops.</summary>
    public async Task StreamAsync(HttpContext context, CancellationToken stopping)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateUnbounded<string>();
        string overlay;
        lock (_lock)
        {
            _clients.Add(channel);
            overlay = _overlay;
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            var aborted = ended.Token;
            await Write(context, "retry: 1000\n\n" + Event("overlay", overlay), aborted);
            while (!aborted.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                heartbeat.CancelAfter(TimeSpan.FromSeconds(15));
                string message;
                try
                {
                    message = await channel.Reader.ReadAsync(heartbeat.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    message = ": ping\n\n";
                }

                await Write(context, message, aborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed or the server is stopping.
        }
        catch (IOException)
        {
            // The connection dropped.
        }
        finally
        {
            lock (_lock)
            {
                _clients.Remove(channel);
            }
        }
    }

    private void Broadcast(string name, string json)
    {
        var message = Event(name, json);
        lock (_lock)
        {
            foreach (var client in _clients)
            {
                client.Writer.TryWrite(message);
            }
        }
    }

    private static string Event(string name, string json) => $"event: {name}\ndata: {json.Replace("\n", "\ndata: ", StringComparison.Ordinal)}\n\n";

    private static async Task Write(HttpContext context, string text, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>The page script: reload on "reload", show the overlay on "overlay". Text only, never markup from the server.</summary>
    public const string Script = """
        (function () {
          "use strict";
          var source = new EventSource("/_pmsite/events");
          source.addEventListener("reload", function () { location.reload(); });
          source.addEventListener("overlay", function (event) { show(JSON.parse(event.data)); });
          function show(state) {
            var old = document.getElementById("pmsite-overlay");
            if (old) { old.remove(); }
            if (!state.items || state.items.length === 0) { return; }
            var box = document.createElement("aside");
            box.id = "pmsite-overlay";
            box.setAttribute("role", "status");
            box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:40vh;overflow:auto;" +
              "margin:0;padding:.75rem 1rem;font:14px/1.4 system-ui,sans-serif;color:#1b1b1b;" +
              "background:" + (state.failed ? "#fde2e1" : "#fff4d6") + ";border-top:3px solid " + (state.failed ? "#b3261e" : "#c77c02");
            var close = document.createElement("button");
            close.type = "button";
            close.textContent = "Dismiss";
            close.style.cssText = "float:right;margin-left:1rem";
            close.addEventListener("click", function () { box.remove(); });
            box.appendChild(close);
            var title = document.createElement("strong");
            title.textContent = state.title;
            box.appendChild(title);
            var list = document.createElement("ul");
            list.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem";
            state.items.forEach(function (item) {
              var li = document.createElement("li");
              var where = document.createElement("code");
              where.textContent = item.file + (item.line > 0 ? ":" + item.line + (item.column > 0 ? ":" + item.column : "") : "");
              li.appendChild(where);
              li.appendChild(document.createTextNode(" " + item.severity + " " + item.rule + ": " + item.message));
              if (item.hint) {
                var hint = document.createElement("div");
                hint.textContent = "Hint: " + item.hint;
                hint.style.cssText = "opacity:.8";
                li.appendChild(hint);
              }
              list.appendChild(li);
            });
            box.appendChild(list);
            document.body.appendChild(box);
          }
        })();
        """;
}
