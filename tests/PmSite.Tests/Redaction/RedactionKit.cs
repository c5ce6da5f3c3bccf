using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;
using PmSite.Redaction;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Redaction;

/// <summary>
/// The knowledge base the redaction specs run against: the redaction block of PRODUCT.md's example, a public
/// post-mortem by alice.chen reviewed by bob.okafor, and INC-9, an internal one that is withheld.
/// </summary>
internal static class RedactionKit
{
    public static readonly RedactionSettings Settings = new()
    {
        People = ["Marta Kowalczyk", "Priya Raman"],
        Customers = ["Globex Corporation", "Brightwater Outfitters", "Initech"],
        Systems = ["Bluebird", "pg-prod-07"],
        InternalDomains = ["corp.acme.internal"],
        TicketPrefixes = ["PAY", "PROJ"],
        Terms = new Dictionary<string, string> { ["Project Bluebird"] = "a database migration project" },
        Keep = ["PostgreSQL", "Kubernetes", "Redis"],
    };

    private static readonly Lazy<RedactionCatalog> s_catalog = new(() =>
    {
        var settings = new SiteSettings { Redaction = Settings };
        var diagnostics = new DiagnosticBag();
        var published = PostMortemParser.Parse("post-mortems/2025/INC-1.md",
            SiteFixture.PostMortem("INC-1", extra: "authors: [alice.chen]\nreviewers: [bob.okafor]\nvisibility: public"), settings, diagnostics)!;
        var withheld = PostMortemParser.Parse("post-mortems/2024/INC-9-ledger-drift.md",
            SiteFixture.PostMortem("INC-9", title: "Ledger drift between the billing and payout databases"), settings, diagnostics)!;
        return new RedactionCatalog(Settings, [published, withheld], [withheld]);
    });

    public static RedactionCatalog Catalog => s_catalog.Value;

    /// <summary>A fresh redactor: pseudonyms start again at "Engineer 1" and "Customer A".</summary>
    public static Redactor Redactor() => new(Catalog, new ScopeReport("INC-1", "post-mortem"));

    /// <summary>Redacts Markdown as the body of post-mortems/2025/INC-1.md.</summary>
    public static string Markdown(string text) => Redactor().Markdown(text, "post-mortems/2025");

    public static string Plain(string text) => Redactor().Plain(text);
}
