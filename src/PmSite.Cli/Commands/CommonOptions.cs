using System.CommandLine;
using System.Globalization;

namespace PmSite.Cli.Commands;

/// <summary>Options several commands share, so they are spelled and documented the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Input() => new("--input", "-i")
    {
        Description = "The knowledge-base folder (pmsite.yml, post-mortems/, reading-lists/, pages/).",
        DefaultValueFactory = _ => "input",
        HelpName = "DIR",
    };

    public static Option<string?> Theme() => new("--theme")
    {
        Description = "Theme folder with Liquid templates and assets/ (default: ./theme if present, else the bundled theme).",
        HelpName = "DIR",
    };

    public static Option<DateOnly?> Now() => new("--now")
    {
        Description = "The build date (YYYY-MM-DD) that overdue action items are measured against; default: today.",
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"--now '{text}' is not a date in the form YYYY-MM-DD");
            return null;
        },
    };

    /// <summary>The theme folder to use: the option, else ./theme, else the one beside the program.</summary>
    public static string ResolveTheme(string? option)
    {
        if (option is not null)
        {
            return option;
        }

        return File.Exists(Path.Combine("theme", "layout.liquid")) ? "theme" : PmSite.Building.SiteBuild.DefaultThemeFolder;
    }
}
