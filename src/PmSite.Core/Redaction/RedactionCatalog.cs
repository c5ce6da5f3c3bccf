using System.Text.RegularExpressions;
using PmSite.Model;

namespace PmSite.Redaction;

/// <summary>
/// Everything one public build knows is sensitive, gathered once from <c>pmsite.yml</c> and every post-mortem
/// (public or not): people (configured, authors, reviewers, owners, timeline actors, with their first names and
/// surnames), customers, systems with their site-wide pseudonyms, terms, the post-mortems withheld from the edition,
/// and the detector chain every redactor and the verifier use.
/// </summary>
internal sealed class RedactionCatalog
{
    /// <summary>Words that open many company names; alone they say nothing about a customer.</summary>
    private static readonly HashSet<string> s_commonCompanyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "General", "United", "National", "American", "Global", "International", "First", "Great", "North", "South", "East",
        "West", "Pacific", "Atlantic", "Royal", "Central", "Standard", "Universal", "Premier", "Digital", "Modern", "Golden",
        "Silver", "Smart", "Super", "Total", "Prime", "Alpha", "Delta", "Summit", "Capital", "Western", "Eastern",
        "Northern", "Southern", "Metro", "Urban", "Green", "Blue",
    };

    private readonly ValueMatcher? _keep;

    public RedactionCatalog(RedactionSettings settings, IReadOnlyList<PostMortem> all, IReadOnlyCollection<PostMortem> withheld)
    {
        Keep = settings.Keep.Where(k => k.Trim().Length > 0).ToList();
        _keep = KnownValueDetector.Build(Keep, RegexOptions.IgnoreCase);
        WithheldIds = withheld.Select(p => p.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        WithheldSources = withheld.Select(p => p.SourcePath).ToHashSet(StringComparer.Ordinal);

        var values = new List<KnownValue>();
        foreach (var (term, replacement) in settings.Terms.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            values.Add(new KnownValue(term, RedactionClass.Term, term.ToLowerInvariant(), false) { Replacement = replacement });
        }

        foreach (var p in withheld.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            values.Add(new KnownValue(p.Id, RedactionClass.Incident, p.Id.ToLowerInvariant(), false));
            if (p.Title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= 4)
            {
                values.Add(new KnownValue(p.Title, RedactionClass.Incident, p.Id.ToLowerInvariant(), false));
            }
        }

        var customerParts = new List<KnownValue>();
        foreach (var customer in settings.Customers.Select(c => c.Trim()).Where(c => c.Length > 0))
        {
            var identity = customer.ToLowerInvariant();
            values.Add(new KnownValue(customer, RedactionClass.Customer, identity, false));
            var words = customer.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 1 && words[0].Length >= 5 && char.IsUpper(words[0][0]) && words[0].All(char.IsLetter) && !s_commonCompanyWords.Contains(words[0]))
            {
                customerParts.Add(new KnownValue(words[0], RedactionClass.Customer, identity, true));
            }
        }

        // Systems keep one pseudonym across the site, in the order pmsite.yml lists them: a service facet page for
        // "service-a" then gathers one system, not whichever one each post-mortem happened to name first.
        var systemLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var system in settings.Systems.Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            var identity = system.ToLowerInvariant();
            if (!systemLabels.ContainsKey(identity))
            {
                systemLabels[identity] = "Service " + Pseudonyms.Letters(systemLabels.Count);
                values.Add(new KnownValue(system, RedactionClass.System, identity, false) { Replacement = systemLabels[identity] });
            }
        }

        values.AddRange(PersonValues(PeopleOf(settings, all)));
        values.AddRange(customerParts);
        Values = values;

        Detectors =
        [
            new KnownValueDetector(values),
            new SecretDetector(),
            new InternalAddressDetector(settings.InternalDomains),
            new TicketDetector(settings.TicketPrefixes),
            new IpAddressDetector(),
            new CardNumberDetector(),
            new AccountNumberDetector(),
            new MoneyDetector(),
            new ChannelDetector(),
            new HandleDetector(),
        ];
    }

    /// <summary>Every known sensitive value, in priority order (a term before the system it names).</summary>
    public IReadOnlyList<KnownValue> Values { get; }

    public IReadOnlyList<string> Keep { get; }

    public IReadOnlySet<string> WithheldIds { get; }

    /// <summary>Source files (relative to the input folder) of withheld post-mortems: a link to one is removed.</summary>
    public IReadOnlySet<string> WithheldSources { get; }

    /// <summary>The redaction chain, known values first so that their pseudonyms win over generic tokens.</summary>
    public IReadOnlyList<IDetector> Detectors { get; }

    /// <summary>
    /// The detectors the verifier reruns on output. Not channels and handles: the theme itself writes "#tag" chips,
    /// and the values the redactor did replace are checked one by one anyway.
    /// </summary>
    public IEnumerable<IDetector> GenericDetectors => Detectors.Where(d => d is not (KnownValueDetector or ChannelDetector or HandleDetector));

    /// <summary>Where the text holds a <c>keep</c> term; a finding inside one is left alone.</summary>
    public IReadOnlyList<Region> KeptRegions(string text) =>
        _keep is null ? [] : _keep.Matches(text).Select(m => new Region(m.Index, m.Index + m.Length)).ToList();

    public bool IsKeep(string value) => Keep.Any(k => string.Equals(KnownValueDetector.Key(k), KnownValueDetector.Key(value), StringComparison.Ordinal));

    private static List<string> PeopleOf(RedactionSettings settings, IReadOnlyList<PostMortem> all)
    {
        var people = new List<string>(settings.People.Select(p => p.Trim()).Where(p => p.Length > 0));
        foreach (var p in all)
        {
            people.AddRange(p.Authors);
            people.AddRange(p.Reviewers);
            foreach (var action in p.ActionItems)
            {
                if (action.Owner is { } owner)
                {
                    people.AddRange(PersonNames.In(owner, singleWords: true));
                }
            }

            foreach (var entry in p.Timeline)
            {
                if (entry.Actor is { } actor)
                {
                    people.AddRange(PersonNames.In(actor, singleWords: false));
                }
            }
        }

        return people.Select(p => p.Trim()).Where(p => p.TrimStart('@').Length > 1).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A person's full name in any separator form, and each first name or surname alone (written capitalised:
    /// "Dev" is a name, "dev" is not). A name part two people share gets an identity of its own.
    /// </summary>
    private static IEnumerable<KnownValue> PersonValues(IReadOnlyList<string> people)
    {
        var values = new List<KnownValue>();
        var parts = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var singles = new List<string>();
        foreach (var person in people)
        {
            var identity = PersonNames.Identity(person);
            var bare = person.TrimStart('@');
            if (!PersonNames.IsMatchable(person))
            {
                continue;
            }

            if (PersonNames.IsTeamLike(person))
            {
                values.Add(new KnownValue(bare, RedactionClass.Person, identity, false));
                continue;
            }

            var words = PersonNames.Words(person);
            if (words.Count >= 2)
            {
                values.Add(new KnownValue(string.Join(' ', words), RedactionClass.Person, identity, false));
                foreach (var word in words.Where(PersonNames.IsNamePart))
                {
                    var part = PersonNames.Capitalise(word);
                    (parts.TryGetValue(part, out var set) ? set : parts[part] = new SortedSet<string>(StringComparer.Ordinal)).Add(identity);
                }
            }
            else
            {
                singles.Add(bare);
            }
        }

        // A one-word login ("@alice") that is the first name or surname of exactly one person is that person.
        foreach (var single in singles)
        {
            var part = PersonNames.Capitalise(single);
            var identity = parts.TryGetValue(part, out var owners) && owners.Count == 1 ? owners.Min! : PersonNames.Identity(single);
            values.Add(new KnownValue(single, RedactionClass.Person, identity, true));
            if (PersonNames.IsNamePart(single) && !parts.ContainsKey(part))
            {
                values.Add(new KnownValue(part, RedactionClass.Person, identity, true));
            }
        }

        foreach (var (part, identities) in parts)
        {
            values.Add(new KnownValue(part, RedactionClass.Person, identities.Count == 1 ? identities.Min! : "name:" + part.ToLowerInvariant(), true));
        }

        return values;
    }
}
