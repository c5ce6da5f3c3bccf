using System.Collections.Immutable;
using System.Xml;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>A sitemap of every page any pipeline produced; runs in post-process, when all pages are known.</summary>
public sealed class GenerateSitemap : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var site = context.Get<SiteRenderer>();
        var paths = context.AllOutputs().Values
            .SelectMany(docs => docs)
            .Select(d => d.Metadata.TryGetValue(SiteRenderer.SitemapEntry, out var p) ? p as string : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        using var text = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, NewLineChars = "\n" }))
        {
            const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
            xml.WriteStartElement("urlset", ns);
            foreach (var path in paths)
            {
                xml.WriteStartElement("url", ns);
                xml.WriteElementString("loc", ns, site.Urls.Absolute(path));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return Task.FromResult(ImmutableArray.Create(new Document { Destination = "sitemap.xml", Content = text.ToString() + "\n" }));
    }
}
