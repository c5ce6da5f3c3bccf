using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Modules;
using PmSite.Parsing;
using PmSite.Pipelines;
using PmSite.Search;

namespace PmSite.Cli.Commands;

/// <summary><c>pmsite search "query"</c>: ranks the knowledge base with Lucene (BM25), as the site's search page does.</summary>
internal static class SearchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var query = new Argument<string>("query") { Description = "What to look for, e.g. \"connection pool exhausted\"." };
        var input = CommonOptions.Input();
        var json = new Option<bool>("--json") { Description = "Print the results as JSON: [{ \"id\", \"title\", \"url\", \"score\" }]." };
        var severity = new Option<string?>("--severity") { Description = "Only post-mortems of this severity.", HelpName = "S" };
        var service = new Option<string?>("--service") { Description = "Only post-mortems about this service.", HelpName = "X" };
        var tag = new Option<string?>("--tag") { Description = "Only post-mortems with this tag.", HelpName = "T" };
        var year = new Option<int?>("--year") { Description = "Only incidents of this year.", HelpName = "Y" };
        var limit = new Option<int>("--limit", "-n")
        {
            Description = "How many results to print.",
            DefaultValueFactory = _ => 10,
            HelpName = "N",
        };
        var command = new Command("search", "Search the knowledge base from the command line, ranked like the site's search page.")
        {
            query, input, json, severity, service, tag, year, limit,
        };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(query) ?? "";
            if (string.IsNullOrWhiteSpace(text))
            {
                stderr.WriteLine("pmsite: the search query is empty");
                return Program.UsageError;
            }

            if (parse.GetValue(limit) < 1)
            {
                stderr.WriteLine("pmsite: --limit must be at least 1");
                return Program.UsageError;
            }

            var filters = new SearchFilters(parse.GetValue(severity), parse.GetValue(service), parse.GetValue(tag), parse.GetValue(year));
            return Run(parse.GetValue(input)!, text, filters, parse.GetValue(limit), parse.GetValue(json), stdout, stderr);
        });
        return command;
    }

    public static int Run(string inputFolder, string query, SearchFilters filters, int limit, bool json, TextWriter stdout, TextWriter stderr)
    {
        var knowledgeBase = Read(inputFolder, stderr);
        if (knowledgeBase is null)
        {
            return Program.UsageError;
        }

        using var index = new SearchIndex(knowledgeBase);
        var hits = index.Search(query, filters, limit);
        if (json)
        {
            stdout.WriteLine(Json(hits));
        }
        else if (hits.Count == 0)
        {
            stdout.WriteLine($"No post-mortem matches \"{query}\".");
        }
        else
        {
            for (var i = 0; i < hits.Count; i++)
            {
                var hit = hits[i];
                var p = hit.PostMortem;
                stdout.WriteLine($"{i + 1,2}. {p.Id}  {p.Title}");
                stdout.WriteLine($"    {string.Join(" · ", new[] { p.Severity, p.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }.OfType<string>())}  {hit.Url}  score {hit.Score.ToString("0.000", CultureInfo.InvariantCulture)}");
            }
        }

        return Program.Ok;
    }

    /// <summary>The results as JSON; scores in the shortest form that reads back as the same single-precision number.</summary>
    public static string Json(IReadOnlyList<SearchHit> hits)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var hit in hits)
            {
                writer.WriteStartObject();
                writer.WriteString("id", hit.PostMortem.Id);
                writer.WriteString("title", hit.PostMortem.Title);
                writer.WriteString("url", hit.Url);
                writer.WritePropertyName("score");
                writer.WriteRawValue(hit.Score.ToString("R", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads and parses the knowledge base as a build does; problems go to stderr, valid post-mortems are searched.</summary>
    private static KnowledgeBase? Read(string inputFolder, TextWriter stderr)
    {
        var input = new InputFolder(inputFolder);
        if (!Directory.Exists(input.Root))
        {
            stderr.WriteLine($"pmsite: the input folder '{inputFolder}' does not exist");
            return null;
        }

        var (knowledgeBase, diagnostics) = KnowledgeBaseReader.ReadAsync(input.Root).GetAwaiter().GetResult();
        foreach (var error in diagnostics.Where(d => d.Level == DiagnosticLevel.Error))
        {
            stderr.WriteLine(error);
        }

        return knowledgeBase;
    }
}
