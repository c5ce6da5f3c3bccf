namespace PmSite.Search;

/// <summary>
/// Lucene 4.8's BM25 arithmetic, operation for operation in single precision, so the browser index can
/// order postings by the very scores Lucene computes (and search.js repeats the same steps with
/// <c>Math.fround</c>). See Lucene's <c>BM25Similarity</c>: idf = ln(1 + (N - df + 0.5) / (df + 0.5)),
/// field length decoded from the one-byte norm, k1 = 1.2, b = 0.75.
/// </summary>
internal static class Bm25
{
    public static readonly float K1 = 1.2f;
    public static readonly float B = 0.75f;

    /// <summary>Field length for each norm byte: 1 / f², f = SmallFloat.byte315ToFloat(byte).</summary>
    private static readonly float[] s_normTable = BuildNormTable();

    public static float DecodeNorm(byte norm) => s_normTable[norm];

    /// <summary>The norm byte Lucene stores for a field of <paramref name="length"/> tokens: SmallFloat.floatToByte315(1 / √length).</summary>
    public static byte EncodeNorm(int length)
    {
        var bits = BitConverter.SingleToInt32Bits(1f / (float)Math.Sqrt(length));
        var small = bits >> (24 - 3);
        const int zeroExponent = (63 - 15) << 3;
        return small <= zeroExponent ? (byte)(bits <= 0 ? 0 : 1)
            : small >= zeroExponent + 0x100 ? byte.MaxValue
            : (byte)(small - zeroExponent);
    }

    public static float Idf(long docFreq, long docCount) => (float)Math.Log(1 + (docCount - docFreq + 0.5D) / (docFreq + 0.5D));

    public static float AverageFieldLength(long sumTotalTermFreq, long docCount) =>
        sumTotalTermFreq <= 0 ? 1f : (float)(sumTotalTermFreq / (double)docCount);

    /// <summary>k1 · ((1 − b) + b · length / avgdl) for every norm byte.</summary>
    public static float[] LengthCache(float averageFieldLength)
    {
        var cache = new float[256];
        var k1 = K1;
        var b = B;
        for (var i = 0; i < cache.Length; i++)
        {
            var oneMinusB = 1 - b;
            var scaled = b * s_normTable[i];
            var relative = scaled / averageFieldLength;
            var sum = oneMinusB + relative;
            cache[i] = k1 * sum;
        }

        return cache;
    }

    /// <summary>idf · boost · (k1 + 1): the frequency-independent factor of one term query.</summary>
    public static float WeightValue(float idf, float boost)
    {
        var weight = idf * boost;
        var k1PlusOne = K1 + 1;
        return weight * k1PlusOne;
    }

    public static float Score(float weightValue, float freq, float lengthFactor)
    {
        var numerator = weightValue * freq;
        var denominator = freq + lengthFactor;
        return numerator / denominator;
    }

    private static float[] BuildNormTable()
    {
        var table = new float[256];
        for (var i = 0; i < 256; i++)
        {
            var f = Byte315ToFloat((byte)i);
            var square = f * f;
            table[i] = 1.0f / square;
        }

        return table;
    }

    private static float Byte315ToFloat(byte b)
    {
        if (b == 0)
        {
            return 0f;
        }

        var bits = (b & 0xff) << (24 - 3);
        bits += (63 - 15) << 24;
        return BitConverter.Int32BitsToSingle(bits);
    }
}
