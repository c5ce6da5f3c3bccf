namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// Published more than 72 hours after the incident was resolved (or, without a resolved time, after its date).
/// The guide: publish within 72 hours, while details are fresh.
/// </summary>
public sealed class TimeToPublishRule : ILintRule
{
    public const int MostDays = 3;

    public string Name => "time-to-publish";

    public string Description => "Published more than 72 hours after the incident was resolved.";

    public string Hint => "publish a first version within 72 hours, while details are fresh, and update it as action items progress";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        var p = document.PostMortem;
        var from = p.Resolved is { } resolved ? DateOnly.FromDateTime(resolved.UtcDateTime) : p.Date;
        if (p.Published is not { } published || from is not { } start)
        {
            yield break;
        }

        var days = published.DayNumber - start.DayNumber;
        if (days > MostDays)
        {
            var line = document.LineOf("published");
            yield return document.Finding(this, line, 1,
                $"published {days} days after the incident {(p.Resolved is null ? "date" : "was resolved")}; the target is within 72 hours",
                "publish a first version within 72 hours, while details are fresh, and update it as action items progress");
        }
    }
}
