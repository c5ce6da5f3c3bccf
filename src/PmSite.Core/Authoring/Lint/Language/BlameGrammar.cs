using System.Text.RegularExpressions;

namespace PmSite.Authoring.Lint.Language;

/// <summary>A person named as the subject of a verb: where the match is and which words did it.</summary>
public sealed record PersonClause(int Start, int Length, string Subject, string Verb);

/// <summary>
/// The small grammar behind the blame rules: who counts as a person (a handle, a known name, a role such as
/// "the on-call engineer", a personal pronoun) and what happens when one is the subject of a verb phrase.
/// Sentences whose subject is a process, a tool or a system ("the deployment process allowed …") never match.
/// </summary>
public static partial class BlameGrammar
{
    private const string Handle = @"(?<handle>(?<![\w@])@[A-Za-z][\w.\-]*[A-Za-z0-9])";

    // Case-sensitive on purpose: a name is capitalised. Whether it is a name is decided by PeopleNames.
    private const string Name = @"(?<name>\b[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)";

    private const string Role = @"(?<role>(?i:\b(?:(?:the|a|an|our|one|another|that|this|their|his|her|your|same|every)\s+)?(?:(?!(?:by|to|for|with|from|of|at|on|in|the|a|an|and|or|but|while|when|who|that|which|then|after|before|because|so|as|if|was|were|is|are)\b)[a-z][\w/-]*\s+){0,2}?"
        + @"(?:on-?call(?:\s+(?:engineer|person|developer|sre|responder))?|on-?callers?|engineers?|developers?|devs|operators?|admins?|"
        + @"administrators?|dbas?|sres?|reviewers?|testers?|interns?|contractors?|employees?|team\s+members?|team|staff|"
        + @"programmers?|technicians?|responders?)\b))";

    private const string Pronoun = @"(?<pronoun>\bI\b|(?i:\b(?:he|she|we|someone|somebody)\b))";

    private const string Subject = "(?:" + Handle + "|" + Role + "|" + Pronoun + "|" + Name + ")";

    private const string Adverbs = @"(?:\s+(?i:simply|just|also|then|again|still|apparently|clearly|obviously|completely|totally|unfortunately|initially|later|had|has|have|must\s+have|may\s+have|probably|likely))*";

    /// <summary>Verb phrases that say a person failed.</summary>
    private const string FailureVerb = @"(?<verb>(?i:"
        + @"(?:accidentally|mistakenly|inadvertently|carelessly|wrongly|incorrectly)\s+\w+"
        + @"|forgot|forgets|forgotten|ignored|ignores|disregarded|overlooked|missed|neglected|skipped|broke"
        + @"|messed\s+up|screwed\s+up|botched|fat-?fingered|typo['’]?e?d|mistyped|misconfigured|misread"
        + @"|(?:deployed|pushed|shipped|merged|committed|released|rolled\s+out|wrote|introduced|applied)\s+(?:a\s+|the\s+|some\s+|an\s+)?(?:broken|bad|buggy|untested|faulty|incorrect|wrong|defective|invalid)"
        + @"|introduced\s+(?:a|the)\s+(?:bug|defect|regression)"
        + @"|ran\s+(?:the\s+|a\s+|an\s+)?(?:wrong|incorrect|bad|destructive)"
        + @"|(?:executed|applied|used|picked|chose|selected|edited|changed|deleted|dropped|restarted|typed)\s+the\s+wrong"
        + @"|deleted\s+(?:the\s+)?(?:production|prod|live)|dropped\s+(?:the\s+)?(?:production|prod|live)"
        + @"|made\s+(?:a|an|the)\s+(?:mistake|error|typo|bad\s+call|wrong\s+call|bad\s+decision|wrong\s+decision)"
        + @"|caused\s+(?:the|this|an|a)\s+(?:outage|incident|failure|problem|issue|downtime|breakage)"
        + @"|(?:did\s+not|didn['’]t|never|was\s+not|wasn['’]t|were\s+not|weren['’]t)\s+(?:check|test|verify|validate|notice|read|follow|review|monitor|escalate|respond|react|look|update|renew|communicate|ask|confirm|double-check|pay\s+attention|catch|realise|realize|bother)\b"
        + @"|(?:was|were)\s+(?:careless|negligent|sloppy|lazy|not\s+paying\s+attention|at\s+fault|to\s+blame|responsible\s+for\s+the\s+(?:outage|incident|failure))"
        + @"|dropped\s+the\s+ball"
        + @")\b)";

    /// <summary>Counterfactuals about a person: what they "should have" done.</summary>
    /// <remarks>"Should have a talk with …" is about possession, not hindsight: a determiner after "have" rules it out.</remarks>
    private const string Counterfactual = @"(?<verb>(?i:(?:(?:should|could|ought\s+to)(?:\s*n['’]t|\s+not)?(?:\s+have|['’]ve)(?!\s+(?:a|an|the|some|more|no|any|clear|our|their|its|to|enough|one|two|several|many|much)\b))"
        + @"|failed\s+to|neglected\s+to|(?:was|were)\s+supposed\s+to|needed\s+to\s+have))";

