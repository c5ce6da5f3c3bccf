using System.CommandLine;
using System.Text;
using PmSite.Authoring.Init;
using PmSite.Parsing;

namespace PmSite.Cli.Commands;

/// <summary>
/// <c>pmsite init</c>: writes a <c>pmsite.yml</c> describing a folder a team already has — where its post-mortems are, the
/// severity and status words it uses and the aliases proposed for them. Never overwrites an existing one.
/// </summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        // The same --input and default as build and lint, so that `pmsite init` then `pmsite build` read the same folder.
        var input = CommonOptions.Input();
        var command = new Command("init",
            "Look at an existing knowledge-base folder and write a pmsite.yml describing it: a title, where the post-mortems are, " +
            "the severity and status words in use and proposed aliases. Never overwrites an existing pmsite.yml.")
        {
            input,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(input)!, stdout, stderr, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string inputFolder, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(inputFolder))
        {
            stderr.WriteLine($"pmsite: the input folder '{inputFolder}' does not exist");
            return Program.UsageError;
        }

        var path = Path.Combine(inputFolder, SettingsReader.FileName);
        if (File.Exists(path))
        {
            stderr.WriteLine($"pmsite: {path} already exists; not overwriting it");
            return Program.ContentErrors;
        }

        var proposal = await InitSettings.ProposeAsync(inputFolder, cancellationToken);
        try
        {
            // CreateNew: a file that appeared while the folder was read is not overwritten either.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(file, new UTF8Encoding(false));
            writer.Write(proposal.Yaml);
        }
        catch (IOException) when (File.Exists(path))
        {
            stderr.WriteLine($"pmsite: {path} already exists; not overwriting it");
            return Program.ContentErrors;
        }

        foreach (var line in proposal.Report)
        {
            stdout.WriteLine(line);
        }

        stdout.WriteLine($"Wrote {path}");
        return Program.Ok;
    }
}
