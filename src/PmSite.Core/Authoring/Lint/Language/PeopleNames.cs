using System.Buffers;
using PmSite.Model;

namespace PmSite.Authoring.Lint.Language;

/// <summary>
/// The names that count as people when a sentence is checked for blame: the post-mortem's authors, reviewers
/// and action-item owners (from their handles: <c>@alice.chen</c> gives "Alice" and "Chen"), the people listed in
/// <c>pmsite.yml</c>'s redaction block, and common first names ("Sarah forgot …" names someone the file never lists).
/// </summary>
public sealed class PeopleNames
{
    // Parts of team handles (@sre-team, @dba-team) are not names.
    private static readonly HashSet<string> s_notNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "team", "sre", "sres", "ops", "dba", "dbas", "oncall", "on", "call", "eng", "engineering", "devops", "platform",
        "infra", "core", "api", "admin", "admins", "bot", "lead", "tech", "the", "and", "app", "web", "data", "db", "qa",
        "security", "sec", "support", "incident", "commander", "manager", "group", "squad", "crew", "org",
    };

    private static readonly HashSet<string> s_commonFirstNames = new(StringComparer.Ordinal)
    {
        "Aaron", "Adam", "Adrian", "Ahmed", "Aisha", "Alan", "Albert", "Alex", "Alexander", "Alexandra", "Alice", "Alicia",
        "Amanda", "Amir", "Amy", "Ana", "Andrea", "Andrew", "Andy", "Angela", "Anna", "Anne", "Anthony", "Arjun", "Ashley",
        "Barbara", "Ben", "Benjamin", "Beth", "Bill", "Bob", "Brandon", "Brian", "Bruce", "Carl", "Carla", "Carlos",
        "Carol", "Caroline", "Catherine", "Charles", "Charlie", "Chen", "Chris", "Christian", "Christina", "Christine",
        "Christopher", "Claire", "Craig", "Dan", "Daniel", "Daniela", "David", "Deborah", "Dennis", "Diana", "Diego",
        "Dmitri", "Donald", "Doug", "Douglas", "Ed", "Edward", "Elena", "Elizabeth", "Emily", "Emma", "Eric", "Erik",
        "Erin", "Ethan", "Eva", "Fatima", "Frank", "Gary", "George", "Greg", "Gregory", "Hannah", "Hans", "Harry",
        "Heather", "Helen", "Henry", "Hiro", "Ian", "Igor", "Ines", "Isabel", "Jack", "Jacob", "James", "Jamie", "Jan",
        "Jane", "Janet", "Jason", "Javier", "Jeff", "Jeffrey", "Jennifer", "Jenny", "Jeremy", "Jerry", "Jessica", "Jim",
        "Joan", "Joe", "John", "Jon", "Jonas", "Jonathan", "Jorge", "Jose", "Joseph", "Josh", "Joshua", "Juan", "Julia",
        "Julie", "Justin", "Karen", "Kate", "Katherine", "Kathleen", "Kelly", "Ken", "Kevin", "Kim", "Kyle", "Larry",
        "Laura", "Lauren", "Leo", "Liam", "Linda", "Lisa", "Lucas", "Lucy", "Luis", "Luke", "Maria", "Marie", "Mario",
        "Mark", "Martin", "Mary", "Matt", "Matthew", "Maya", "Megan", "Melissa", "Michael", "Michelle", "Miguel", "Mike",
        "Mohammed", "Nancy", "Natalie", "Nathan", "Nicholas", "Nick", "Nicole", "Nina", "Noah", "Olga", "Oliver",
        "Olivia", "Omar", "Pablo", "Pat", "Patricia", "Patrick", "Paul", "Pedro", "Peter", "Petra", "Phil", "Philip",
        "Priya", "Rachel", "Rahul", "Raj", "Ravi", "Rebecca", "Richard", "Rick", "Rob", "Robert", "Roger", "Ron",
        "Ronald", "Rosa", "Ryan", "Sam", "Samantha", "Samuel", "Sandra", "Sara", "Sarah", "Scott", "Sean", "Sergei",
        "Sharon", "Sofia", "Sophie", "Stephanie", "Stephen", "Steve", "Steven", "Susan", "Tanya", "Thomas", "Tim",
        "Timothy", "Tom", "Tomas", "Tony", "Tyler", "Victor", "Victoria", "Vikram", "Walter", "Wei", "William", "Yuki",
        "Zach", "Zoe",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_notNameParts = s_notNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly SearchValues<char> s_separators = SearchValues.Create(".-_ ");

    private readonly HashSet<string> _names;

    private PeopleNames(HashSet<string> names) => _names = names;

    public static PeopleNames Of(PostMortem postMortem, SiteSettings settings)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var people = postMortem.Authors.Concat(postMortem.Reviewers)
            .Concat(postMortem.ActionItems.Select(a => a.Owner).OfType<string>())
            .Concat(settings.Redaction.People);
        var parts = new List<string>();
        // An owner of several action items gives the same names each time.
        foreach (var person in people.Distinct(StringComparer.Ordinal))
        {
            parts.Clear();
            var handle = person.AsSpan().TrimStart('@');
            foreach (var range in handle.SplitAny(s_separators))
            {
                var part = handle[range];
                if (part.Length >= 3 && IsLetters(part) && !s_notNameParts.Contains(part))
                {
                    parts.Add(Capitalised(part));
                }
            }

            names.UnionWith(parts);
            if (parts.Count > 1)
            {
                names.Add(string.Join(' ', parts));
            }
        }

        return new PeopleNames(names);
    }

    private static bool IsLetters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Capitalised(ReadOnlySpan<char> word)
    {
        var first = char.ToUpperInvariant(word[0]);
        return first == word[0] ? new string(word) : string.Concat(new ReadOnlySpan<char>(in first), word[1..]);
    }

    /// <summary>Whether a capitalised word or two ("Sarah", "Marta Kowalczyk", "Then Sarah") name a person.</summary>
    public bool IsName(string candidate)
    {
        if (_names.Contains(candidate) || s_commonFirstNames.Contains(candidate))
        {
            return true;
        }

        return candidate.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(token => _names.Contains(token) || s_commonFirstNames.Contains(token));
    }
}