    // What, written just before a person, makes the person an object rather than a subject ("tests written by the developer missed …").
    private static readonly HashSet<string> s_objectMarkers = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "to", "for", "with", "from", "of", "at", "on", "about", "told", "asked", "paged", "woke", "notified", "called",
        "pinged", "alerted", "helped", "let", "made", "forced", "left", "gave", "than", "whom", "reminded", "expected",
    };

    /// <summary>Clauses whose subject is a person and whose verb says that person failed ("Sarah forgot", "the DBA ran the wrong query").</summary>
    /// <remarks>"We" is left out here: "we did not monitor the pool" speaks of the team and its systems.</remarks>
    public static IEnumerable<PersonClause> FailureClauses(string text, PeopleNames people) => !Keywords.Any(text, Keywords.Failure) ? [] :
        Clauses(FailureClause(), text, people)
            .Where(c => !c.Subject.Equals("we", StringComparison.OrdinalIgnoreCase))
            .Concat(NobodyClauses(text));

    /// <summary>Counterfactual clauses about a person ("the on-call engineer should have", "John failed to", "if Sarah had").</summary>
    public static IEnumerable<PersonClause> CounterfactualClauses(string text, PeopleNames people) =>
        !Keywords.Any(text, Keywords.Counterfactual) ? [] : CounterfactualsIn(text, people);

    private static IEnumerable<PersonClause> CounterfactualsIn(string text, PeopleNames people)
    {
        foreach (var clause in Clauses(CounterfactualClause(), text, people))
        {
            yield return clause;
        }

        foreach (Match match in IfPersonHad().Matches(text))
        {
            if (IsPerson(match, people))
            {
                yield return new PersonClause(match.Index, match.Length, SubjectOf(match), "had");
            }
        }
    }

    // Verbs are rare and subjects are everywhere: find the verb first, then look for a person just before it.
    private static IEnumerable<PersonClause> Clauses(Regex verbs, string text, PeopleNames people)
    {
        foreach (Match verb in verbs.Matches(text))
        {
            var from = Math.Max(0, verb.Index - 80);
            while (from > 0 && !char.IsWhiteSpace(text[from - 1]))
            {
                from--;
            }

            var match = SubjectBefore().Match(text, from, verb.Index - from);
            if (!match.Success || !IsPerson(match, people) || IsObject(text, match.Index))
            {
                continue;
            }

            // "Then Sarah forgot": the capitalised word before the name is not part of the subject.
            var skip = 0;
            var name = match.Groups["name"];
            if (name.Success && name.Value.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space && !people.IsName(name.Value[..space]))
            {
                skip = space + 1;
            }

            var start = match.Index + skip;
            yield return new PersonClause(start, verb.Index + verb.Length - start, SubjectOf(match)[skip..], verb.Groups["verb"].Value);
        }
    }

    private static IEnumerable<PersonClause> NobodyClauses(string text)
    {
        foreach (Match match in Nobody().Matches(text))
        {
            yield return new PersonClause(match.Index, match.Length, match.Groups["subject"].Value, match.Groups["verb"].Value);
        }
    }

    private static bool IsPerson(Match match, PeopleNames people) =>
        match.Groups["handle"].Success || match.Groups["role"].Success || match.Groups["pronoun"].Success
        || (match.Groups["name"].Success && people.IsName(match.Groups["name"].Value));

    private static string SubjectOf(Match match) =>
        new[] { "handle", "role", "pronoun", "name" }.Select(g => match.Groups[g]).First(g => g.Success).Value;

    private static bool IsObject(string text, int subjectStart)
    {
        var before = text[..subjectStart].TrimEnd();
        var space = before.LastIndexOfAny([' ', '(', '"', '“']);
        var word = before[(space + 1)..];
        return s_objectMarkers.Contains(word);
    }

    // Linear-time matching: the verb list is long and starts with most letters, which backtracking pays for at every word.
    [GeneratedRegex(@"\b" + FailureVerb, RegexOptions.NonBacktracking)]
    private static partial Regex FailureClause();

    [GeneratedRegex(@"\b" + Counterfactual)]
    private static partial Regex CounterfactualClause();

    // A subject (and adverbs) ending right where the verb begins; matched on the text just before a verb.
    [GeneratedRegex(Subject + Adverbs + @"\s+$")]
    private static partial Regex SubjectBefore();

    [GeneratedRegex(@"(?i:\bif\s+(?:only\s+)?)" + Subject + @"(?i:\s+had)\b|(?<![\w-])(?i:had\s+)" + Subject + @"(?i:\s+(?:checked|tested|verified|noticed|followed|read|reviewed|looked|asked|waited|double-checked|paid\s+attention))\b")]
    private static partial Regex IfPersonHad();

    [GeneratedRegex(@"(?<subject>(?i:\b(?:nobody|no\s+one|no-one)))\s+(?<verb>(?i:noticed|checked|tested|reviewed|caught|saw|looked|responded|acknowledged|picked\s+up|followed|read|bothered))\b")]
    private static partial Regex Nobody();
}
