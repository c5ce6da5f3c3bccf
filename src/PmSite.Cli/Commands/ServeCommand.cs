using System.CommandLine;
using PmSite.Cli.Serve;

namespace PmSite.Cli.Commands;

/// <summary><c>pmsite serve</c>: a local preview that rebuilds on change and reloads the browser.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = CommonOptions.Input();
        var theme = CommonOptions.Theme();
        var now = CommonOptions.Now();
        var port = new Option<int>("--port", "-p")
        {
            Description = "The port on 127.0.0.1 to serve on (0 picks a free one).",
            DefaultValueFactory = _ => 5080,
            HelpName = "PORT",
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535");
            }
        });
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where the preview is built (default: a private folder of its own under your cache folder, not your output).",
            HelpName = "DIR",
        };
        var command = new Command("serve", "Preview the site on 127.0.0.1: rebuild on every change to the input or theme, reload the browser, show lint findings.")
        {
            input, theme, port, output, now,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServeOptions
            {
                InputFolder = parse.GetValue(input)!,
                ThemeFolder = CommonOptions.ResolveTheme(parse.GetValue(theme)),
                Port = parse.GetValue(port),
                OutputFolder = parse.GetValue(output),
                Now = parse.GetValue(now),
            };
            return await RunAsync(options, stdout, stderr, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(ServeOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.InputFolder))
        {
            stderr.WriteLine($"pmsite: the input folder '{options.InputFolder}' does not exist");
            return Program.UsageError;
        }

        PreviewServer created;
        try
        {
            created = new PreviewServer(options, stdout, stderr);
        }
        catch (PreviewFolderException ex)
        {
            stderr.WriteLine($"pmsite: {ex.Message}");
            return Program.UsageError;
        }

        await using var server = created;
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"pmsite: cannot serve on 127.0.0.1:{options.Port}: {ex.Message}");
            return Program.UsageError;
        }
        catch (PmSite.Building.OutputFolderException ex)
        {
            stderr.WriteLine($"pmsite: {ex.Message}");
            return ex.IsUsageError ? Program.UsageError : Program.ContentErrors;
        }

        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            stdout.WriteLine("Stopped.");
        }

        return Program.Ok;
    }
}
