using AngleSharp.Html.Parser;
using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Related;

/// <summary>
/// A knowledge base written in clusters — connection leaks in three services told in different words,
/// certificate expiries, disks filling up — plus unrelated incidents. Each cluster must find itself.
/// </summary>
public sealed class RelatedIncidentsTests : IAsyncLifetime
{
    private static readonly string[] s_leaks = ["LEAK-1", "LEAK-2", "LEAK-3"];
    private static readonly string[] s_certs = ["CERT-1", "CERT-2", "CERT-3"];
    private static readonly string[] s_disks = ["DISK-1", "DISK-2", "DISK-3"];
    private static readonly string[] s_unrelated = ["DNS-1", "CONF-1", "RATE-1"];

    private readonly TempFolder _temp = new();
    private PmSite.Building.BuildResult _result = null!;

    private string Output => _temp.Combine("site");

    public async Task InitializeAsync()
    {
        Write("LEAK-1", "Checkout API connection pool exhausted by leaked connections", "checkout-api", "database, connection-pool",
            "The checkout API leaked database connections on an error path; the connection pool was exhausted and requests timed out.",
            "A new validation path borrowed a connection and never returned it to the pool when validation failed. Each leaked connection stayed open until the pool was empty.");
        Write("LEAK-2", "Payment worker starved of database connections", "payment-worker", "database, connection-pool",
            "Payment worker threads waited forever for a database connection because connections were never returned to the pool.",
            "An exception in the settlement job skipped the close call, so connections leaked and the pool ran dry under load.");
        Write("LEAK-3", "Inventory service hung waiting on its connection pool", "inventory-service", "database, connection-pool",
            "Inventory lookups hung when the service's connection pool had no free connections left after a leak in the batch importer.",
            "The batch importer opened connections in a loop and leaked one per failed row; the pool was exhausted within an hour.");
        Write("CERT-1", "Storefront TLS certificate expired", "cdn-edge", "tls, certificates",
            "Browsers refused the storefront because its TLS certificate expired; renewal had silently failed.",
            "The certificate renewal job failed for weeks without an alert, so the certificate expired at midnight.",
            related: "related: [CERT-2]");
        Write("CERT-2", "Expired mTLS certificate broke the payment worker's link to Kafka", "payment-worker", "tls, certificates",
            "The payment worker could not connect to Kafka after its client TLS certificate expired.",
            "The client certificate was issued by hand with a one-year validity and no renewal or expiry monitoring; it expired unnoticed.");
        Write("CERT-3", "Internal API gateway certificate expiry", "api-gateway", "tls, certificates",
            "Internal calls through the API gateway failed TLS handshakes once its certificate expired.",
            "The gateway certificate was outside the automated renewal system, and no monitoring warned before the expiry date.");
        Write("DISK-1", "Order database disk full from write-ahead log growth", "order-db", "disk-full, storage",
            "The order database stopped accepting writes when its disk filled with write-ahead log segments.",
            "An abandoned replication slot kept every log segment, and the disk filled up without an alert on free space.");
        Write("DISK-2", "Kafka broker disk filled up", "kafka-cluster", "disk-full, storage",
            "A Kafka broker went offline when its data disk filled up with retained log segments.",
            "A topic was created with unlimited retention, so segments were never deleted and the disk filled.");
        Write("DISK-3", "Log volume full on the search cluster", "search-service", "disk-full, storage",
            "Search nodes crashed after the log volume filled up and the disk had no free space left.",
            "Debug logging stayed on after an investigation; log files filled the disk because rotation only kept size limits per file.");
        Write("DNS-1", "Slow DNS resolution inside the cluster", "search-service", "dns",
            "Search requests were slow because in-cluster name lookups took seconds; see LEAK-1 for the earlier checkout outage.",
            "The resolver's ndots setting made every lookup try five search domains before the real name.",
            related: "related: [NOPE-404]");
        Write("CONF-1", "Tax endpoint pointed at staging by a config push", "checkout-api", "config",
            "A runtime configuration push pointed checkout at the staging tax service.",
            "The configuration schema allowed any URL, and the push skipped review under time pressure.");
        Write("RATE-1", "Login rate limiter shared buckets between users", "auth-service", "rate-limiting",
            "Users were locked out because the login rate limiter keyed buckets by the proxy's address.",
            "After a proxy migration every request carried the same source address, so all users shared one bucket.");

        _result = await SiteFixture.BuildAsync(_temp.Combine("kb"), Output);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void The_build_succeeds_and_warns_about_the_dangling_related_id_at_its_line()
    {
        Assert.True(_result.Succeeded, string.Join("\n", _result.Diagnostics));
        var warning = Assert.Single(_result.Diagnostics, d => d.Code == "dangling-related");
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Equal("post-mortems/dns-1.md", warning.File);
        Assert.Equal(9, warning.Line);
        Assert.Contains("NOPE-404", warning.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> Clusters => new() { s_leaks, s_certs, s_disks };

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Cluster_members_list_each_other_and_no_unrelated_incident(string[] cluster)
    {
        foreach (var id in cluster)
        {
            var related = Related(id);
            foreach (var other in cluster.Where(o => o != id))
            {
                Assert.True(related.ContainsKey(other), $"{id} should list {other}; it lists {string.Join(", ", related.Keys)}");
            }

            // Unrelated incidents may link here by mention, but are never found similar.
            Assert.DoesNotContain(related, r => s_unrelated.Contains(r.Key) && r.Value.Any(reason => reason.StartsWith("similar", StringComparison.Ordinal)));
            Assert.DoesNotContain(id, related.Keys);
            Assert.True(related.Count <= cluster.Length - 1 + 5);
        }
    }

    [Fact]
    public void Each_link_says_why()
    {
        var leak = Related("LEAK-1");
        Assert.Contains(leak["LEAK-2"], r => r.StartsWith("similar: ", StringComparison.Ordinal) && (r.Contains("pool", StringComparison.Ordinal) || r.Contains("connection", StringComparison.Ordinal)));
        Assert.Contains("shared tags: database, connection-pool", leak["LEAK-2"]);

        var certs = Related("CERT-1");
        Assert.Contains("linked by author", certs["CERT-2"]);
        Assert.Contains("links here", Related("CERT-2")["CERT-1"]);
        Assert.Contains("shared tags: tls, certificates", certs["CERT-3"]);

        var disk = Related("DISK-3");
        Assert.Contains("shared service: search-service", Related("DNS-1").GetValueOrDefault("DISK-3") ?? ["shared service: search-service"]);
        Assert.Contains("shared tags: disk-full, storage", disk["DISK-1"]);

        // A mention of an id in the text is a backlink, and the mention becomes a link.
        Assert.Contains("links here", Related("LEAK-1")["DNS-1"]);
        var dns = Page("DNS-1");
        var mention = dns.QuerySelector("a.incident-mention[data-incident-id='LEAK-1']");
        Assert.NotNull(mention);
        Assert.Equal("/incidents/leak-1/", mention.GetAttribute("href"));
    }

    [Fact]
    public void Recurring_themes_group_each_cluster_of_three()
    {
        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(Output, "recurring", "index.html")));
        var themes = page.QuerySelectorAll("section.theme")
            .Select(s => s.QuerySelectorAll("article[data-incident-id]").Select(a => a.GetAttribute("data-incident-id")!).Order().ToArray())
            .ToList();

        Assert.Equal(3, themes.Count);
        Assert.Contains(s_leaks, themes);
        Assert.Contains(s_certs, themes);
        Assert.Contains(s_disks, themes);
        Assert.NotNull(Page("CERT-2").QuerySelector("a.badge.recurring"));
        Assert.Null(Page("RATE-1").QuerySelector("a.badge.recurring"));
    }

    private AngleSharp.Html.Dom.IHtmlDocument Page(string id) =>
        new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(Output, "incidents", id.ToLowerInvariant(), "index.html")));

    /// <summary>The related block of a page: id → reasons, in page order.</summary>
    private Dictionary<string, List<string>> Related(string id)
    {
        var block = Page(id).GetElementById("related-incidents");
        Assert.NotNull(block);
        return block.QuerySelectorAll("a[data-incident-id]").ToDictionary(
            a => a.GetAttribute("data-incident-id")!,
            a => a.ParentElement!.QuerySelectorAll(".reasons li").Select(li => li.TextContent).ToList());
    }

    private void Write(string id, string title, string service, string tags, string summary, string rootCause, string related = "")
    {
        var extra = $"services: [{service}]\ntags: [{tags}]\n{(related.Length > 0 ? related + "\n" : "")}";
        var body = $"\n## Executive Summary\n\n{summary}\n\n## Root Cause\n\n{rootCause}\n";
        _temp.Write($"kb/post-mortems/{id.ToLowerInvariant()}.md", SiteFixture.PostMortem(id, title: title, extra: extra, body: body));
    }
}
