namespace PmSite.Redaction;

/// <summary>What kind of sensitive value a finding is; the report counts by class and the verifier names it.</summary>
public enum RedactionClass
{
    /// <summary>Authors, reviewers, owners, timeline actors, @handles and the names in <c>redaction.people</c>.</summary>
    Person,

    /// <summary>Names in <c>redaction.customers</c>.</summary>
    Customer,

    /// <summary>Internal system names and codenames in <c>redaction.systems</c>.</summary>
    System,

    /// <summary>Hosts and URLs under <c>redaction.internal_domains</c>.</summary>
    InternalHost,

    Email,

    IpAddress,

    /// <summary>Money figures and business metrics (revenue, credits, ARR).</summary>
    Money,

    /// <summary>Payment card numbers (Luhn-checked).</summary>
    CardNumber,

    /// <summary>Bank account numbers and IBANs.</summary>
    AccountNumber,

    /// <summary>Ticket ids with a prefix from <c>redaction.ticket_prefixes</c>.</summary>
    Ticket,

    /// <summary>Cloud access keys, private keys, tokens, passwords.</summary>
    Secret,

    /// <summary>Slack-style channels such as <c>#inc-checkout</c>.</summary>
    Channel,

    /// <summary>Ids, titles and files of post-mortems that are not in the public edition.</summary>
    Incident,

    /// <summary>A fixed replacement from <c>redaction.terms</c>.</summary>
    Term,
}

/// <summary>Names and fixed replacement tokens of the classes.</summary>
public static class RedactionClasses
{
    /// <summary>The name a report or a diagnostic uses for a class ("people", "ip-address").</summary>
    public static string Name(this RedactionClass value) => value switch
    {
        RedactionClass.Person => "people",
        RedactionClass.Customer => "customers",
        RedactionClass.System => "systems",
        RedactionClass.InternalHost => "internal-hosts",
        RedactionClass.Email => "emails",
        RedactionClass.IpAddress => "ip-addresses",
        RedactionClass.Money => "money",
        RedactionClass.CardNumber => "card-numbers",
        RedactionClass.AccountNumber => "account-numbers",
        RedactionClass.Ticket => "tickets",
        RedactionClass.Secret => "secrets",
        RedactionClass.Channel => "channels",
        RedactionClass.Incident => "withheld-incidents",
        _ => "terms",
    };

    /// <summary>The replacement of a class whose values all read the same ("[amount]"); null for pseudonym classes.</summary>
    public static string? Token(this RedactionClass value) => value switch
    {
        RedactionClass.InternalHost => "[internal host]",
        RedactionClass.Email => "[email]",
        RedactionClass.IpAddress => "[ip]",
        RedactionClass.Money => "[amount]",
        RedactionClass.CardNumber => "[card number]",
        RedactionClass.AccountNumber => "[account number]",
        RedactionClass.Ticket => "[ticket]",
        RedactionClass.Secret => "[secret]",
        RedactionClass.Channel => "#[channel]",
        RedactionClass.Incident => "another incident",
        _ => null,
    };
}

/// <summary>
/// One sensitive value found in a text: where, which class, the value as found (entities decoded),
/// and who or what it is (<see cref="Identity"/>), so that every mention of one person gets one pseudonym.
/// </summary>
public sealed record Finding(int Start, int Length, RedactionClass Class, string Value)
{
    public int End => Start + Length;

    /// <summary>Who or what the value names ("marta kowalczyk" for "Marta", "@marta.kowalczyk" and "Marta Kowalczyk").</summary>
    public string? Identity { get; init; }

    /// <summary>A replacement fixed by configuration (a term's, a system's site-wide pseudonym), instead of the class's.</summary>
    public string? Replacement { get; init; }

    /// <summary>For a whole internal URL, the replacement reads "[internal URL]" rather than "[internal host]".</summary>
    public bool IsUrl { get; init; }

    /// <summary>Whether the verifier matches the value with its case (first names alone: "Dev" is a name, "dev" is not).</summary>
    public bool CaseSensitive { get; init; }
}
