using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// IPv4 and IPv6 addresses, validated rather than pattern-matched: four octets of at most 255 with no leading zero,
/// or an address <see cref="IPAddress"/> accepts as IPv6. Versions ("v1.2.3.4", "version 10.0.0.1", "image 1.4.22.3"), times ("14:02:41"),
/// loopback, unspecified, broadcast/netmask and documentation addresses are not redacted: they say nothing about a network.
/// </summary>
internal sealed partial class IpAddressDetector : IDetector
{
    public IEnumerable<Finding> Find(ScanText scan)
    {
        var text = scan.Text;
        foreach (Match m in V4().Matches(text))
        {
            if (IsSensitiveV4(m.Value) && !AfterVersionWord(text, m.Index))
            {
                yield return new Finding(m.Index, m.Length, RedactionClass.IpAddress, m.Value);
            }
        }

        foreach (Match m in V6Candidate().Matches(text))
        {
            var value = m.Value.TrimEnd('.');
            if (value.Count(c => c == ':') >= 2 && IsSensitiveV6(value))
            {
                yield return new Finding(m.Index, value.Length, RedactionClass.IpAddress, value);
            }
        }
    }

    public static bool IsSensitiveV4(string value)
    {
        var parts = value.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length == 0 || part.Length > 3 || (part.Length > 1 && part[0] == '0') || int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(value, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return b[0] is not (0 or 127 or 255)
            && !(b[0] == 192 && b[1] == 0 && b[2] == 2)      // 192.0.2.0/24, documentation
            && !(b[0] == 198 && b[1] == 51 && b[2] == 100)   // 198.51.100.0/24, documentation
            && !(b[0] == 203 && b[1] == 0 && b[2] == 113);   // 203.0.113.0/24, documentation
    }

    public static bool IsSensitiveV6(string value)
    {
        var zone = value.IndexOf('%', StringComparison.Ordinal);
        var bare = zone >= 0 ? value[..zone] : value;
        if (!IPAddress.TryParse(bare, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6
            || address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        var b = address.GetAddressBytes();
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        {
            return false; // 2001:db8::/32, documentation
        }

        // "a::b" in C++ is a valid address too; a real one has a group of three or more digits, or eight groups.
        var groups = bare.Split(':', StringSplitOptions.RemoveEmptyEntries);
        return groups.Length == 8 || (groups.Length >= 2 && groups.Any(g => g.Length >= 3));
    }

    private static bool AfterVersionWord(string text, int index)
    {
        var from = Math.Max(0, index - 12);
        return VersionWord().IsMatch(text[from..index]);
    }

    [GeneratedRegex(@"(?<![\w.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?!\w|\.\d)")]
    private static partial Regex V4();

    [GeneratedRegex(@"(?<![\w:.])(?>[0-9A-Fa-f:.]+)(?:%[0-9A-Za-z]+)?(?!\w)")]
    private static partial Regex V6Candidate();

    [GeneratedRegex(@"(?:version|release|build|ver\.?|image|tag|chart|firmware|kernel)\s*:?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionWord();
}
