using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>
/// An Atom feed of the 50 newest post-mortems. Its dates come from the content, never from the clock,
/// so the same input gives the same feed.
/// </summary>
public sealed class GenerateFeed : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var knowledgeBase = BuildKnowledgeBase.From(context);
        var site = context.Get<SiteRenderer>();
        var entries = knowledgeBase.PostMortems.Where(p => p.Date is not null).Take(50).ToList();
        static string Stamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

        using var text = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, NewLineChars = "\n" }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartElement("feed", atom);
            xml.WriteElementString("title", atom, site.Settings.Title);
            xml.WriteElementString("subtitle", atom, site.Settings.Description);
            xml.WriteElementString("id", atom, site.Urls.BaseUrl);
            xml.WriteStartElement("link", atom);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("href", site.Urls.Absolute("feed.xml"));
            xml.WriteEndElement();
            xml.WriteStartElement("link", atom);
            xml.WriteAttributeString("href", site.Urls.BaseUrl);
            xml.WriteEndElement();
            xml.WriteElementString("updated", atom, entries.Count > 0 ? Stamp(entries.Max(e => e.Published ?? e.Date!.Value)) : "1970-01-01T00:00:00Z");
            xml.WriteElementString("generator", atom, "PmSite");
            foreach (var p in entries)
            {
                xml.WriteStartElement("entry", atom);
                xml.WriteElementString("title", atom, $"{p.Id}: {p.Title}");
                xml.WriteElementString("id", atom, site.Urls.Absolute(SiteUrls.IncidentPath(p.Id)));
                xml.WriteStartElement("link", atom);
                xml.WriteAttributeString("href", site.Urls.Absolute(SiteUrls.IncidentPath(p.Id)));
                xml.WriteEndElement();
                xml.WriteElementString("published", atom, Stamp(p.Date!.Value));
                xml.WriteElementString("updated", atom, Stamp(p.Published ?? p.Date!.Value));
                foreach (var author in p.Authors)
                {
                    xml.WriteStartElement("author", atom);
                    xml.WriteElementString("name", atom, author);
                    xml.WriteEndElement();
                }

                if (p.Authors.Count == 0)
                {
                    xml.WriteStartElement("author", atom);
                    xml.WriteElementString("name", atom, site.Settings.Title);
                    xml.WriteEndElement();
                }

                foreach (var tag in p.Tags)
                {
                    xml.WriteStartElement("category", atom);
                    xml.WriteAttributeString("term", tag);
                    xml.WriteEndElement();
                }

                if (p.Summary is { } summary)
                {
                    xml.WriteElementString("summary", atom, summary);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return Task.FromResult(ImmutableArray.Create(new Document { Destination = "feed.xml", Content = text.ToString() + "\n" }));
    }
}

/// <summary>A StringWriter that declares UTF-8, so XML declarations say what the file is.</summary>
internal sealed class Utf8StringWriter : StringWriter
{
    public Utf8StringWriter() : base(CultureInfo.InvariantCulture)
    {
    }

    public override System.Text.Encoding Encoding => new System.Text.UTF8Encoding(false);
}
