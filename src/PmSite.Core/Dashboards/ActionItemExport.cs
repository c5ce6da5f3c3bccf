using System.Globalization;
using System.Text;
using System.Text.Json;
using PmSite.Rendering;

namespace PmSite.Dashboards;

/// <summary>
/// The action items as files for trackers and spreadsheets: <c>action-items.json</c> and <c>action-items.csv</c>,
/// with the same columns in the same order. Status and priority are stable tokens; the deadline is an ISO date,
/// or the text as written when it is not a date; <c>overdue</c> is against the build date, given in the JSON.
/// </summary>
public static class ActionItemExport
{
    /// <summary>The columns of both exports, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "incident_id", "incident_title", "incident_url", "action", "owner", "deadline", "status", "priority", "ticket", "overdue",
        "ticket_url", "category", "services",
    ];

    /// <summary>Writes <c>action-items.json</c> (UTF-8, indented) to <paramref name="output"/>.</summary>
    public static void WriteJson(ActionItemDashboard dashboard, ViewFactory views, Stream output)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("build_date", dashboard.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("count", dashboard.Rows.Count);
            json.WriteStartArray("items");
            foreach (var row in dashboard.Rows)
            {
                json.WriteStartObject();
                var values = Values(row, views);
                for (var i = 0; i < Columns.Count; i++)
                {
                    switch (values[i])
                    {
                        case null: json.WriteNull(Columns[i]); break;
                        case bool b: json.WriteBoolean(Columns[i], b); break;
                        case IReadOnlyList<string> list:
                            json.WriteStartArray(Columns[i]);
                            foreach (var item in list)
                            {
                                json.WriteStringValue(item);
                            }

                            json.WriteEndArray();
                            break;
                        default: json.WriteString(Columns[i], (string)values[i]!); break;
                    }
                }

                json.WriteEndObject();
                if (json.BytesPending > 1 << 16)
                {
                    // The writer would otherwise hold the whole file in memory until it is disposed.
                    json.Flush();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Writes <c>action-items.csv</c> (UTF-8) to <paramref name="output"/>. RFC 4180: a header row, CRLF line ends, fields
    /// quoted when they hold a comma, quote or line break; cells a spreadsheet would run as formulas are text (<see cref="CsvCell"/>).
    /// </summary>
    public static void WriteCsv(ActionItemDashboard dashboard, ViewFactory views, Stream output)
    {
        using var csv = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
        WriteRow(csv, Columns.Select(CsvField));
        foreach (var row in dashboard.Rows)
        {
            WriteRow(csv, Values(row, views).Select(v => CsvCell(v switch
            {
                null => "",
                bool b => b ? "true" : "false",
                IReadOnlyList<string> list => string.Join(";", list),
                _ => (string)v,
            })));
        }
    }

    /// <summary>
    /// A data cell: the value as a <see cref="CsvField"/>, after a <c>'</c> when it starts with a character a spreadsheet
    /// would read as the start of a formula (OWASP's CSV injection list: <c>= + - @</c>, tab, carriage return). The
    /// apostrophe makes the cell text. No cell of the export is a number, so a leading <c>-</c> is never a negative number
    /// lost; the JSON export keeps every value as written.
    /// </summary>
    public static string CsvCell(string value) =>
        CsvField(value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value);

    /// <summary>One CSV field, quoted (with quotes doubled) only when it must be.</summary>
    public static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>One row of fields already written as CSV.</summary>
    private static void WriteRow(StreamWriter csv, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                csv.Write(',');
            }

            csv.Write(field);
            first = false;
        }

        csv.Write("\r\n");
    }

    private static object?[] Values(ActionItemRow row, ViewFactory views)
    {
        var item = row.Item;
        return
        [
            row.Incident.Id,
            row.Incident.Title,
            views.Urls.Absolute(SiteUrls.IncidentPath(row.Incident.Id)),
            item.Action,
            item.Owner,
            item.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? item.DeadlineText,
            ActionItemDashboard.StatusToken(item.Status),
            ActionItemDashboard.PriorityName(item.Priority).ToLowerInvariant(),
            item.Ticket,
            row.Overdue,
            views.TicketUrl(item.Ticket),
            item.Category,
            row.Incident.Services,
        ];
    }
}
