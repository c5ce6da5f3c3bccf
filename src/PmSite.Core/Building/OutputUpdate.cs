using System.Collections.Concurrent;

namespace PmSite.Building;

/// <summary>
/// Updates the output folder in place, for the rebuilds of a preview, where a swap of the whole folder would cost more
/// than the rebuild itself. Each file is compared with the one already in the output: only files whose bytes changed are
/// written, first into a folder set aside beside the output; <see cref="Commit"/> then deletes the files this build no
/// longer makes and renames each changed file over the old one (one atomic rename each). Until then the output folder
/// is not touched, so a failed build leaves it exactly as it was. The result is byte for byte the folder a staging build
/// would have swapped in.
/// </summary>
public sealed class OutputUpdate : SiteOutput
{
    private const int CompareBuffer = 64 * 1024;

    private readonly IReadOnlySet<string>? _previous;
    private readonly KeptFiles? _kept;
    private readonly ConcurrentBag<(string Destination, string Temporary, byte[]? Bytes)> _changed = [];
    private readonly string _pending;
    private int _temporaries;

    /// <param name="outputFolder">The output folder, which must exist.</param>
    /// <param name="previous">The files of the output folder (site paths with forward slashes) when the caller knows them
    /// for certain; null to list the folder.</param>
    /// <param name="kept">The bytes of files earlier builds of a session wrote, compared in memory rather than read again.</param>
    public OutputUpdate(string outputFolder, IReadOnlySet<string>? previous, KeptFiles? kept = null)
        : base(outputFolder)
    {
        _previous = previous;
        _kept = kept;
        _pending = StagingFolder.NewName(Output, StagingFolder.Building);
        Directory.CreateDirectory(_pending);
        OutputFolder.Mark(_pending);
    }

    /// <summary>How many files the commit replaced or added, and how many it deleted.</summary>
    public (int Written, int Deleted) Changes { get; private set; }

    public override void Write(string destination, Action<Stream> write)
    {
        var relative = Claim(destination);
        using var content = new MemoryStream();
        write(content);
        var bytes = content.GetBuffer().AsSpan(0, (int)content.Length);
        if (!SameBytes(relative, bytes))
        {
            var temporary = Temporary();
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                file.Write(bytes);
            }

            _changed.Add((relative, temporary, null));
        }
    }

    public override void Write(string destination, byte[] bytes)
    {
        var relative = Claim(destination);
        var path = PathOf(relative);
        if (_kept?.Holds(relative, path, bytes) == true)
        {
            return;
        }

        if (SameBytes(relative, bytes))
        {
            _kept?.Keep(relative, path, bytes);
            return;
        }

        var temporary = Temporary();
        File.WriteAllBytes(temporary, bytes);
        _changed.Add((relative, temporary, bytes));
    }

    public override void Copy(string destination, string source, bool unchangedPage)
    {
        var relative = Claim(destination);
        var target = PathOf(relative);
        // A page the page cache found unchanged is the output's own file: it stays where it is.
        if (unchangedPage && string.Equals(Path.GetFullPath(source), target, StringComparison.Ordinal))
        {
            return;
        }

        var bytes = File.ReadAllBytes(source);
        if (!SameBytes(relative, bytes))
        {
            var temporary = Temporary();
            File.WriteAllBytes(temporary, bytes);
            _changed.Add((relative, temporary, null));
        }
    }

    /// <summary>Deletes what this build no longer makes, then renames each changed file into place.</summary>
    public override void Commit()
    {
        var made = Destinations.ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stale in (_previous ?? (IEnumerable<string>)ListOutput()).Where(f => !made.Contains(f)).Order(StringComparer.Ordinal))
        {
            var path = PathOf(stale);
            _kept?.Forget(stale);
            if (File.Exists(path))
            {
                File.Delete(path);
                deleted++;
            }

            folders.Add(Path.GetDirectoryName(path)!);
        }

        // Folders left empty go too (deepest first), as a fresh build would not make them.
        foreach (var folder in folders.OrderByDescending(f => f.Length))
        {
            for (var current = folder; current.Length > Output.Length && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any();
                 current = Path.GetDirectoryName(current)!)
            {
                Directory.Delete(current);
            }
        }

        var written = 0;
        foreach (var (destination, temporary, bytes) in _changed.OrderBy(c => c.Destination, StringComparer.Ordinal))
        {
            var path = PathOf(destination);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temporary, path, overwrite: true);
            if (bytes is null)
            {
                _kept?.Forget(destination);
            }
            else
            {
                _kept?.Keep(destination, path, bytes);
            }

            written++;
        }

        // A folder that was empty when the session began becomes PmSite's with its first site.
        if (!OutputFolder.IsMarked(Output))
        {
            OutputFolder.Mark(Output);
        }

        Changes = (written, deleted);
    }

    /// <summary>Removes the files set aside (all of them if the build failed; none are left after a commit).</summary>
    public override void Dispose()
    {
        if (Directory.Exists(_pending))
        {
            StagingFolder.DeleteQuietly(_pending);
        }

        base.Dispose();
    }

    /// <summary>Every file now in the output folder, as site paths; PmSite's marker is not one of the site's.</summary>
    private List<string> ListOutput() =>
        [.. Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Output, f).Replace('\\', '/'))
            .Where(f => f != OutputFolder.MarkerName)];

    private string PathOf(string relative) => Path.Combine(Output, relative.Replace('/', Path.DirectorySeparatorChar));

    private string Temporary() => Path.Combine(_pending, Interlocked.Increment(ref _temporaries).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Whether the output file at a site path holds exactly these bytes.</summary>
    private bool SameBytes(string relative, ReadOnlySpan<byte> bytes)
    {
        var path = PathOf(relative);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            if (file.Length != bytes.Length)
            {
                return false;
            }

            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Min(CompareBuffer, Math.Max(1, bytes.Length)));
            try
            {
                var at = 0;
                while (at < bytes.Length)
                {
                    var read = file.Read(buffer, 0, Math.Min(buffer.Length, bytes.Length - at));
                    if (read == 0 || !buffer.AsSpan(0, read).SequenceEqual(bytes.Slice(at, read)))
                    {
                        return false;
                    }

                    at += read;
                }

                return true;
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}

/// <summary>
/// The bytes of the files a session's builds wrote through <see cref="OutputUpdate"/> (or found already there), with each
/// file's time then: a file whose new bytes are those kept, and whose size and time are unchanged, is the same file, which
/// spares reading the two thousand files of a search index again in every rebuild to find the few an edit changed.
/// </summary>
public sealed class KeptFiles
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, long Ticks)> _files = new(StringComparer.Ordinal);

    public bool Holds(string relative, string path, ReadOnlySpan<byte> bytes)
    {
        if (!_files.TryGetValue(relative, out var kept) || !bytes.SequenceEqual(kept.Bytes))
        {
            return false;
        }

        var file = new FileInfo(path);
        return file.Exists && file.Length == kept.Bytes.Length && file.LastWriteTimeUtc.Ticks == kept.Ticks;
    }

    /// <summary>Keeps the bytes now in the file at <paramref name="path"/>; the caller must not change them later.</summary>
    public void Keep(string relative, string path, byte[] bytes) => _files[relative] = (bytes, File.GetLastWriteTimeUtc(path).Ticks);

    public void Forget(string relative) => _files.TryRemove(relative, out _);
}
