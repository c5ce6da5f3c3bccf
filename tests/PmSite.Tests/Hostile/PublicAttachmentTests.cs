using System.IO.Compression;
using System.Text;
using PmSite.Building;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// In the public edition an attachment is published only if the leak verifier can read it: text in any Unicode
/// encoding, gzip and zip-based office files are read and scanned; anything else binary is withheld with a warning.
/// </summary>
public sealed class PublicAttachmentTests
{
    private const string Settings = """
        title: Library
        base_url: https://incidents.example.com/
        redaction:
          customers: [Globex Corporation]
        """;

    private const string Customer = "Globex Corporation";

    private static string PostMortem(string links) => SiteFixture.PostMortem("INC-1", title: "Checkout errors",
        extra: "visibility: public", body: $"\n## Summary\n\nThe checkout failed.\n\n{links}\n");

    private static Task<BuildResult> BuildPublicAsync(string input, string output) => SiteBuild.RunAsync(new BuildOptions
    {
        InputFolder = input,
        OutputFolder = output,
        ThemeFolder = Repo.Theme,
        Now = SiteFixture.Now,
        Public = true,
    });

    private static byte[] Gzip(byte[] bytes)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return stream.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return stream.ToArray();
    }

    private static byte[] Xlsx(string cell) => Zip(
        ("[Content_Types].xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")),
        ("xl/sharedStrings.xml", Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>{cell}</t></si></sst>")));

    public static TheoryData<string, byte[]> HiddenValues => new()
    {
        { "log.txt.gz", Gzip(Encoding.UTF8.GetBytes($"10:30 request from {Customer} failed\n")) },
        { "notes.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"Call with {Customer} at noon\n")] },
        { "notes-be.txt", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes($"Call with {Customer}\n")] },
        { "notes32.txt", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes($"Call with {Customer}\n")] },
        { "losses.xlsx", Xlsx(Customer) },
        { "nested.csv.gz", Gzip(Gzip(Encoding.UTF8.GetBytes($"{Customer},1\n"))) },
    };

    [Theory]
    [MemberData(nameof(HiddenValues))]
    public async Task A_redacted_value_inside_an_encoded_or_compressed_attachment_fails_the_build(string name, byte[] bytes)
    {
        using var temp = new TempFolder();
        temp.Write("input/pmsite.yml", Settings);
        temp.Write("input/post-mortems/INC-1.md", PostMortem($"The [attachment]({name}) has the details."));
        temp.WriteBytes("input/post-mortems/" + name, bytes);
        var output = temp.Combine("site");

        var result = await BuildPublicAsync(temp.Combine("input"), output);

        Assert.False(result.Succeeded, "the build published " + name);
        Assert.Contains(result.Diagnostics, d => d.Code == "leak" && d.File.EndsWith(name, StringComparison.Ordinal));
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("capture.pcap")]
    [InlineData("screenshot.png")]
    [InlineData("report.docx")]
    public async Task An_attachment_the_verifier_cannot_read_is_withheld_with_a_warning_and_its_link_made_inert(string name)
    {
        using var temp = new TempFolder();
        temp.Write("input/pmsite.yml", Settings);
        temp.Write("input/post-mortems/INC-1.md", PostMortem($"The [capture]({name}) has the details."));
        // Bytes no reader understands; the customer's name is stored UTF-16 without a BOM, as many binary formats do.
        var binary = new byte[] { 0x89, 0x00, 0xFF, 0xFE, 0x01, 0x02 }.Concat(Encoding.Unicode.GetBytes(Customer)).Concat(new byte[] { 0x00, 0x9C }).ToArray();
        temp.WriteBytes("input/post-mortems/" + name, binary);
        var output = temp.Combine("site");

        var result = await BuildPublicAsync(temp.Combine("input"), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics, d => d.Code == "attachment-withheld");
        Assert.Equal("post-mortems/INC-1.md", warning.File);
        Assert.Contains(name, warning.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "files", "post-mortems", name)));
        var page = File.ReadAllText(Path.Combine(output, "incidents", "inc-1", "index.html"));
        Assert.Contains("class=\"link-missing\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(name + "\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readable_attachments_without_sensitive_values_are_published()
    {
        using var temp = new TempFolder();
        temp.Write("input/pmsite.yml", Settings);
        temp.Write("input/post-mortems/INC-1.md", PostMortem("See [log](log.txt.gz), [notes](notes.txt), [sheet](sheet.xlsx) and [text](plain.txt)."));
        temp.WriteBytes("input/post-mortems/log.txt.gz", Gzip(Encoding.UTF8.GetBytes("10:30 request failed\n")));
        temp.WriteBytes("input/post-mortems/notes.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Retry storm at noon\n")]);
        temp.WriteBytes("input/post-mortems/sheet.xlsx", Xlsx("Checkout errors"));
        temp.Write("input/post-mortems/plain.txt", "Nothing secret here.\n");
        var output = temp.Combine("site");

        var result = await BuildPublicAsync(temp.Combine("input"), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "attachment-withheld");
        foreach (var name in new[] { "log.txt.gz", "notes.txt", "sheet.xlsx", "plain.txt" })
        {
            Assert.True(File.Exists(Path.Combine(output, "files", "post-mortems", name)), name);
        }
    }

    [Fact]
    public async Task The_internal_edition_copies_every_attachment()
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", PostMortem("The [capture](capture.pcap) has the details."));
        temp.WriteBytes("input/post-mortems/capture.pcap", [0xD4, 0xC3, 0xB2, 0xA1, 0x00, 0x00]);
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(temp.Combine("input"), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.True(File.Exists(Path.Combine(output, "files", "post-mortems", "capture.pcap")));
    }
}
