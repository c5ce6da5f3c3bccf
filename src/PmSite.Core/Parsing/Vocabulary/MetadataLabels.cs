namespace PmSite.Parsing;

/// <summary>
/// The labels teams put before metadata, in the header lines under a title (<c>**Date:** …</c>, <c>Severity: Critical</c>,
/// <c>## Date: December 08, 2022</c>) and as headings of small metadata sections (<c>## Authors</c>), in English and the
/// common European languages, mapped to PmSite's field names.
/// </summary>
internal static class MetadataLabels
{
    private static readonly Dictionary<string, string> s_fields = Build(
        ("date", ["date", "incident date", "date of incident", "datum", "dato", "fecha", "fecha del incidente",
            "date de l'incident", "date de l’incident", "data do incidente", "data dell'incidente", "datum van het incident",
            "hendelsesdato", "incidentdatum"]),
        ("title", ["title", "incident title", "titel", "titre", "título", "titolo", "tittel"]),
        ("id", ["incident id", "id", "incident", "incident number", "incident no", "incident #", "incident-id", "ticket id"]),
        ("severity", ["severity", "severity level", "sev", "incident severity", "priority", "impact level", "schweregrad",
            "gravité", "gravite", "sévérité", "severite", "severidad", "gravedad", "gravità", "gravidade", "ernst",
            "ernstniveau", "prioriteit", "priorität", "prioritet", "alvorlighetsgrad", "alvorlighed", "allvarlighetsgrad"]),
        ("status", ["status", "state", "incident status", "document status", "statut", "estado", "stato", "tilstand", "zustand"]),
        ("authors", ["author", "authors", "author(s)", "written by", "created by", "owner", "owners", "postmortem owner",
            "post-mortem owner", "incident owner", "autor", "autoren", "autor(en)", "autores", "autor(es)", "auteur",
            "auteurs", "auteur(s)", "forfatter", "forfattere", "forfatter(e)", "författare", "opgesteld door", "skrevet av",
            "erstellt von", "rédigé par", "redigé par", "escrito por"]),
        ("reviewers", ["reviewer", "reviewers", "reviewer(s)", "reviewed by", "approved by", "approver", "approvers"]),
        ("services", ["services", "service", "service(s)", "affected services", "affected service", "services affected",
            "affected systems", "systems affected", "affected components", "components", "dienste", "dienst", "diensten",
            "betroffene dienste", "tjenester", "tjeneste", "tjänster", "tjänst", "servicios", "servizi", "serviços"]),
        ("tags", ["tags", "labels", "keywords", "categories", "category", "schlagwörter", "etiquetas", "étiquettes"]),
        ("published", ["published", "publication date", "date published"]),
        ("detected", ["detected", "detected at", "detection time"]),
        ("resolved", ["resolved", "resolved at", "resolution time"]),
        ("related", ["related", "related incidents"]),
        ("visibility", ["visibility"]),
        ("near_miss", ["near miss"]));

    /// <summary>The field a label names, or null; case, a trailing colon and surrounding emphasis are ignored.</summary>
    public static string? FieldOf(string label)
    {
        var key = label.Trim().Trim('*', '_', ' ', ':').Trim().ToLowerInvariant();
        return s_fields.GetValueOrDefault(key);
    }

    private static Dictionary<string, string> Build(params (string Field, string[] Labels)[] table)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, labels) in table)
        {
            foreach (var label in labels)
            {
                fields[label] = field;
            }
        }

        return fields;
    }
}
