using PmSite.Diagnostics;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>Reads typed values out of a post-mortem's raw metadata fields, reporting each bad one with its line.</summary>
internal sealed class FieldReader(string file, IReadOnlyDictionary<string, RawField> fields, DiagnosticBag diagnostics)
{
    public int LineOf(string key) => fields.TryGetValue(key, out var f) ? f.Line : 1;

    public string? Optional(string key)
    {
        if (!fields.TryGetValue(key, out var field))
        {
            return null;
        }

        if (field.Items is not null)
        {
            diagnostics.Error(file, field.Line, "invalid-field", $"'{key}' must be a single value, not a list");
            return null;
        }

        var value = field.Value?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string? Required(string key)
    {
        var value = Optional(key);
        if (value is null && !fields.ContainsKey(key))
        {
            diagnostics.Error(file, 1, "missing-field", $"required field '{key}' is missing");
        }
        else if (value is null)
        {
            diagnostics.Error(file, LineOf(key), "missing-field", $"required field '{key}' is empty");
        }

        return value;
    }

    public DateOnly? Date(string key, bool required)
    {
        var text = required ? Required(key) : Optional(key);
        if (text is null)
        {
            return null;
        }

        if (FieldValues.TryDate(text, out var date))
        {
            return date;
        }

        diagnostics.Error(file, LineOf(key), "invalid-date", $"'{key}' is '{text}', not a date in the form YYYY-MM-DD");
        return null;
    }

    public DateTimeOffset? Timestamp(string key)
    {
        var text = Optional(key);
        if (text is null)
        {
            return null;
        }

        if (!FieldValues.TryTimestamp(text, out var value, out var hasZone))
        {
            diagnostics.Error(file, LineOf(key), "invalid-date", $"'{key}' is '{text}', not an ISO 8601 timestamp such as 2025-11-10T10:30:00Z");
            return null;
        }

        if (!hasZone)
        {
            diagnostics.Warning(file, LineOf(key), "timestamp-zone", $"'{key}' has no time zone; it is read as UTC");
        }

        return value;
    }

    public string? Severity(SiteSettings settings)
    {
        var text = Required("severity");
        if (text is null)
        {
            return null;
        }

        var known = settings.Severities.FirstOrDefault(s => string.Equals(s, text, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            diagnostics.Error(file, LineOf("severity"), "unknown-severity",
                $"severity '{text}' is not one of {string.Join(", ", settings.Severities)} (set in pmsite.yml)");
        }

        return known;
    }

    public string? Status()
    {
        var text = Optional("status");
        if (text is null)
        {
            diagnostics.Warning(file, 1, "unspecified", "no 'status' field; shown as \"unspecified\"");
            return null;
        }

        var status = FieldValues.Status(text);
        if (status is null)
        {
            diagnostics.Error(file, LineOf("status"), "invalid-status", $"status '{text}' is not one of Draft, Under Review, Published");
        }

        return status;
    }

    public IReadOnlyList<string> List(string key) =>
        fields.TryGetValue(key, out var field) ? field.AsList() : [];

    public bool Bool(string key)
    {
        var text = Optional(key);
        if (text is null)
        {
            return false;
        }

        var value = FieldValues.Bool(text);
        if (value is null)
        {
            diagnostics.Error(file, LineOf(key), "invalid-field", $"'{key}' is '{text}', not true or false");
        }

        return value ?? false;
    }

    public Visibility Visibility()
    {
        var text = Optional("visibility");
        switch (text?.ToLowerInvariant())
        {
            case null or "internal" or "private":
                return Model.Visibility.Internal;
            case "public":
                return Model.Visibility.Public;
            default:
                diagnostics.Error(file, LineOf("visibility"), "invalid-field", $"visibility '{text}' is not 'internal' or 'public'");
                return Model.Visibility.Internal;
        }
    }
}
