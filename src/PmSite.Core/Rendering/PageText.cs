namespace PmSite.Rendering;

/// <summary>
/// The page a worker thread is rendering: text encoded to UTF-8 as it is written, into bytes kept from page to page,
/// so that rendering a page allocates no buffers of its own, and written to the file with one call.
/// </summary>
internal sealed class PageText : TextWriter
{
    // Bytes that grew beyond this for one very large page (the action-item list) are let go rather than kept.
    private const int KeptBytes = 4 << 20;
    private static readonly System.Text.UTF8Encoding s_utf8 = new(false);

    [ThreadStatic]
    private static PageText? t_kept;

    private readonly System.Text.Encoder _encoder = s_utf8.GetEncoder();
    private byte[] _bytes = new byte[64 * 1024];
    private int _length;

    private PageText()
        : base(System.Globalization.CultureInfo.InvariantCulture)
    {
    }

    public override System.Text.Encoding Encoding => s_utf8;

    /// <summary>The thread's kept page text, or a new one while it is in use (a page rendered inside another).</summary>
    public static PageText Rent()
    {
        var text = t_kept ?? new PageText();
        t_kept = null;
        return text;
    }

    public static void Return(PageText text)
    {
        text._length = 0;
        text._encoder.Reset();
        if (text._bytes.Length <= KeptBytes)
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
        if (needed > _bytes.Length)
        {
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

    /// <summary>Writes the page's bytes to <paramref name="output"/>.</summary>
    public void WriteTo(Stream output)
    {
        Write(ReadOnlySpan<char>.Empty);
        _length += _encoder.GetBytes([], _bytes.AsSpan(_length), flush: true);
        output.Write(_bytes, 0, _length);
    }
}
