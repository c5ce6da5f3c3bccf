using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PmSite.Redaction;

/// <summary>A sensitive value found in the output: where (line 0 for a file name), which class, and the value masked.</summary>
public sealed record Leak(string File, int Line, int Column, RedactionClass Class, string Masked, string Where)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Class.Name()} value '{Masked}' in {Where}";
}

/// <summary>
/// Proves a public edition leaks nothing: scans every output file — HTML text and attribute values (parsed with
/// AngleSharp, so entities are decoded), JSON strings, XML text and attributes, scripts, style sheets, any other
/// file's bytes, the text of compressed files, office documents and UTF-16/32 text (see <see cref="AttachmentText"/>), and
/// every file name — for every value that was redacted (as written, lower-cased where case does not
/// matter, HTML-entity-encoded, URL-encoded and as a slug) and reruns the generic detectors (addresses, emails,
/// tickets, secrets, card and account numbers, money). A finding never prints the value in full.
/// </summary>
public sealed partial class LeakVerifier
{
    private static readonly HtmlParser s_html = new(new HtmlParserOptions { IsKeepingSourceReferences = true });
    private static readonly HashSet<string> s_codeElements = new(StringComparer.OrdinalIgnoreCase) { "code", "pre", "script", "style", "kbd", "samp" };

    private readonly ValueMatcher? _ignoreCase;
    private readonly ValueMatcher? _exactCase;
    private readonly Dictionary<string, SensitiveValue> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SensitiveValue> _byExact = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<IDetector> _detectors;

    internal LeakVerifier(IEnumerable<SensitiveValue> values, IEnumerable<IDetector> detectors)
    {
        _detectors = detectors.ToList();
        var ignoreCase = new List<string>();
        var exactCase = new List<string>();
        foreach (var value in values)
        {
            foreach (var form in Forms(value))
            {
                if (value.CaseSensitive)
                {
                    if (_byExact.TryAdd(form, value))
                    {
                        exactCase.Add(form);
                    }
                }
                else if (_byKey.TryAdd(KnownValueDetector.Key(form), value))
                {
                    ignoreCase.Add(form);
                }
            }
        }

        ValueCount = values.Count();
        _ignoreCase = KnownValueDetector.Build(ignoreCase, RegexOptions.IgnoreCase);
        _exactCase = KnownValueDetector.Build(exactCase, RegexOptions.None);
    }

    /// <summary>A verifier for the values a public edition redacted and the detectors it redacted with.</summary>
    public static LeakVerifier For(PublicEdition edition) => new(edition.SensitiveValues(), edition.Catalog.GenericDetectors);

    public int ValueCount { get; }

    /// <summary>Every leak in the files under <paramref name="folder"/>, named relative to it; at most one per file, class and value.</summary>
    public IReadOnlyList<Leak> Scan(string folder, out int filesScanned)
    {
        var leaks = new List<Leak>();
        filesScanned = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            filesScanned++;
            ScanFile(Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllBytes(path), leaks);
        }

