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
        var hashes = t_hashes ??= new Hashes();
        var hash = hashes.At(0);
        var hashed = Append(hash, model, 0);
        var bytes = hash.GetHashAndReset();
        return hashed ? Convert.ToHexStringLower(bytes) : null;
    }

    // A hash context per depth of the model, kept by each thread: an object's own hash is taken at the next depth, and
    // every model has thousands of objects, each of which would otherwise create (and free) a native hash context.
    [ThreadStatic]
    private static Hashes? t_hashes;

    private sealed class Hashes
    {
        private readonly List<IncrementalHash> _byDepth = [];

        public IncrementalHash At(int depth)
        {
            while (_byDepth.Count <= depth)
            {
                _byDepth.Add(IncrementalHash.CreateHash(HashAlgorithmName.SHA256));
            }

            return _byDepth[depth];
        }
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

        // Taken (and reset) whether or not the members could be hashed, so that the context is clean for the next object.
        var own = t_hashes!.At(depth + 1);
        Text(own, type.FullName ?? type.Name);
        var hashed = true;
        foreach (var member in s_members.GetOrAdd(type, Members))
        {
            if (!Append(own, member(value), depth + 1))
            {
                hashed = false;
                break;
            }
        }

        var bytes = own.GetHashAndReset();
        if (!hashed)
        {
            return false;
        }

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

    private static void Tag(IncrementalHash hash, char tag)
    {
        Span<byte> bytes = [(byte)tag];
        hash.AppendData(bytes);
    }

    private static void Text(IncrementalHash hash, string text)
    {
        // Most texts are short: encoded on the stack, longer ones into a rented buffer.
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = max > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[512];
        var length = Encoding.UTF8.GetBytes(text, buffer);
        Span<byte> prefix = stackalloc byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        hash.AppendData(prefix);
        hash.AppendData(buffer[..length]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
