using PmSite.Diagnostics;
using PmSite.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PmSite.Parsing;

/// <summary>Reads <c>pmsite.yml</c>. A missing file means defaults; a malformed one is an error with its line.</summary>
public static class SettingsReader
{
    public const string FileName = "pmsite.yml";

    private static readonly IDeserializer s_deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static SiteSettings Read(string inputFolder, DiagnosticBag diagnostics)
    {
        var path = Path.Combine(inputFolder, FileName);
        // A pmsite.yml linked from outside the input folder is not read (a warning says so).
        if (!File.Exists(path) || !new Content.InputFolder(inputFolder).MayRead(path, diagnostics))
        {
            return new SiteSettings();
        }

        return Parse(File.ReadAllText(path), diagnostics) ?? new SiteSettings();
    }

    public static SiteSettings? Parse(string yaml, DiagnosticBag diagnostics)
    {
        SettingsFile? file;
        try
        {
            file = s_deserializer.Deserialize<SettingsFile?>(DepthLimitedParser.Of(yaml));
        }
        catch (YamlException ex)
        {
            var reason = (ex.InnerException ?? ex).Message;
            var at = reason.IndexOf("): ", StringComparison.Ordinal);
            diagnostics.Error(FileName, (int)ex.Start.Line, "settings", at > 0 && reason.StartsWith('(') ? reason[(at + 3)..] : reason);
            return null;
        }
        catch (InvalidOperationException)
        {
            diagnostics.Error(FileName, 1, "settings", "malformed YAML: an unclosed '[', '{' or quote");
            return null;
        }

        if (file is null)
        {
            return new SiteSettings();
        }

        var defaults = new SiteSettings();
        var baseUrl = string.IsNullOrWhiteSpace(file.BaseUrl) ? defaults.BaseUrl : file.BaseUrl.Trim();
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            diagnostics.Error(FileName, 0, "settings", $"base_url '{baseUrl}' is not an absolute http(s) URL");
        }

        var severities = file.Severities is { Count: > 0 } s ? s.Select(x => x.Trim()).ToList() : defaults.Severities;
        var statuses = file.Statuses?.Select(x => x.Trim()).Where(x => x.Length > 0).ToList() ?? [];
        var severityAliases = Aliases("severity_aliases", file.SeverityAliases, file.Severities is { Count: > 0 } ? severities : null, diagnostics);
        var statusAliases = Aliases("status_aliases", file.StatusAliases, statuses.Count > 0 ? statuses : null, diagnostics);
        var redaction = file.Redaction ?? new RedactionFile();
        return new SiteSettings
        {
            Title = string.IsNullOrWhiteSpace(file.Title) ? defaults.Title : file.Title.Trim(),
            Description = string.IsNullOrWhiteSpace(file.Description) ? defaults.Description : file.Description.Trim(),
            BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/",
            Severities = severities,
            SeveritiesDeclared = file.Severities is { Count: > 0 },
            Statuses = statuses,
            SeverityAliases = severityAliases,
            StatusAliases = statusAliases,
            Strict = file.Strict ?? false,
            IdPrefix = string.IsNullOrWhiteSpace(file.IdPrefix) ? defaults.IdPrefix : file.IdPrefix.Trim(),
            TrackerUrl = string.IsNullOrWhiteSpace(file.TrackerUrl) ? null : file.TrackerUrl.Trim(),
            Redaction = new RedactionSettings
            {
                People = redaction.People ?? [],
                Customers = redaction.Customers ?? [],
                Systems = redaction.Systems ?? [],
                InternalDomains = redaction.InternalDomains ?? [],
                TicketPrefixes = redaction.TicketPrefixes ?? [],
                Terms = redaction.Terms ?? new Dictionary<string, string>(),
                Keep = redaction.Keep ?? [],
            },
        };
    }

    /// <summary>
    /// An alias table, its words trimmed; where the vocabulary is declared, every alias must name one of its values
    /// (an alias to nowhere would turn a valid word into an error).
    /// </summary>
    private static Dictionary<string, string> Aliases(string key, Dictionary<string, string>? aliases, IReadOnlyList<string>? vocabulary, DiagnosticBag diagnostics)
    {
        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, value) in aliases ?? [])
        {
            var target = vocabulary is null ? value.Trim() : vocabulary.FirstOrDefault(v => string.Equals(v, value.Trim(), StringComparison.OrdinalIgnoreCase));
            if (target is null || target.Length == 0)
            {
                diagnostics.Error(FileName, 0, "settings", $"{key}: '{word}' maps to '{value}', which is not one of {string.Join(", ", vocabulary ?? [])}");
                continue;
            }

            table[word.Trim()] = target;
        }

        return table;
    }

    // YamlDotNet fills these by name; unknown keys fail loudly so a typo is not silently ignored.
    private sealed class SettingsFile
    {
        public string? Title { get; set; }

        public string? Description { get; set; }

        public string? BaseUrl { get; set; }

        public List<string>? Severities { get; set; }

        public List<string>? Statuses { get; set; }

        public Dictionary<string, string>? SeverityAliases { get; set; }

        public Dictionary<string, string>? StatusAliases { get; set; }

        public bool? Strict { get; set; }

        public string? IdPrefix { get; set; }

        public string? TrackerUrl { get; set; }

        public RedactionFile? Redaction { get; set; }
    }

    private sealed class RedactionFile
    {
        public List<string>? People { get; set; }

        public List<string>? Customers { get; set; }

        public List<string>? Systems { get; set; }

        public List<string>? InternalDomains { get; set; }

        public List<string>? TicketPrefixes { get; set; }

        public Dictionary<string, string>? Terms { get; set; }

        public List<string>? Keep { get; set; }
    }
}
