using System.Runtime.InteropServices;

namespace PmSite.Incremental;

/// <summary>
/// Hard links, so that an unchanged page of the previous output enters the new one without being written again
/// (the previous folder is deleted right after the switch, so the two never share a file for long).
/// </summary>
internal static class HardLink
{
    /// <summary>Links <paramref name="link"/> to the file <paramref name="existing"/>; false when the system or file system cannot.</summary>
    public static bool TryCreate(string existing, string link)
    {
        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
            {
                return Native.link(existing, link) == 0;
            }

            return OperatingSystem.IsWindows() && Native.CreateHardLinkW(link, existing, IntPtr.Zero);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054, CA5392 // A plain P/Invoke keeps the project free of unsafe code; libc is a system library.
        public static extern int link(string existing, string link);

        [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool CreateHardLinkW(string link, string existing, IntPtr securityAttributes);
#pragma warning restore SYSLIB1054, CA5392
    }
}
