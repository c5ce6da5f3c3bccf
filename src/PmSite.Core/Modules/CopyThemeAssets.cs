using System.Collections.Immutable;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>Copies the theme's <c>assets/</c> folder (styles, scripts, icons) to <c>/assets/</c>.</summary>
public sealed class CopyThemeAssets : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var theme = context.Get<SiteRenderer>().Theme;
        if (!Directory.Exists(theme.AssetsFolder))
        {
            return Task.FromResult(ImmutableArray<Document>.Empty);
        }

        return Task.FromResult(Directory.EnumerateFiles(theme.AssetsFolder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new Document
            {
                Destination = "assets/" + Path.GetRelativePath(theme.AssetsFolder, path).Replace('\\', '/'),
                CopyFrom = path,
            })
            .ToImmutableArray());
    }
}
