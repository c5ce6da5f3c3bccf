using System.Text;
using System.Text.RegularExpressions;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;
using YamlDotNet.Serialization;

namespace PmSite.Authoring.Init;

/// <summary>Which parts of a vocabulary proposal the file makes active: the declared list, the aliases.</summary>
internal readonly record struct VocabularyUse(bool Declare, bool Aliases);

/// <summary>What <c>pmsite init</c> proposes: the file's text, and in words what it found and what it could not place.</summary>
internal sealed record InitProposal(string Yaml, FolderSurvey Survey, IReadOnlyList<string> Report);

/// <summary>
/// <c>pmsite init</c>: a <c>pmsite.yml</c> describing a folder a team already has — its title, where its post-mortems
/// are, the severity and status words it uses and the aliases that unite them. The file never makes a build worse than
/// the folder builds without it: a declared vocabulary that would reject a word in use is left as a comment.
/// </summary>
internal static partial class InitSettings
{
    // WithQuotingNecessaryStrings: a word such as "yes", "null" or "1" stays a string when the file is read back.
    private static readonly ISerializer s_yaml = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    private static readonly HashSet<string> s_genericFolderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "input", "docs", "doc", "incidents", "incident", "post-mortems", "postmortems", "post-mortem", "postmortem",
        "reports", "content", "src", "admins",
    };

    /// <summary>Reads the folder and proposes its <c>pmsite.yml</c>, checked by reading the folder again with it.</summary>
    public static async Task<InitProposal> ProposeAsync(string inputFolder, CancellationToken cancellationToken = default)
    {
        var input = new InputFolder(inputFolder);
        var before = await FolderSurvey.ReadAsync(input.Root, new SiteSettings(), cancellationToken);
        var severities = VocabularyProposal.ForSeverities(before.SeverityWords);
        var statuses = VocabularyProposal.ForStatuses(before.StatusWords);
        var title = ProposeTitle(input.Root);

        // From the fullest proposal to the barest, the first that reads the folder at least as well as no file does.
        var (sd, td) = (severities.Declare, statuses.Declare);
        (VocabularyUse Severities, VocabularyUse Statuses)[] attempts =
        [
            (new(sd, true), new(td, true)),
            (new(false, true), new(td, true)),
            (new(sd, true), new(false, true)),
            (new(false, true), new(false, true)),
            (new(sd, true), new(false, false)),
            (new(false, true), new(false, false)),
            (new(false, false), new(td, true)),
            (new(false, false), new(false, true)),
            (new(false, false), new(false, false)),
        ];
        foreach (var (severityUse, statusUse) in attempts.Distinct())
        {
            var file = new SettingsText(input, before, title, severities, statuses, severityUse, statusUse);
            var yaml = file.Render();
            if (!Active(severities, severityUse) && !Active(statuses, statusUse))
            {
                // A title and comments only: the folder reads as without the file, no need to read it again.
                return new InitProposal(yaml, before, file.Report());
            }

            var diagnostics = new DiagnosticBag();
            if (SettingsReader.Parse(yaml, diagnostics) is not { } settings || diagnostics.Sorted().Count > 0)
            {
                continue;
            }

            var after = await FolderSurvey.ReadAsync(input.Root, settings, cancellationToken);
            if (NoWorse(before, after))
            {
                return new InitProposal(yaml, before, [.. file.Report(), .. NewWarnings(before, after)]);
            }
        }

        // Only a title and comments: reads the folder exactly as no file does.
        var bare = new SettingsText(input, before, title, severities, statuses, new(false, false), new(false, false));
        return new InitProposal(bare.Render(), before, bare.Report());
    }

    private static bool Active(VocabularyProposal proposal, VocabularyUse use) => use.Declare || (use.Aliases && proposal.Aliases.Count > 0);

    /// <summary>
    /// A title from the folder's name, or the repository's where the folder is in a git checkout: "dfds" gives "Dfds
    /// incident library". Names that say nothing ("docs", "incidents", "input") give way to the folder above.
    /// </summary>
    public static string ProposeTitle(string root)
    {
        var folder = new DirectoryInfo(root);
        string? name = null;
        for (var dir = folder; dir is not null && name is null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                name = dir.Name;
            }
        }

        for (var dir = folder; dir is not null && name is null; dir = dir.Parent)
        {
            if (!s_genericFolderNames.Contains(dir.Name) && dir.Parent is not null)
            {
                name = dir.Name;
            }
        }

        var words = Separators().Replace(name ?? folder.Name, " ").Trim();
        if (words.Length == 0)
        {
            return new SiteSettings().Title;
        }

        words = char.ToUpperInvariant(words[0]) + words[1..];
        return IncidentWord().IsMatch(words) ? words : words + " incident library";
    }

    /// <summary>
    /// The same post-mortems, each as complete as before, and no error that was not there before. A folder with no warning
    /// at all may be built with <c>--strict</c>, so there a new warning counts as an error would.
    /// </summary>
    private static bool NoWorse(FolderSurvey before, FolderSurvey after)
    {
        var clean = before.Diagnostics.All(d => d.Level is not (DiagnosticLevel.Error or DiagnosticLevel.Warning));
        return after.PostMortems.Count == before.PostMortems.Count
            && after.Coverage.WithDate >= before.Coverage.WithDate
            && after.Coverage.WithSeverity >= before.Coverage.WithSeverity
            && after.Coverage.WithStatus >= before.Coverage.WithStatus
            && !Added(before, after, DiagnosticLevel.Error).Any()
            && (!clean || !Added(before, after, DiagnosticLevel.Warning).Any());
    }

    /// <summary>
    /// Warnings the file adds, by kind: a status mapped to Published, for one, makes lint check the post-mortem as finished.
    /// </summary>
    private static IEnumerable<string> NewWarnings(FolderSurvey before, FolderSurvey after)
    {
        var added = Added(before, after, DiagnosticLevel.Warning).GroupBy(d => d.Code)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => FormattableString.Invariant($"{g.Key} {g.Count()}"))
            .ToList();
        if (added.Count > 0)
        {
            yield return $"With this file the build gives more warnings than without it: {string.Join(", ", added)} (`pmsite build` lists them).";
        }
    }

    private static IEnumerable<Diagnostic> Added(FolderSurvey before, FolderSurvey after, DiagnosticLevel level)
    {
        var known = before.Diagnostics.Where(d => d.Level == level).Select(d => (d.File, d.Line, d.Code, d.Message)).ToHashSet();
        return after.Diagnostics.Where(d => d.Level == level && !known.Contains((d.File, d.Line, d.Code, d.Message)));
    }

    /// <summary>One value as YAML, quoted or escaped as its content needs (the serializer decides, not string joins).</summary>
    internal static string Yaml(object value) => s_yaml.Serialize(value);

    /// <summary>A scalar for a comment: as it would be written in YAML, on one line.</summary>
    internal static string Scalar(string value) => OneLine(Yaml(value).TrimEnd('\n', '\r'));

    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));

    [GeneratedRegex(@"[\s_\-.]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"incident|post[\s\-]?mortem|outage", RegexOptions.IgnoreCase)]
    private static partial Regex IncidentWord();

    /// <summary>The file's text: comments in words, values through the YAML serializer.</summary>
    private sealed class SettingsText(
        InputFolder input,
        FolderSurvey survey,
        string title,
        VocabularyProposal severities,
        VocabularyProposal statuses,
        VocabularyUse severityUse,
        VocabularyUse statusUse)
    {
        private readonly StringBuilder _text = new();

        public string Render()
        {
            _text.Clear();
            var c = survey.Coverage;
            Comment("Written by `pmsite init` from what it found in this folder; change anything. An unknown key is an error.");
            Comment(Found());
            Comment(FormattableString.Invariant(
                $"Stated or inferred: date {c.WithDate}/{c.PostMortems}, severity {c.WithSeverity}/{c.PostMortems}, status {c.WithStatus}/{c.PostMortems}, services {c.WithServices}/{c.PostMortems}."));
            if (Skipped() is { } skipped)
            {
                Comment(skipped);
            }

            _text.AppendLine();
            Value(new Dictionary<string, object> { ["title"] = title });
            _text.AppendLine();
            Comment("The absolute URL the site is published at, for the feed, the sitemap and canonical links:");
            Comment("base_url: https://incidents.example.com/");
            _text.AppendLine();
            Vocabulary("severities", "severity_aliases", "Severity", severities, severityUse, SeverityExample);
            _text.AppendLine();
            Vocabulary("statuses", "status_aliases", "Status", statuses, statusUse, StatusExample);
            _text.AppendLine();
            Comment("true fails the build on every warning (for CI keeping a curated knowledge base complete); false reports them and builds.");
            Value(new Dictionary<string, object> { ["strict"] = false });
            return _text.ToString();
        }

        /// <summary>What was found, for the terminal.</summary>
        public IReadOnlyList<string> Report()
        {
            var c = survey.Coverage;
            var lines = new List<string>
            {
                FormattableString.Invariant($"{c.PostMortems} post-mortems read from {Where()}; date for {c.WithDate}, severity for {c.WithSeverity}, status for {c.WithStatus}, services for {c.WithServices}."),
                $"Severities in use: {InUse(survey.SeverityWords)}; statuses in use: {InUse(survey.StatusWords)}.",
            };
            foreach (var (name, proposal, use) in new[] { ("severities", severities, severityUse), ("statuses", statuses, statusUse) })
            {
                if (use.Declare)
                {
                    lines.Add($"Proposed {name}: {string.Join(", ", proposal.Values)}{(use.Aliases ? AliasesInWords(proposal) : "")}.");
                }
                else if (proposal.Values.Count > 0)
                {
                    lines.Add($"{char.ToUpperInvariant(name[0])}{name[1..]} left as a comment ({WhyNotDeclared(proposal, use)}){(use.Aliases ? AliasesInWords(proposal) : "")}.");
                }

                if (!use.Aliases && proposal.Aliases.Count > 0)
                {
                    lines.Add($"Proposed {(name == "severities" ? "severity" : "status")} aliases left as a comment ({Withheld}){AliasesInWords(proposal)}.");
                }

                if (proposal.Unplaced.Count > 0)
                {
                    lines.Add($"Could not place: {string.Join(", ", proposal.Unplaced.Select(u => $"{Scalar(u.Word)} ({u.Reason})"))}.");
                }
            }

            var errors = survey.Errors;
            if (errors > 0)
            {
                lines.Add(FormattableString.Invariant($"The folder has {errors} error{(errors == 1 ? "" : "s")} with or without this file; `pmsite build` lists them."));
            }

            return lines;
        }

        private static string SeverityExample => "severities: [SEV1, SEV2, SEV3]";

        private static string StatusExample => "statuses: [Draft, Under Review, Published]";

        private void Vocabulary(string key, string aliasKey, string label, VocabularyProposal proposal, VocabularyUse use, string example)
        {
            var words = key == "severities" ? survey.SeverityWords : survey.StatusWords;
            if (words.Count == 0)
            {
                Comment($"No {label.ToLowerInvariant()} is stated in any post-mortem, so none is declared; for example:");
                Comment(example);
                return;
            }

            Comment($"{label} words in use (post-mortems): {InUse(words)}.");
            if (key == "statuses")
            {
                Comment("A status is the post-mortem's own: Draft, Under Review, Published. Words for a resolved or closed incident");
                Comment("mean its review is finished (Published); words for one still open mean the document is a Draft.");
            }

            foreach (var (word, reason) in proposal.Unplaced)
            {
                Comment($"Not placed: {Scalar(word)} ({reason}); add it to {key} or to {aliasKey} yourself.");
            }

            var values = new Dictionary<string, object> { [key] = proposal.Values.ToList() };
            if (use.Declare)
            {
                if (proposal.Scale is { } scale)
                {
                    Comment($"On the {scale} scale, most severe first; a value outside the list is an error unless {aliasKey} maps it.");
                }
                else
                {
                    Comment($"In the order a post-mortem goes through them; a value outside the list is an error unless {aliasKey} maps it.");
                }

                Value(values);
            }
            else
            {
                Comment($"Not declared ({WhyNotDeclared(proposal, use)}); the proposal:");
                foreach (var line in Yaml(values).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    Comment(line);
                }
            }

            if (proposal.Aliases.Count > 0)
            {
                var table = new Dictionary<string, object> { [aliasKey] = proposal.Aliases.ToDictionary(a => a.Key, a => a.Value) };
                if (use.Aliases)
                {
                    Comment(key == "severities"
                        ? "Other words for these levels, mapped by their place on their own scale:"
                        : "Other words for these statuses, mapped by their meaning:");
                    Value(table);
                }
                else
                {
                    Comment($"Proposed, not active ({Withheld}):");
                    foreach (var line in Yaml(table).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        Comment(line);
                    }
                }
            }
        }

        // Why a proposal is a comment: words it cannot place, or a read of the folder with it that came out worse.
        private const string Withheld =
            "with it the build would report something it does not now, and in a folder without warnings even a new warning fails `--strict`; uncomment it and run `pmsite build` to see what";

        private static string WhyNotDeclared(VocabularyProposal proposal, VocabularyUse use) =>
            proposal.Unplaced.Count > 0 ? $"{proposal.Unplaced.Count} word{(proposal.Unplaced.Count == 1 ? "" : "s")} in use could not be placed, and a declared list would make {(proposal.Unplaced.Count == 1 ? "it" : "them")} an error"
            : proposal.Declare && !use.Declare ? Withheld
            : "no word in use";

        private static string AliasesInWords(VocabularyProposal proposal) =>
            proposal.Aliases.Count == 0 ? "" : "; aliases " + string.Join(", ", proposal.Aliases.Select(a => $"{Scalar(a.Key)} → {Scalar(a.Value)}"));

        private static string InUse(IReadOnlyDictionary<string, int> words) =>
            words.Count == 0 ? "none"
            : string.Join(", ", words.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal)
                .Select(w => FormattableString.Invariant($"{Scalar(w.Key)} ({w.Value})")));

        private string Found()
        {
            var ids = survey.PostMortems.Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
            var range = ids.Count switch
            {
                0 => "",
                1 => $" ({ids[0]})",
                _ => $" ({ids[0]} … {ids[^1]})",
            };
            return FormattableString.Invariant($"{ids.Count} post-mortem{(ids.Count == 1 ? "" : "s")}{range} found in {Where()}.");
        }

        private string Where() => input.PostMortemRoot == input.Root
            ? "this folder and its sub-folders, as it has no post-mortems/ folder"
            : "post-mortems/";

        private string? Skipped()
        {
            var files = survey.Diagnostics.Where(d => d is { Level: DiagnosticLevel.Note, Code: "skipped" }).Select(d => d.File).Distinct().ToList();
            if (files.Count == 0)
            {
                return null;
            }

            var shown = string.Join(", ", files.Take(6).Select(Scalar));
            return FormattableString.Invariant($"Skipped as not post-mortems: {shown}{(files.Count > 6 ? $" and {files.Count - 6} more" : "")}.");
        }

        private void Comment(string text) => _text.Append("# ").AppendLine(OneLine(text));

        private void Value(Dictionary<string, object> value) => _text.Append(Yaml(value));
    }
}
