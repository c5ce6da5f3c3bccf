using PmSite.Diagnostics;
using PmSite.Parsing;

namespace PmSite.Tests.Parsing;

/// <summary>
/// Simple front matter is read without YamlDotNet: whatever the fast reader accepts it must read exactly as YamlDotNet
/// does, and whatever it cannot be sure of it must leave to YamlDotNet.
/// </summary>
public sealed class SimpleFrontMatterTests
{
    [Theory]
    [InlineData("id: INC-1\ntitle: Payment API outage\ndate: 2025-11-10")]
    [InlineData("tags: [database, connection-pool]\nservices: []\nauthors: [alice.chen, bob]")]
    [InlineData("summary: The API was down, then up again; users saw 5xx.\nnear_miss: false")]
    [InlineData("detected: 2025-11-10T10:30:00Z\nurl: https://x.example/a?b=c")]
    [InlineData("title:   spaced   words   \n\n   \nstatus: Published")]
    [InlineData("title: it's \"quoted\" inside")]
    [InlineData("title: 50% of users & more | less > some * many ! @ `")]
    [InlineData("related: [INC-1,INC-2 ,  PM2019-009]")]
    [InlineData("title: a:b c, d?e - f")]
    [InlineData("near-miss: no\nx_y: ~")]
    public void Simple_front_matter_is_read_as_YamlDotNet_reads_it(string yaml)
    {
        var fast = SimpleFrontMatter.TryRead(yaml);

        Assert.NotNull(fast);
        Assert.Equal(Describe(YamlDotNetFields(yaml)), Describe(fast));
    }

    [Theory]
    [InlineData("title: 'quoted'")]
    [InlineData("title: \"quoted\"")]
    [InlineData("title: a # comment")]
    [InlineData("# comment\ntitle: a")]
    [InlineData("title: a: b")]
    [InlineData("title: a:")]
    [InlineData("title:value")]
    [InlineData("title:")]
    [InlineData("tags:\n  - a\n  - b")]
    [InlineData("title: first\n  continued")]
    [InlineData("tags: [a, [b]]")]
    [InlineData("tags: [a, ]")]
    [InlineData("tags: [a: b]")]
    [InlineData("tags: [a] b")]
    [InlineData("title: {a: b}")]
    [InlineData("title: &anchor v")]
    [InlineData("title: *alias")]
    [InlineData("title: - x")]
    [InlineData("title: |")]
    [InlineData("title:\tx")]
    [InlineData("title: café")]
    [InlineData("incident id: INC-1")]
    [InlineData("id: 1\nID: 2")]
    [InlineData("")]
    public void Anything_else_is_left_to_YamlDotNet(string yaml)
    {
        Assert.Null(SimpleFrontMatter.TryRead(yaml));
    }

    private static Dictionary<string, RawField> YamlDotNetFields(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        var fields = MetadataBlock.ReadYaml("x.md", yaml, diagnostics);
        Assert.Empty(diagnostics.Sorted());
        return Assert.IsType<Dictionary<string, RawField>>(fields);
    }

    private static string[] Describe(Dictionary<string, RawField> fields) =>
        fields.Values.Select(f => $"{f.Line} {f.Key}=[{f.Value}] ({(f.Items is null ? "-" : string.Join("|", f.Items))})").ToArray();
}
