using System.CommandLine;
using System.Globalization;
using PmSite.Authoring;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Parsing;

namespace PmSite.Cli.Commands;

/// <summary><c>pmsite new "title"</c>: a new post-mortem from the template, with the next free id. Prints the path it wrote.</summary>
internal static class NewCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var title = new Argument<string>("title") { Description = "A short description of what happened." };
        var severity = new Option<string?>("--severity")
        {
            Description = "One of the severities of pmsite.yml (default: the least severe).",
            HelpName = "SEV",
        };
        var services = new Option<string[]>("--service")
        {
            Description = "An affected service; repeat for several.",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var date = new Option<DateOnly?>("--date")
        {
            Description = "The incident date (YYYY-MM-DD); default: today.",
            HelpName = "YYYY-MM-DD",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
                {
                    return value;
                }

                result.AddError($"--date '{text}' is not a date in the form YYYY-MM-DD");
                return null;
            },
        };
        var input = CommonOptions.Input();
        var command = new Command("new", "Write a new post-mortem from the template, with the next free id, and print its path.")
        {
            title, severity, services, date, input,
        };
        command.SetAction(parse => Run(
            parse.GetValue(title)!,
            parse.GetValue(severity),
            parse.GetValue(services) ?? [],
            parse.GetValue(date) ?? DateOnly.FromDateTime(DateTime.Now),
            parse.GetValue(input)!,
            stdout,
            stderr));
        return command;
    }

    public static int Run(string title, string? severity, IReadOnlyList<string> services, DateOnly date, string inputFolder, TextWriter stdout, TextWriter stderr)
    {
        title = title.Trim();
        if (title.Length == 0 || title.Contains('\n', StringComparison.Ordinal))
        {
            stderr.WriteLine("pmsite: the title must be one non-empty line");
            return Program.UsageError;
        }

        var input = new InputFolder(inputFolder);
        var diagnostics = new DiagnosticBag();
        var settings = SettingsReader.Read(input.Root, diagnostics);
        if (diagnostics.HasErrors)
        {
            BuildCommand.Report(diagnostics.Sorted(), stderr);
            return Program.ContentErrors;
        }

        var chosen = severity is null
            ? settings.Severities[^1]
            : settings.Severities.FirstOrDefault(s => string.Equals(s, severity.Trim(), StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            stderr.WriteLine($"pmsite: --severity '{severity}' is not one of {string.Join(", ", settings.Severities)} (set in pmsite.yml)");
            return Program.UsageError;
        }

        var id = NewPostMortem.NextId(input, settings);
        var relative = NewPostMortem.PathFor(input, id, title, date);
        var path = Path.Combine(input.Root, relative);
        var shown = Path.Combine(inputFolder, relative);
        var text = NewPostMortem.Render(id, title, date, chosen, services.Select(s => s.Trim()).Where(s => s.Length > 0).ToList());
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(file, new System.Text.UTF8Encoding(false));
            writer.Write(text);
        }
        catch (IOException) when (File.Exists(path))
        {
            stderr.WriteLine($"pmsite: {shown} already exists; not overwriting it");
            return Program.ContentErrors;
        }

        stdout.WriteLine(shown);
        return Program.Ok;
    }
}
