using PmSite.Diagnostics;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>Reads typed values out of a post-mortem's raw metadata fields, reporting each bad one with its line.</summary>
internal sealed class FieldReader(string file, IReadOnlyDictionary<string, RawField> fields, DiagnosticBag diagnostics)
{
    public int LineOf(string key) => fields.TryGetValue(key, out var f) ? f.Line : 1;

    /// <summary>A single value as written, without reporting a list where one is asked for.</summary>
    public string? OptionalQuiet(string key) =>
        fields.TryGetValue(key, out var field) && field.Items is null && field.Value?.Trim() is { Length: > 0 } value ? value : null;

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

    /// <summary>
    /// A date as people write it (<see cref="WrittenDates"/>). A value written as a date that is not on the calendar is an
    /// error; one that holds no date at all ("TBD") is a warning and counts as missing; a range or an ambiguous reading is
    /// a warning that says what was chosen.
    /// </summary>
    public DateOnly? Date(string key)
    {
        var text = Optional(key);
        if (text is null)
        {
            return null;
        }

        if (WrittenDates.Read(text, out var invalid) is { } date)
        {
            if (date.Choice is { } choice)
            {
                diagnostics.Warning(file, LineOf(key), "date-choice", $"'{key}': {choice}");
            }

            return date.Date;
        }

        if (invalid is not null)
        {
            diagnostics.Error(file, LineOf(key), "invalid-date", $"'{key}' is '{text}': {invalid}");
        }
        else
        {
            diagnostics.Warning(file, LineOf(key), "unreadable-date", $"'{key}' is '{text}', which holds no date; it is taken as not stated");
        }

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

    /// <summary>
    /// The severity in the site's vocabulary: an alias is replaced by what it stands for; a declared vocabulary admits only
    /// its own values; an open one takes the folder's words, spelled alike for one word (<see cref="SeverityScale.Canonical"/>).
    /// </summary>
    public string? Severity(SiteSettings settings)
    {
        var text = Optional("severity");
        if (text is null)
        {
            return null;
        }

        var value = settings.SeverityAliases.GetValueOrDefault(text) ?? text;
        if (!settings.SeveritiesDeclared)
        {
            return SeverityScale.Canonical(value);
        }

        var known = settings.Severities.FirstOrDefault(s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            diagnostics.Error(file, LineOf("severity"), "unknown-severity",
                $"severity '{text}' is not one of {string.Join(", ", settings.Severities)} (declared in pmsite.yml; severity_aliases maps other words to them)");
        }

        return known;
    }

    /// <summary>The status in the site's vocabulary, as <see cref="Severity"/> reads severities.</summary>
    public string? Status(SiteSettings settings)
    {
        var text = Optional("status");
        if (text is null)
        {
            return null;
        }

        var value = settings.StatusAliases.GetValueOrDefault(text) ?? text;
        if (settings.Statuses.Count == 0)
        {
            return FieldValues.Status(value) ?? FieldValues.Capitalised(value);
        }

        var known = settings.Statuses.FirstOrDefault(s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            diagnostics.Error(file, LineOf("status"), "unknown-status",
                $"status '{text}' is not one of {string.Join(", ", settings.Statuses)} (declared in pmsite.yml; status_aliases maps other words to them)");
        }

        return known;
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
