using System.Globalization;
using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// How people are written in post-mortems — "Marta Kowalczyk", "marta.kowalczyk", "@marta.kowalczyk", "Marta" —
/// and which values of an owner or actor column are people rather than teams or systems.
/// </summary>
internal static partial class PersonNames
{
    /// <summary>Words that make a value a team, a role or a system rather than a person ("Platform team", "Automated monitoring").</summary>
    private static readonly HashSet<string> s_notPeople = new(StringComparer.OrdinalIgnoreCase)
    {
        "team", "teams", "squad", "group", "guild", "crew", "oncall", "on-call", "rotation", "sre", "ops", "devops", "platform",
        "infra", "infrastructure", "security", "support", "finance", "legal", "engineering", "eng", "product", "management",
        "leadership", "monitoring", "automation", "automated", "pipeline", "system", "systems", "service", "services", "bot",
        "vendor", "customer", "customers", "traffic", "deployment", "deploy", "alert", "alerts", "alerting", "pagerduty",
        "opsgenie", "grafana", "datadog", "jenkins", "github", "unknown", "tbd", "none", "everyone", "all", "multiple",
        "various", "manual", "cron", "scheduler", "database", "network", "payments", "checkout", "data", "qa", "hr", "comms",
        "communications", "marketing", "sales", "identity", "dba", "dbas", "admin", "admins", "staff", "commander", "lead",
        "manager", "director", "engineer", "engineers", "architect", "owner", "owners", "responder", "responders", "desk",
        "party", "third", "external", "internal", "provider", "cloud", "change", "migration", "release", "incident", "status",
        "page", "users", "user", "partner", "partners", "merchant", "merchants", "shoppers", "cluster", "job", "worker",
    };

    /// <summary>
    /// First names that are also everyday words; alone they are not redacted ("Mark the incident resolved"),
    /// with a surname they are.
    /// </summary>
    private static readonly HashSet<string> s_everydayWords = new(StringComparer.Ordinal)
    {
        "May", "Will", "Mark", "August", "June", "April", "Page", "Max", "Chase", "Grant", "Bill", "Art", "Ray", "Guy", "Rich",
        "Hope", "Joy", "Faith", "Dawn", "Summer", "Sky", "Rose", "Long", "Young", "King", "Hall", "Wood", "Green", "White",
        "Black", "Brown", "Gray", "Grey", "Little", "Price", "Cash", "Stone", "Bond", "Key", "Case", "Lane", "Park", "Hill",
        "Field", "Rock", "Frank", "Drew", "Sterling", "Major", "Noble", "Sharp", "Swift", "Cook", "Baker", "Porter", "Mason",
    };

    /// <summary>Who a name refers to: its words lower-cased and joined by spaces ("marta.kowalczyk" → "marta kowalczyk").</summary>
    public static string Identity(string name)
    {
        var words = Words(name);
        var identity = string.Join(' ', words.Select(w => w.ToLowerInvariant()));
        return IsTeamLike(name) ? "team:" + identity : identity;
    }

    /// <summary>The words of a name: split at spaces, or at the dots, underscores and hyphens of a login.</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var n = name.Trim().TrimStart('@').Trim();
        if (n.Any(char.IsWhiteSpace))
        {
            return n.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        }

        return Login().IsMatch(n) ? n.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries) : [n];
    }

    /// <summary>A handle or name of a team or role rather than a person ("@sre-team", "payments-oncall").</summary>
    public static bool IsTeamLike(string name) =>
        name.Trim().TrimStart('@').Split([' ', '.', '_', '-', '/'], StringSplitOptions.RemoveEmptyEntries).Any(w => s_notPeople.Contains(w));

    /// <summary>Whether a first name or surname alone is redacted: long enough to be a name and not an everyday word.</summary>
    public static bool IsNamePart(string word) =>
        word.Length >= 3 && word.All(char.IsLetter) && !s_everydayWords.Contains(Capitalise(word)) && !s_notPeople.Contains(word);

    /// <summary>
    /// Whether a name can be looked for in text without taking ordinary words for it: a team handle only with its
    /// separators ("sre-team", not "SRE"), a one-word name only if it is not an everyday word ("alice", not "Will").
    /// </summary>
    public static bool IsMatchable(string name)
    {
        var bare = name.Trim().TrimStart('@');
        if (IsTeamLike(bare))
        {
            return bare.IndexOfAny(['-', '_', '.', ' ']) > 0;
        }

        return Words(bare).Count >= 2 || (bare.Length >= 3 && !s_everydayWords.Contains(Capitalise(bare)) && !s_notPeople.Contains(bare));
    }

    public static string Capitalise(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..].ToLowerInvariant();

    /// <summary>
    /// The people in an owner or actor cell ("@ines.duarte, @erin.walsh", "Marta Kowalczyk", "Alice and Bob"):
    /// handles, logins, and capitalised names that are not teams or systems. A single word counts only where
    /// <paramref name="singleWords"/> allows it (an owner column is about people; a timeline actor is often a system).
    /// </summary>
    public static IEnumerable<string> In(string cell, bool singleWords)
    {
        foreach (var part in Separator().Split(cell))
        {
            var value = part.Trim().Trim('(', ')', '*', '_', '`').Trim();
            if (value.Length > 0 && LooksLikePerson(value, singleWords))
            {
                yield return value;
            }
        }
    }

    public static bool LooksLikePerson(string value, bool singleWords)
    {
        if (value.StartsWith('@'))
        {
            return value.Length > 2;
        }

        if (IsTeamLike(value))
        {
            return false;
        }

        if (Login().IsMatch(value) && value.Any(c => c is '.' or '_') && value.All(c => !char.IsUpper(c)))
        {
            return true;
        }

        var words = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length switch
        {
            1 => singleWords && CapitalisedWord().IsMatch(words[0]) && IsNamePart(words[0]),
            2 or 3 => words.All(w => CapitalisedWord().IsMatch(w)),
            _ => false,
        };
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z]+(?:[._\-][A-Za-z]+){1,2}$")]
    private static partial Regex Login();

    [GeneratedRegex(@"^\p{Lu}[\p{Ll}'’\-]+$")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex(@"\s*(?:,|;|/|&|\+|\band\b)\s*")]
    private static partial Regex Separator();
}
