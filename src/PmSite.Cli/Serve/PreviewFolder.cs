using System.Security.Cryptography;
using System.Text;

namespace PmSite.Cli.Serve;

/// <summary>Why <c>pmsite serve</c> will not build into a folder: another user could read it or change the pages served from it.</summary>
internal sealed class PreviewFolderException(string message) : IOException(message);

/// <summary>
/// Where <c>pmsite serve</c> builds when no <c>--output</c> is given. A preview holds copies of internal post-mortems, so
/// it goes in a folder only its user can enter (mode 0700 on Unix): under the user's cache folder, one per input folder so
/// a later session finds it again, or else a fresh random folder under the temp folder. An existing folder is used only
/// if it is a real folder (no symbolic link), owned by the user, and closed to everyone else; otherwise serving stops.
/// The site itself is a folder inside it, so the build's staging folders, made beside the site, are private too.
/// </summary>
internal static class PreviewFolder
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The user's cache folder (<c>$XDG_CACHE_HOME</c>, <c>~/.cache</c>, <c>~/Library/Caches</c>, or the local application data folder); null when there is none.</summary>
    public static string? UserCacheFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            return NonEmpty(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData));
        }

        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { } xdg && Path.IsPathFullyQualified(xdg))
        {
            return xdg;
        }

        var home = NonEmpty(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        return home is null ? null : Path.Combine(home, OperatingSystem.IsMacOS() ? "Library/Caches" : ".cache");
    }

    /// <summary>
    /// The folder the preview of <paramref name="input"/> is built in, its private parent created or checked:
    /// <c>&lt;cache&gt;/pmsite/serve/&lt;hash of the input path&gt;/site</c>, or with no cache folder
    /// (<paramref name="cacheFolder"/> null) <c>&lt;temp&gt;/pmsite-serve-&lt;random&gt;/site</c>.
    /// </summary>
    /// <exception cref="PreviewFolderException">An existing folder on the way is not the user's alone.</exception>
    public static string For(string input, string? cacheFolder)
    {
        string root;
        if (cacheFolder is null)
        {
            // Made with a random name and mode 0700 in one step (mkdtemp): nobody can have made it first.
            root = Directory.CreateTempSubdirectory("pmsite-serve-").FullName;
            Check(root);
        }
        else
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(input))))[..12];
            root = Path.GetFullPath(Path.Combine(cacheFolder, "pmsite", "serve", hash));
            Directory.CreateDirectory(cacheFolder);
            foreach (var folder in new[] { Path.Combine(cacheFolder, "pmsite"), Path.Combine(cacheFolder, "pmsite", "serve"), root })
            {
                Create(folder);
                Check(folder);
            }
        }

        return Path.Combine(root, "site");
    }

    private static void Create(string folder)
    {
        if (Directory.Exists(folder) || File.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, Private);
        }
    }

    /// <summary>Throws unless the folder is a real folder that only the current user can enter.</summary>
    private static void Check(string folder)
    {
        var info = new DirectoryInfo(folder);
        if (info.LinkTarget is not null || !info.Exists)
        {
            throw new PreviewFolderException($"'{folder}' is a symbolic link or not a folder; the preview is not built there");
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = info.UnixFileMode;
        if ((mode & Others) != 0)
        {
            throw new PreviewFolderException(
                $"'{folder}' can be read or written by other users; remove it (or pass --output) and the preview makes a private one");
        }

        try
        {
            // Only a folder's owner may change its mode: setting the mode it already has proves the folder is ours.
            File.SetUnixFileMode(folder, mode);
        }
        catch (UnauthorizedAccessException)
        {
            throw new PreviewFolderException($"'{folder}' belongs to another user; the preview is not built there");
        }
    }

    private static string? NonEmpty(string path) => string.IsNullOrEmpty(path) ? null : path;
}
