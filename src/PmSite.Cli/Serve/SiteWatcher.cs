namespace PmSite.Cli.Serve;

/// <summary>
/// Watches the input and theme folders and reports what changed once things settle: editors write a file in
/// several steps (temporary file, rename, touch), so changes are collected until none came for a short while.
/// </summary>
internal sealed class SiteWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private readonly TimeSpan _quiet;
    private readonly Action<IReadOnlyCollection<string>> _onChange;

    public SiteWatcher(IEnumerable<string> folders, TimeSpan quiet, Action<IReadOnlyCollection<string>> onChange)
    {
        _quiet = quiet;
        _onChange = onChange;
        _timer = new Timer(_ => Flush());
        foreach (var folder in folders.Where(Directory.Exists).Distinct(StringComparer.Ordinal))
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Changed += (_, e) => Note(e.FullPath);
            watcher.Created += (_, e) => Note(e.FullPath);
            watcher.Deleted += (_, e) => Note(e.FullPath);
            watcher.Renamed += (_, e) =>
            {
                Note(e.OldFullPath);
                Note(e.FullPath);
            };
            // Too many changes at once: rebuild anyway, everything is checked by content hash.
            watcher.Error += (_, _) => Note(folder);
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _timer.Dispose();
    }

    private void Note(string path)
    {
        var name = Path.GetFileName(path);
        // Editor droppings: swap files, backups, Vim's write test.
        if (name.StartsWith(".#", StringComparison.Ordinal) || name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal)
            || name.EndsWith(".swx", StringComparison.Ordinal) || name == "4913")
        {
            return;
        }

        lock (_lock)
        {
            _changed.Add(path);
            _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        string[] changed;
        lock (_lock)
        {
            changed = [.. _changed];
            _changed.Clear();
        }

        if (changed.Length > 0)
        {
            _onChange(changed);
        }
    }
}
