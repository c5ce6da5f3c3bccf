using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PmSite.Parsing;

/// <summary>
/// A YAML parser that stops past <see cref="MaxDepth"/> mappings and sequences inside one another. Nothing PmSite reads
/// nests deeper than a few levels; without a limit, YAML nested thousands deep takes YamlDotNet's scanner minutes or
/// overflows the stack of the recursive loaders (representation model, deserializer). Stops as soon as the limit is passed,
/// before the rest is scanned.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner) : IParser
{
    /// <summary>The deepest nesting of mappings and sequences read.</summary>
    public const int MaxDepth = 64;

    private int _depth;

    /// <summary>A limited parser over <paramref name="yaml"/>.</summary>
    public static DepthLimitedParser Of(string yaml) => new(new Parser(new StringReader(yaml)));

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case MappingStart or SequenceStart when ++_depth > MaxDepth:
                throw new YamlTooDeepException(inner.Current.Start, inner.Current.End);
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }
}

/// <summary>YAML nested past <see cref="DepthLimitedParser.MaxDepth"/>; its start is where the limit was passed.</summary>
internal sealed class YamlTooDeepException(Mark start, Mark end)
    : YamlException(start, end, $"nested more than {DepthLimitedParser.MaxDepth} levels deep (mappings and lists inside one another)");
