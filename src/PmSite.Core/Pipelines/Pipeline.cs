namespace PmSite.Pipelines;

/// <summary>The four phases every pipeline runs, in order.</summary>
public enum Phase
{
    /// <summary>Reads sources; runs for all pipelines at once, with no dependencies.</summary>
    Input,

    /// <summary>Transforms; waits for the process phase of the pipeline's dependencies.</summary>
    Process,

    /// <summary>Runs after every pipeline's process phase, so it may look at all documents (sitemap, link checks).</summary>
    PostProcess,

    /// <summary>Writes; after the pipeline's own post-process phase.</summary>
    Output,
}

/// <summary>A named sequence of modules in four phases, with the pipelines it depends on.</summary>
public sealed class Pipeline(string name)
{
    public string Name { get; } = name;

    public List<string> Dependencies { get; } = [];

    public List<IModule> Input { get; } = [];

    public List<IModule> Process { get; } = [];

    public List<IModule> PostProcess { get; } = [];

    public List<IModule> Output { get; } = [];

    public IReadOnlyList<IModule> ModulesOf(Phase phase) => phase switch
    {
        Phase.Input => Input,
        Phase.Process => Process,
        Phase.PostProcess => PostProcess,
        _ => Output,
    };

    public Pipeline DependsOn(params string[] pipelines)
    {
        Dependencies.AddRange(pipelines);
        return this;
    }
}
