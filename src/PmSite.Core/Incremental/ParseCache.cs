using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;
using PmSite.Parsing.Pdf;

namespace PmSite.Incremental;

/// <summary>A post-mortem file as read: its content hash, the parse result (null if it had errors), and what parsing reported.</summary>
public sealed record ParsedFile(string SourcePath, string Hash, string SettingsKey, PostMortem? PostMortem, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The text, kept only for a fresh parse (lint needs it); a reused parse reads the file again if it must.</summary>
    public string? Text { get; init; }
}

/// <summary>
/// Parsed post-mortems by file content hash: a file whose bytes (and the settings it was parsed with) are unchanged
/// is not parsed again, and its diagnostics are replayed. Kept in memory, for the rebuilds of <c>pmsite serve</c>.
/// A file whose size and modification time are those it had when it was last read is not even read again, provided it
/// had not been modified for a while when it was read: a write in the same clock tick as the read (which the time
/// would not show) is then impossible, the "racy" case Git guards against the same way.
/// </summary>
public sealed class ParseCache
{
    /// <summary>How old a file must have been when it was read for its size and time to stand for its content later.</summary>
    private static readonly TimeSpan s_settled = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, ParsedFile> _files = new(StringComparer.Ordinal);

    // Size and modification time of each file as read, when they may stand for its content.
    private readonly ConcurrentDictionary<string, (long Length, long Ticks)> _stamps = new(StringComparer.Ordinal);

    /// <summary>Reads and parses one file, or returns the earlier result when nothing it depends on changed.</summary>
    public ParsedFile Read(InputFolder input, string path, SiteSettings settings, string settingsKey)
    {
        var relative = input.Relative(path);
        if (_stamps.TryGetValue(relative, out var known) && _files.TryGetValue(relative, out var same) && same.SettingsKey == settingsKey
            && new FileInfo(path) is { Exists: true } file && known == (file.Length, file.LastWriteTimeUtc.Ticks))
        {
            return same;
        }

        var diagnostics = new DiagnosticBag();
        string hash;
        string? text = null;
        PostMortem? postMortem = null;
        // The bytes are only hashed and decoded: they go through a pooled buffer rather than a new array per file.
        (long, long) stamp;
        bool settled;
        using (var handle = File.OpenHandle(path))
        {
            // Taken before the bytes are read: a write while they are read shows as a later time at the next build.
            stamp = (RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle).Ticks);
            settled = DateTime.UtcNow.Ticks - stamp.Item2 > s_settled.Ticks;
            var buffer = ArrayPool<byte>.Shared.Rent((int)stamp.Item1);
            try
            {
                var bytes = buffer.AsSpan(0, ReadAll(handle, buffer));
                hash = Fingerprint.Of(bytes);
                if (_files.TryGetValue(relative, out var unchanged) && unchanged.Hash == hash && unchanged.SettingsKey == settingsKey)
                {
                    Stamp(relative, stamp, settled);
                    return unchanged;
                }

                // A PDF is read from its bytes, never decoded as text (see PdfPostMortem).
                if (PdfPostMortem.IsPdf(path))
                {
                    postMortem = PdfPostMortem.Read(relative, buffer.AsMemory(0, bytes.Length), diagnostics);
                }
                else
                {
                    text = input.Decode(path, bytes, diagnostics);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        postMortem ??= text is null ? null : PostMortemParser.Parse(relative, text, settings, diagnostics);
        var parsed = new ParsedFile(relative, hash, settingsKey, postMortem, diagnostics.Sorted()) { Text = text };
        // Kept without its text, so an unchanged file returns the very record kept.
        _files[relative] = parsed with { Text = null };
        Stamp(relative, stamp, settled);
        return parsed;
    }

    private void Stamp(string relative, (long, long) stamp, bool settled)
    {
        if (settled)
        {
            _stamps[relative] = stamp;
        }
        else
        {
            _stamps.TryRemove(relative, out _);
        }
    }

    private static int ReadAll(SafeFileHandle handle, byte[] buffer)
    {
        var read = 0;
        int count;
        while (read < buffer.Length && (count = RandomAccess.Read(handle, buffer.AsSpan(read), read)) > 0)
        {
            read += count;
        }

        return read;
    }

    /// <summary>The content hash of a post-mortem file as last read, by its path relative to the input folder.</summary>
    public string? HashOf(string sourcePath) => _files.TryGetValue(sourcePath, out var file) ? file.Hash : null;

    /// <summary>Forgets files that are gone, so a long serve session does not keep deleted post-mortems alive.</summary>
    public void Retain(IReadOnlySet<string> sourcePaths)
    {
        foreach (var key in _files.Keys.Where(k => !sourcePaths.Contains(k)))
        {
            _files.TryRemove(key, out _);
            _stamps.TryRemove(key, out _);
        }
    }
}
