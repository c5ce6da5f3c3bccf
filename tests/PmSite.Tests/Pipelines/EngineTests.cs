using System.Collections.Immutable;
using PmSite.Pipelines;

namespace PmSite.Tests.Pipelines;

public sealed class EngineTests
{
    // Long enough for any machine; the runs below end at once unless a phase waits for another that never comes.
    private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_pipeline_without_post_process_modules_writes_its_output_while_another_pipeline_still_processes()
    {
        // The slow pipeline's process phase finishes only once the pages pipeline's output phase has run.
        var pagesWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new Pipeline("Slow");
        slow.Process.Add(new AsyncModule(async inputs => { await pagesWritten.Task; return [Document.Empty.With("from", "slow")]; }));
        var pages = new Pipeline("Pages");
        pages.Process.Add(new ExecuteModule((_, _) => [Document.Empty.With("from", "pages")]));
        pages.Output.Add(new ExecuteModule((inputs, _) => { pagesWritten.TrySetResult(); return inputs; }));

        var outputs = await new Engine().Add(slow).Add(pages).RunAsync().WaitAsync(s_hang);

        Assert.Equal("slow", outputs["Slow"].Single().Get<string>("from"));
        Assert.Equal("pages", outputs["Pages"].Single().Get<string>("from"));
    }

    [Fact]
    public async Task A_post_process_module_still_sees_every_pipeline_processed_and_its_output_follows()
    {
        var slowDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new Pipeline("Slow");
        slow.Process.Add(new AsyncModule(async inputs => { await Task.Yield(); slowDone.SetResult(); return [Document.Empty.With("from", "slow")]; }));
        var sitemap = new Pipeline("Sitemap");
        var seen = new List<string>();
        var outputAfterSlow = false;
        sitemap.PostProcess.Add(new ExecuteModule((_, context) =>
        {
            seen.AddRange(context.AllOutputs().SelectMany(p => p.Value).Select(d => d.Get<string>("from")!));
            return [];
        }));
        sitemap.Output.Add(new ExecuteModule((inputs, _) => { outputAfterSlow = slowDone.Task.IsCompleted; return inputs; }));

        await new Engine().Add(slow).Add(sitemap).RunAsync().WaitAsync(s_hang);

        Assert.Equal(["slow"], seen);
        Assert.True(outputAfterSlow);
    }

    [Fact]
    public async Task An_output_phase_that_did_not_wait_for_every_pipeline_may_read_only_its_dependencies()
    {
        var content = new Pipeline("Content");
        content.Process.Add(new ExecuteModule((_, _) => [Document.Empty.With("from", "content")]));
        var other = new Pipeline("Other");
        other.Process.Add(new ExecuteModule((_, _) => [Document.Empty.With("from", "other")]));
        var pages = new Pipeline("Pages").DependsOn("Content");
        string? read = null;
        Exception? refused = null;
        pages.Output.Add(new ExecuteModule((inputs, context) =>
        {
            read = context.OutputsOf("Content").Single().Get<string>("from");
            refused = Record.Exception(() => context.OutputsOf("Other"));
            return inputs;
        }));

        await new Engine().Add(content).Add(other).Add(pages).RunAsync().WaitAsync(s_hang);

        Assert.Equal("content", read);
        Assert.IsType<InvalidOperationException>(refused);
        Assert.Contains("'Other'", refused.Message, StringComparison.Ordinal);
    }

    private sealed class AsyncModule(Func<ImmutableArray<Document>, Task<ImmutableArray<Document>>> execute) : IModule
    {
        public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context) => execute(inputs);
    }
}
