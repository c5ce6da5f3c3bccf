using System.IO.Compression;
using System.Text;
using System.Xml;

namespace PmSite.Redaction;

/// <summary>One text read out of a file, and where in the file it was ("decoded from UTF-16", "part xl/sharedStrings.xml").</summary>
internal sealed record AttachmentPart(string Where, string Text, bool Markup);

/// <summary>
/// The text the leak verifier can read in a file a post-mortem links to: UTF-8 text; UTF-16 and UTF-32 text marked by
/// their byte-order mark; gzip, decompressed; and zip-based office documents (docx, xlsx, pptx, odt, ods, odp), every part
/// of which must be readable, their XML both as written and as the text a reader sees. Anything else binary (images,
/// archives, captures, PDFs) is unreadable: null, and the public edition does not publish it, since what it holds cannot
/// be checked.
/// </summary>
internal static class AttachmentText
{
    /// <summary>The most bytes read out of one file, decompressed parts included; a larger one is unreadable.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    private const int MaxDepth = 4;

    private static readonly HashSet<string> s_office = new(StringComparer.OrdinalIgnoreCase)
    {
        ".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".pptm", ".odt", ".ods", ".odp",
    };

    /// <summary>Whether the file at <paramref name="path"/> can be read, and so checked; false for a file too large to read.</summary>
    public static bool CanRead(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Length <= MaxBytes && Read(path, File.ReadAllBytes(path)) is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The texts of a file named <paramref name="name"/>; null when any of it cannot be read.</summary>
    public static IReadOnlyList<AttachmentPart>? Read(string name, byte[] bytes)
    {
        var parts = new List<AttachmentPart>();
        var budget = (long)MaxBytes;
        return Read(name, bytes, "", 0, ref budget, parts) ? parts : null;
    }

    /// <summary>Whether a file of this name and content is one <see cref="LeakVerifier"/> reads through this class rather than as it is.</summary>
    public static bool IsEncoded(string name, byte[] bytes) =>
        IsGzip(bytes) || (IsZip(bytes) && s_office.Contains(Path.GetExtension(name))) || Bom(bytes) is ({ } encoding, _) && encoding is not UTF8Encoding;

    private static bool Read(string name, byte[] bytes, string where, int depth, ref long budget, List<AttachmentPart> parts)
    {
        budget -= bytes.Length;
        if (budget < 0 || depth > MaxDepth)
        {
            return false;
        }

        if (IsGzip(bytes))
        {
            var inner = Gunzip(bytes, budget);
            return inner is not null && Read(name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name, inner,
                Join(where, "decompressed"), depth + 1, ref budget, parts);
        }

        if (IsZip(bytes))
        {
            return s_office.Contains(Path.GetExtension(name)) && ReadOffice(bytes, where, depth, ref budget, parts);
        }

        if (Decode(bytes) is not { } text)
        {
            return false;
        }

        var markup = name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
        parts.Add(new AttachmentPart(where.Length == 0 ? "the file's text" : where, text, markup));
        if (markup && XmlText(text) is { } shown)
        {
            // A word processor splits a name across runs ("<w:t>Globex</w:t>…<w:t> Corporation</w:t>"): read as shown.
            parts.Add(new AttachmentPart(Join(where, "its text"), shown, Markup: false));
        }

        return true;
    }

    private static bool ReadOffice(byte[] bytes, string where, int depth, ref long budget, List<AttachmentPart> parts)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                if (entry.Length > budget)
                {
                    return false;
                }

                using var stream = entry.Open();
                var part = ReadAll(stream, budget);
                if (part is null || !Read(entry.FullName, part, Join(where, "part " + entry.FullName), depth + 1, ref budget, parts))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Text by its byte-order mark (UTF-8, UTF-16 or UTF-32, either order), else UTF-8 without NUL bytes; null for anything else.</summary>
    private static string? Decode(byte[] bytes)
    {
        var (encoding, skip) = Bom(bytes) ?? (new UTF8Encoding(false, true), 0);
        try
        {
            var text = encoding.GetString(bytes, skip, bytes.Length - skip);
            return encoding is UTF8Encoding && text.Contains('\0', StringComparison.Ordinal) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static (Encoding Encoding, int Skip)? Bom(byte[] bytes) => bytes switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(false, false, true), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(true, false, true), 4),
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false, true), 3),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false, true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false, true), 2),
        _ => null,
    };

    private static bool IsGzip(byte[] bytes) => bytes is [0x1F, 0x8B, ..];

    private static bool IsZip(byte[] bytes) => bytes is [0x50, 0x4B, 0x03, 0x04, ..] or [0x50, 0x4B, 0x05, 0x06, ..];

    private static byte[]? Gunzip(byte[] bytes, long budget)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            return ReadAll(gzip, budget);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null;
        }
    }

    /// <summary>A stream's bytes, or null past <paramref name="budget"/> (a decompression bomb is not read to its end).</summary>
    private static byte[]? ReadAll(Stream stream, long budget)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > budget)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The text nodes of an XML document, one after another; null when it is not well-formed.</summary>
    private static string? XmlText(string xml)
    {
        var sb = new StringBuilder();
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    sb.Append(reader.Value);
                }
            }
        }
        catch (XmlException)
        {
            return null;
        }

        return sb.ToString();
    }

    private static string Join(string where, string part) => where.Length == 0 ? part : where + ", " + part;
}
