namespace PmSite.Tests.TestKit;

/// <summary>A fact over a real-world corpus of <c>../shared/corpora</c>, skipped with a clear message where it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute(string corpus)
    {
        if (!Directory.Exists(Repo.Corpus(corpus)))
        {
            Skip = $"the {corpus} corpus is not at {Repo.Corpus(corpus)} (shared/corpora beside the repository)";
        }
    }
}
