using System.Globalization;
using System.Text;
using System.Text.Json;
using PmSite.Diagnostics;

namespace PmSite.Redaction;

/// <summary>What the leak verifier did: whether it ran (it does not when the build already failed), what it scanned, what it found.</summary>
public sealed record VerifierResult(bool Ran, int FilesScanned, int ValuesChecked, IReadOnlyList<Leak> Leaks)
{
    public bool Passed => Ran && Leaks.Count == 0;
}

/// <summary>
/// The end of a public build: the leak verifier over the staged site, its findings as errors (so the previous output
/// stays), and the redaction report written next to — never inside — the output folder, as <c>&lt;output&gt;.redaction.json</c>
/// and a readable <c>&lt;output&gt;.redaction.txt</c>. The report counts, names pseudonyms and masks leaks; it never holds an original value.
/// </summary>
public static class RedactionReport
{
    private const int MaxLeakDiagnostics = 100;

    /// <summary>Where the report of a build into <paramref name="outputFolder"/> is written.</summary>
    public static (string Json, string Text) PathsFor(string outputFolder)
    {
        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        return (output + ".redaction.json", output + ".redaction.txt");
    }

    /// <summary>Verifies the staged site, reports leaks as errors named by their place in the output folder, and writes the report.</summary>
    public static VerifierResult Finish(PublicEdition edition, string stagingRoot, string outputFolder, DiagnosticBag diagnostics)
    {
        var result = new VerifierResult(false, 0, 0, []);
        if (!diagnostics.HasErrors)
        {
            var verifier = LeakVerifier.For(edition);
            var leaks = verifier.Scan(stagingRoot, out var files);
            result = new VerifierResult(true, files, verifier.ValueCount, leaks);
            var shown = outputFolder.TrimEnd('/', '\\').Replace('\\', '/');
            foreach (var leak in leaks.Take(MaxLeakDiagnostics))
            {
                diagnostics.Error($"{shown}/{leak.File}", leak.Line, "leak",
                    $"{leak.Class.Name()} value '{leak.Masked}'{(leak.Column > 0 ? $" at column {leak.Column}" : "")} in {leak.Where} would be published");
            }

            if (leaks.Count > MaxLeakDiagnostics)
            {
                diagnostics.Error(shown, 0, "leak", $"{leaks.Count - MaxLeakDiagnostics} more leaks; see the redaction report");
            }
        }

        Write(edition, result, outputFolder);
        return result;
    }

    public static void Write(PublicEdition edition, VerifierResult verifier, string outputFolder)
    {
        var (jsonPath, textPath) = PathsFor(outputFolder);
        File.WriteAllText(jsonPath, Json(edition, verifier), new UTF8Encoding(false));
        File.WriteAllText(textPath, Text(edition, verifier), new UTF8Encoding(false));
    }

    internal static string Json(PublicEdition edition, VerifierResult verifier)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("edition", "public");
            json.WriteNumber("withheld_post_mortems", edition.Withheld);
            json.WriteStartObject("totals");
            foreach (var (name, count) in Totals(edition))
            {
                json.WriteNumber(name, count);
            }

            json.WriteEndObject();
            json.WriteStartArray("scopes");
            foreach (var report in edition.Reports)
            {
                json.WriteStartObject();
                json.WriteString("kind", report.Kind);
                json.WriteString("scope", report.Scope);
                json.WriteNumber("blocks_removed", report.BlocksRemoved);
                json.WriteStartObject("counts");
                foreach (var (name, count) in report.Counts)
                {
                    json.WriteNumber(name, count);
                }

                json.WriteEndObject();
                json.WriteStartObject("pseudonyms");
                foreach (var (name, labels) in report.Pseudonyms)
                {
                    json.WriteStartArray(name);
                    foreach (var label in labels)
                    {
                        json.WriteStringValue(label);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("verifier");
            json.WriteBoolean("ran", verifier.Ran);
            json.WriteBoolean("passed", verifier.Passed);
            json.WriteNumber("files_scanned", verifier.FilesScanned);
            json.WriteNumber("values_checked", verifier.ValuesChecked);
            json.WriteStartArray("leaks");
            foreach (var leak in verifier.Leaks)
            {
                json.WriteStartObject();
                json.WriteString("file", leak.File);
                json.WriteNumber("line", leak.Line);
                json.WriteNumber("column", leak.Column);
                json.WriteString("class", leak.Class.Name());
                json.WriteString("value", leak.Masked);
                json.WriteString("where", leak.Where);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    internal static string Text(PublicEdition edition, VerifierResult verifier)
    {
        var sb = new StringBuilder();
        var reports = edition.Reports;
        var published = reports.Count(r => r.Kind == "post-mortem");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Public edition: {published} post-mortems published, {edition.Withheld} withheld.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Replaced: {Summary(Totals(edition))}.");
        sb.AppendLine();
        foreach (var report in reports)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{report.Kind} {report.Scope}: {report.Total} replaced{(report.BlocksRemoved > 0 ? $", {report.BlocksRemoved} internal block(s) removed" : "")}");
            foreach (var (name, count) in report.Counts)
            {
                var labels = report.Pseudonyms.TryGetValue(name, out var set) ? " → " + string.Join(", ", set) : "";
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {name,-18} {count,4}{labels}");
            }
        }

        sb.AppendLine();
        if (!verifier.Ran)
        {
            sb.AppendLine("Leak verifier: not run, the build had errors before it.");
        }
        else if (verifier.Passed)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Leak verifier: passed ({verifier.FilesScanned} files, {verifier.ValuesChecked} values and the generic detectors).");
        }
        else
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Leak verifier: FAILED, {verifier.Leaks.Count} leak(s) in {verifier.FilesScanned} files; the output folder was left as it was.");
            foreach (var leak in verifier.Leaks)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {leak}");
            }
        }

        return sb.ToString();
    }

    private static SortedDictionary<string, int> Totals(PublicEdition edition)
    {
        var totals = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var report in edition.Reports)
        {
            foreach (var (name, count) in report.Counts)
            {
                totals[name] = totals.GetValueOrDefault(name) + count;
            }
        }

        return totals;
    }

    private static string Summary(SortedDictionary<string, int> totals) =>
        totals.Count == 0 ? "nothing" : string.Join(", ", totals.Select(t => $"{t.Value} {t.Key}"));
}
