using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace PmSite.Incremental;

/// <summary>
/// A hash of a view model: every public property and field, recursively, as a Liquid template can see them.
/// View objects are immutable and shared between pages (an incident's summary is on its page, every facet page and
/// the home page), so each object's hash is computed once and reused by reference: the key of a facet page listing a
/// thousand incidents costs a thousand lookups, not a thousand serialisations. Kept for a preview session, it also
/// spares the next build the objects it meets again (a post-mortem's summary view, its action items); an object not met
/// during a build is forgotten after it (<see cref="BeginBuild"/>).
/// </summary>
public sealed class ModelFingerprint
{
    private const int MaxDepth = 32;
    private static readonly ConcurrentDictionary<Type, Func<object, object?>[]> s_members = new();

    // By reference: this build's objects, and those of the build before (moved to this one's when met again).
    private ConcurrentDictionary<object, byte[]> _memo = new(ReferenceEqualityComparer.Instance);
    private ConcurrentDictionary<object, byte[]> _previous = new(ReferenceEqualityComparer.Instance);

    /// <summary>Starts a build: hashes of objects the previous build did not meet are dropped.</summary>
    public void BeginBuild()
    {
        _previous = _memo;
        _memo = new(ReferenceEqualityComparer.Instance);
    }

    /// <summary>The hash of a model as hex, or null when it cannot be taken (too deep, a cycle): then the page is just rendered.</summary>
    public string? Of(object? model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return Append(hash, model, 0) ? Convert.ToHexStringLower(hash.GetHashAndReset()) : null;
    }

    private bool Append(IncrementalHash hash, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (value)
        {
            case null:
                Tag(hash, 'n');
                return true;
            case string text:
                Tag(hash, 's');
                Text(hash, text);
                return true;
            case bool flag:
                Tag(hash, flag ? 't' : 'f');
                return true;
            case Enum or IFormattable when value.GetType().IsPrimitive || value is Enum or decimal or DateOnly or DateTime or DateTimeOffset or TimeSpan or TimeOnly or Guid:
                Tag(hash, 'v');
                Text(hash, value.GetType().Name);
                Text(hash, ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                return true;
            case char c:
                Tag(hash, 'c');
                Text(hash, c.ToString());
                return true;
            case IDictionary dictionary:
                Tag(hash, 'd');
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!Append(hash, entry.Key, depth + 1) || !Append(hash, entry.Value, depth + 1))
                    {
                        return false;
                    }
                }

                Tag(hash, 'e');
                return true;
            case IEnumerable sequence:
                Tag(hash, 'l');
                foreach (var item in sequence)
                {
                    if (!Append(hash, item, depth + 1))
                    {
                        return false;
                    }
                }

                Tag(hash, 'e');
                return true;
            default:
                return AppendObject(hash, value, depth);
        }
    }

    private bool AppendObject(IncrementalHash hash, object value, int depth)
    {
        var type = value.GetType();
        if (!type.IsValueType && (_memo.TryGetValue(value, out var known) || (_previous.TryGetValue(value, out known) && _memo.TryAdd(value, known) | true)))
        {
            Tag(hash, 'o');
            hash.AppendData(known);
            return true;
        }

        using var own = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Text(own, type.FullName ?? type.Name);
        foreach (var member in s_members.GetOrAdd(type, Members))
        {
            if (!Append(own, member(value), depth + 1))
            {
                return false;
            }
        }

        var bytes = own.GetHashAndReset();
        if (!type.IsValueType)
        {
            _memo.TryAdd(value, bytes);
        }

        Tag(hash, 'o');
        hash.AppendData(bytes);
        return true;
    }

    /// <summary>Public instance properties (without indexers) and fields, in declaration order.</summary>
    private static Func<object, object?>[] Members(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .Select(p => (Func<object, object?>)p.GetValue);
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(f => f.MetadataToken)
            .Select(f => (Func<object, object?>)f.GetValue);
        return [.. properties, .. fields];
    }

    private static void Tag(IncrementalHash hash, char tag) => hash.AppendData([(byte)tag]);

    private static void Text(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}
