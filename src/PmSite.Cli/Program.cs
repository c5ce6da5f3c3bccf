using System.CommandLine;
using PmSite.Cli.Commands;

namespace PmSite.Cli;

/// <summary>The <c>pmsite</c> command line. Exit codes: 0 ok, 1 content errors, 2 usage errors.</summary>
public static class Program
{
    public const int Ok = 0;
    public const int ContentErrors = 1;
    public const int UsageError = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs a command with its output going to the given writers (the tests use this in-process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("PmSite turns a folder of Markdown incident post-mortems into a fast, searchable static knowledge base.");
        root.Subcommands.Add(BuildCommand.Create(stdout, stderr));
        root.Subcommands.Add(SearchCommand.Create(stdout, stderr));
        root.Subcommands.Add(LintCommand.Create(stdout, stderr));
        root.Subcommands.Add(NewCommand.Create(stdout, stderr));
        root.Subcommands.Add(InitCommand.Create(stdout, stderr));
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"pmsite: {error.Message}");
            }

            stderr.WriteLine("Run 'pmsite --help' for usage.");
            return UsageError;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
