using System.Text;
using PmSite.Redaction;

namespace PmSite.Tests.Redaction;

/// <summary>The verifier on its own: one file at a time, each hiding a value in a different form or place.</summary>
public sealed class LeakVerifierTests
{
    private static readonly LeakVerifier s_verifier = new(
        [
            new SensitiveValue("Globex Corporation", RedactionClass.Customer, false),
            new SensitiveValue("Marta", RedactionClass.Person, true),
            new SensitiveValue("INC-9", RedactionClass.Incident, false),
        ],
        RedactionKit.Catalog.GenericDetectors);

    public static TheoryData<string, string, RedactionClass> Leaks => new()
    {
        { "page.html", "<p>Thanks to Globex Corporation.</p>", RedactionClass.Customer },
        { "page.html", "<p>Globex&#32;Corporation&#x27;s outage</p>", RedactionClass.Customer },
        { "page.html", "<p><b>Glob</b>ex Corporation</p>", RedactionClass.Customer },
        { "page.html", "<a href=\"/customers/Globex%20Corporation/\">x</a>", RedactionClass.Customer },
        { "page.html", "<h2 id=\"impact-on-globex-corporation\">Impact</h2>", RedactionClass.Customer },
        { "page.html", "<meta name=\"author\" content=\"Marta\">", RedactionClass.Person },
        { "page.html", "<p>client 10.20.4.17 failed</p>", RedactionClass.IpAddress },
        { "page.html", "<!-- see INC-9 -->", RedactionClass.Incident },
        { "index.json", "{\"docs\":[{\"t\":\"Glob\\u0065x corporation\"}]}", RedactionClass.Customer },
        { "index.json", "{\"k\":\"AKIAIOSFODNN7EXAMPLE\"}", RedactionClass.Secret },
        { "feed.xml", "<feed><entry><title>GLOBEX CORPORATION</title></entry></feed>", RedactionClass.Customer },
        { "feed.xml", "<feed><link href=\"https://x.example/incidents/inc-9/\"/></feed>", RedactionClass.Incident },
        { "search.js", "const s = \"Glob\\u0065x Corporation\";", RedactionClass.Customer },
        { "assets/site.css", "/* oncall@acme.com */", RedactionClass.Email },
        { "incidents/inc-9/index.html", "<p>nothing</p>", RedactionClass.Incident },
        { "files/globex-corporation.png", "\u0000binary", RedactionClass.Customer },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void A_value_is_found_in_any_form_and_place(string file, string content, RedactionClass kind)
    {
        var leaks = new List<Leak>();

        s_verifier.ScanFile(file, Encoding.UTF8.GetBytes(content), leaks);

        var leak = Assert.Single(leaks);
        Assert.Equal(kind, leak.Class);
        Assert.Equal(file, leak.File);
    }

    [Theory]
    [InlineData("page.html", "<p>Customer A thanked Engineer 1; dev environment; Martina; marta (lower case)</p>")]
    [InlineData("page.html", "<p class=\"sev-rank-0\">99.95% availability, HTTP 503, v1.2.3.4, 2023-08-22 14:02</p>")]
    [InlineData("feed.xml", "<feed><title>INC-1: pool exhausted</title></feed>")]
    public void Ordinary_output_is_clean(string file, string content)
    {
        var leaks = new List<Leak>();

        s_verifier.ScanFile(file, Encoding.UTF8.GetBytes(content), leaks);

        Assert.Empty(leaks);
    }

    [Theory]
    [InlineData("page.html", "<a href=\"/tags/m%C3%BCller-gmbh/\">x</a>")]
    [InlineData("tags/müller-gmbh/index.html", "<p>nothing</p>")]
    public void A_value_outside_ascii_is_found_as_the_slug_of_a_facet_page(string file, string content)
    {
        var verifier = new LeakVerifier([new SensitiveValue("Müller GmbH", RedactionClass.Customer, false)], RedactionKit.Catalog.GenericDetectors);
        var leaks = new List<Leak>();

        verifier.ScanFile(file, Encoding.UTF8.GetBytes(content), leaks);

        Assert.Equal(RedactionClass.Customer, Assert.Single(leaks).Class);
    }

    [Fact]
    public void A_leak_names_file_and_position_and_never_prints_the_value()
    {
        var leaks = new List<Leak>();

        s_verifier.ScanFile("incidents/inc-1/index.html", Encoding.UTF8.GetBytes("<html>\n<body>\n<p>by Globex Corporation</p>"), leaks);

        var leak = Assert.Single(leaks);
        Assert.Equal((3, 7), (leak.Line, leak.Column));
        Assert.Equal("Gl**********", leak.Masked);
        Assert.DoesNotContain("Globex", leak.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