        return leaks;
    }

    /// <summary>Scans one file's name and content; <paramref name="file"/> is its path relative to the site.</summary>
    internal void ScanFile(string file, byte[] bytes, List<Leak> all)
    {
        var leaks = new Leaks(all);
        var name = new Sink(file, leaks, _ => (0, 0, "the file name"));
        Values(file, name);
        Generic(file, _ => true, name);

        var binary = Array.IndexOf(bytes, (byte)0) >= 0 || !IsUtf8(bytes);
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var position = Positions(text);
        var raw = new Sink(file, leaks, i => { var (line, column) = position(i); return (line, column, "the file's bytes"); });
        Values(text, raw);
        if (binary || AttachmentText.IsEncoded(file, bytes))
        {
            // Compressed, an office document or text in UTF-16/32: read as the public edition read it before publishing it.
            foreach (var part in AttachmentText.Read(file, bytes) ?? [])
            {
                var sink = new Sink(file, leaks, _ => (0, 0, part.Where));
                Values(part.Text, sink);
                if (!part.Markup)
                {
                    Generic(part.Text, _ => true, sink);
                }
            }

            return;
        }

        switch (Path.GetExtension(file).ToLowerInvariant())
        {
            case ".html" or ".htm":
                ScanHtml(file, text, leaks);
                break;
            case ".json" or ".webmanifest":
                ScanJson(file, bytes, text, leaks);
                break;
            case ".xml" or ".svg" or ".atom" or ".rss":
                ScanXml(file, text, leaks);
                break;
            case ".js" or ".mjs" or ".cjs":
                // Code itself ("key = entry.ordinal") is not data: the generic detectors read only its strings and comments.
                Generic(JsStringsAndComments(text), _ => true, raw);
                Values(JsUnescape(text), raw);
                break;
            default:
                Generic(text, _ => true, raw);
                break;
        }
    }

    private void ScanHtml(string file, string text, Leaks leaks)
    {
        var document = s_html.ParseDocument(text);
        var segments = new Segments();
        foreach (var element in document.All)
        {
            var (line, column) = (element.SourceReference?.Position.Line ?? 0, element.SourceReference?.Position.Column ?? 0);
            foreach (var attribute in element.Attributes)
            {
                var where = $"attribute {attribute.Name} of <{element.LocalName}>";
                segments.Add(attribute.Value, line, column, where, code: false);
                if (attribute.Value.Contains('%', StringComparison.Ordinal))
                {
                    segments.Add(UrlDecode(attribute.Value), line, column, where + " (URL-decoded)", code: false);
                }
            }

            var code = s_codeElements.Contains(element.LocalName) || element.Closest("pre, code") is not null;
            foreach (var node in element.ChildNodes.OfType<IText>())
            {
                segments.Add(node.Data, line, column, $"text of <{element.LocalName}>", code);
            }
        }

        Scan(file, segments, leaks);
        if (document.Body is { } body)
        {
            // Text split across elements ("<b>Bright</b>water") is only whole in the page's text as a whole.
            Values(body.TextContent, new Sink(file, leaks, _ => (0, 0, "the page text across elements")));
        }
    }

    private void ScanJson(string file, byte[] bytes, string text, Leaks leaks)
    {
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var position = Positions(Encoding.UTF8.GetString(bytes, start, bytes.Length - start));
        var segments = new Segments();
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    var (line, column) = position(Encoding.UTF8.GetCharCount(bytes, start, (int)reader.TokenStartIndex));
                    segments.Add(reader.GetString() ?? "", line, column,
                        reader.TokenType == JsonTokenType.String ? "a JSON string" : "a JSON property name", code: false);
                }
            }
        }
        catch (JsonException)
        {
            Generic(text, _ => true, new Sink(file, leaks, i => { var (line, column) = position(i); return (line, column, "text"); }));
            return;
        }

        Scan(file, segments, leaks);
    }

    private void ScanXml(string file, string text, Leaks leaks)
    {
        var segments = new Segments();
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            var info = (IXmlLineInfo)reader;
            var element = "";
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Comment or XmlNodeType.SignificantWhitespace)
                {
                    segments.Add(reader.Value, info.LineNumber, info.LinePosition, $"XML text of <{element}>", code: false);
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    element = reader.LocalName;
                    while (reader.MoveToNextAttribute())
                    {
                        var where = $"XML attribute {reader.Name} of <{element}>";
                        segments.Add(reader.Value, info.LineNumber, info.LinePosition, where, code: false);
                        segments.Add(UrlDecode(reader.Value), info.LineNumber, info.LinePosition, where + " (URL-decoded)", code: false);
                    }

                    reader.MoveToElement();
                }
            }
        }
        catch (XmlException)
        {
            var position = Positions(text);
            Generic(text, _ => true, new Sink(file, leaks, i => { var (line, column) = position(i); return (line, column, "text"); }));
            return;
        }

        Scan(file, segments, leaks);
    }

    /// <summary>Values and generic detectors over all the decoded texts of a file at once, each finding placed in its own text.</summary>
    private void Scan(string file, Segments segments, Leaks leaks)
    {
        var text = segments.Text;
        var sink = new Sink(file, leaks, i => { var s = segments.At(i); return (s.Line, s.Column, s.Where); });
        Values(text, sink);
        Generic(text, i => segments.At(i).Code, sink);
    }

    private void Values(string text, Sink sink)
    {
        foreach (var (matcher, lookup, exact) in new[] { (_ignoreCase, _byKey, false), (_exactCase, _byExact, true) })
        {
            if (matcher is null)
            {
                continue;
            }

            foreach (var m in matcher.Matches(text))
            {
                if (lookup.TryGetValue(exact ? m.Value : KnownValueDetector.Key(m.Value), out var value))
                {
                    sink.Add(m.Index, value.Class, value.Text);
                }
            }
        }
    }

    /// <summary>The text with everything but string literals and comments blanked out, so positions stay the same.</summary>
    internal static string JsStringsAndComments(string text)
    {
        var kept = new char[text.Length];
        Array.Fill(kept, ' ');
        foreach (Match m in JsLiteral().Matches(text))
        {
            text.CopyTo(m.Index, kept, m.Index, m.Length);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                kept[i] = '\n';
            }
        }

        return new string(kept);
    }

    [GeneratedRegex(@"'(?:\\.|[^'\\\n])*'|""(?:\\.|[^""\\\n])*""|`(?:\\.|[^`\\])*`|//[^\n]*|/\*[\s\S]*?\*/")]
    private static partial Regex JsLiteral();

    private void Generic(string text, Func<int, bool> isCode, Sink sink)
    {
        var scan = new ScanText(text, isCode, _ => false);
        foreach (var detector in _detectors)
        {
            foreach (var f in detector.Find(scan))
            {
                sink.Add(f.Start, f.Class, f.Value);
            }
        }
    }

    /// <summary>The forms a value can take in output: as written, HTML-entity-encoded, URL-encoded, and as a slug.</summary>
    private static IEnumerable<string> Forms(SensitiveValue value)
    {
        var text = value.Text;
        var forms = new HashSet<string>(StringComparer.Ordinal)
        {
            text,
            WebUtility.HtmlEncode(text),
            HtmlEncoder.Default.Encode(text),
            Uri.EscapeDataString(text),
            WebUtility.UrlEncode(text),
        };
        if (!value.CaseSensitive)
        {
            var slug = Slug.Of(text);
            if (slug != "untitled" && (slug.Length >= 6 || (slug.Length >= 4 && slug.Any(char.IsLetter))))
            {
                forms.Add(slug);
            }
        }

        return forms.Where(f => f.Trim().Length > 0);
    }

    /// <summary>Never the value in full: its first two characters and a star for each other (at most ten).</summary>
    public static string Mask(string value)
    {
        var v = value.ReplaceLineEndings(" ");
        return v.Length <= 2 ? new string('*', v.Length) : v[..2] + new string('*', Math.Min(v.Length - 2, 10));
    }

    private static string UrlDecode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    private static string JsUnescape(string text) =>
        Regex.Replace(text, @"\\u([0-9A-Fa-f]{4})|\\x([0-9A-Fa-f]{2})|\\(/)", m =>
            m.Groups[3].Success ? "/" : ((char)Convert.ToInt32(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, 16)).ToString());

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Line and column (1-based) of a position of a text.</summary>
    private static Func<int, (int, int)> Positions(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return index =>
        {
            var line = starts.BinarySearch(index);
            line = line >= 0 ? line : ~line - 1;
            return (line + 1, index - starts[line] + 1);
        };
    }

    /// <summary>The leaks of one file: one per class and value, at the first place found (the raw scan, which knows the exact column).</summary>
    private sealed class Leaks(List<Leak> all)
    {
        private readonly HashSet<(RedactionClass, string)> _seen = [];

        public void Add(Leak leak, string value)
        {
            if (_seen.Add((leak.Class, value.ToLowerInvariant())))
            {
                all.Add(leak);
            }
        }
    }

    /// <summary>Where the leaks of one text go, with the way to turn a position of it into a line, a column and a place.</summary>
    private sealed class Sink(string file, Leaks leaks, Func<int, (int Line, int Column, string Where)> position)
    {
        public void Add(int index, RedactionClass kind, string value)
        {
            var (line, column, where) = position(index);
            leaks.Add(new Leak(file, line, column, kind, Mask(value), where), value);
        }
    }

    /// <summary>
    /// The decoded texts of one file (text nodes, attribute values, JSON strings) joined by blank lines, so that the
    /// detectors run once per file, and where each came from. A blank line stops every pattern but a name's.
    /// </summary>
    private sealed class Segments
    {
        private readonly StringBuilder _text = new();
        private readonly List<int> _starts = [];
        private readonly List<(int Line, int Column, string Where, bool Code)> _places = [];

        public string Text => _text.ToString();

        public void Add(string value, int line, int column, string where, bool code)
        {
            if (value.Length == 0)
            {
                return;
            }

            _starts.Add(_text.Length);
            _places.Add((line, column, where, code));
            _text.Append(value).Append("\n\n");
        }

        public (int Line, int Column, string Where, bool Code) At(int index)
        {
            var i = _starts.BinarySearch(index);
            return _places[i >= 0 ? i : Math.Max(0, ~i - 1)];
        }
    }
}
