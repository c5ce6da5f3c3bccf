namespace PmSite.Rendering;

/// <summary>
/// The page a worker thread is rendering: text encoded to UTF-8 as it is written, into bytes kept from page to page,
/// so that rendering a page allocates no buffers of its own, and written to the file with one call. A page larger than
/// the bytes (a facet index, the action-item list) is written out each time they fill up, rather than held whole.
/// </summary>
internal sealed class PageText : TextWriter
{
    // Below the large-object heap's 85,000 bytes: a buffer grown there for a large page was the kind of allocation whose
    // every few megabytes cost a full, blocking collection of the whole heap.
    private const int Bytes = 64 * 1024;
    private static readonly System.Text.UTF8Encoding s_utf8 = new(false);

    [ThreadStatic]
    private static PageText? t_kept;

    private readonly System.Text.Encoder _encoder = s_utf8.GetEncoder();
    private byte[] _bytes = new byte[Bytes];
    private int _length;
    private Stream? _output;

    private PageText()
        : base(System.Globalization.CultureInfo.InvariantCulture)
    {
    }

    public override System.Text.Encoding Encoding => s_utf8;

    /// <summary>
    /// The thread's kept page text, or a new one while it is in use (a page rendered inside another), for a page to be
    /// written to <paramref name="output"/>.
    /// </summary>
    public static PageText Rent(Stream output)
    {
        var text = t_kept ?? new PageText();
        t_kept = null;
        text._output = output;
        return text;
    }

    public static void Return(PageText text)
    {
        text._length = 0;
        text._output = null;
        text._encoder.Reset();
        if (text._bytes.Length == Bytes)
        {
            t_kept = text;
        }
    }

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> chars)
    {
        var needed = _length + s_utf8.GetMaxByteCount(chars.Length);
        if (needed > _bytes.Length && _output is not null)
        {
            _output.Write(_bytes, 0, _length);
            needed -= _length;
            _length = 0;
        }

        if (needed > _bytes.Length)
        {
            // One piece of text larger than the bytes, or no output yet: rare, and not kept after the page.
            Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
        }

        _length += _encoder.GetBytes(chars, _bytes.AsSpan(_length), flush: false);
    }

    // Fluid writes through the asynchronous methods; the page is in memory, so they complete at once.
    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task FlushAsync() => Task.CompletedTask;

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes the rest of the page's bytes to its output.</summary>
    public void Finish()
    {
        Write(ReadOnlySpan<char>.Empty);
        _length += _encoder.GetBytes([], _bytes.AsSpan(_length), flush: true);
        _output!.Write(_bytes, 0, _length);
        _length = 0;
    }
}
