using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PmSite.Incremental;

/// <summary>Content hashes for the incremental build: hex SHA-256 of bytes, strings, files and view models.</summary>
public static class Fingerprint
{
    private static readonly JsonSerializerOptions s_json = new() { IncludeFields = true, WriteIndented = false };

    /// <summary>Identifies the PmSite build that rendered a page: a new version of the renderer invalidates every cached page.</summary>
    public static string Code { get; } = typeof(Fingerprint).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    /// <summary>One hash of several parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ.</summary>
    public static string Of(params string[] parts) => OfParts(parts.Select(Encoding.UTF8.GetBytes));

    /// <summary>One hash of several byte parts, each length-prefixed.</summary>
    public static string OfParts(IEnumerable<byte[]> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var bytes in parts)
        {
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A view model as JSON (public properties, in declaration order — what a Liquid template can see), or null when
    /// it cannot be serialised (then the page is simply rendered every time).
    /// </summary>
    public static string? Json(object model)
    {
        try
        {
            return JsonSerializer.Serialize(model, model.GetType(), s_json);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Every file of a folder, by relative path and content: a theme edit changes it.</summary>
    public static string OfFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return "";
        }

        var parts = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            parts.Add(Path.GetRelativePath(folder, path).Replace('\\', '/'));
            parts.Add(Of(File.ReadAllBytes(path)));
        }

        return Of([.. parts]);
    }
}
