namespace PmSite.Dashboards;

/// <summary>
/// Percentiles by the nearest-rank method: the P-th percentile of N sorted values is the value at rank
/// ⌈P × N / 100⌉ (1-based), i.e. the smallest value with at least P % of the values at or below it.
/// It always returns one of the values (never an interpolation), so "p90 = 4 h" means an incident really took 4 h.
/// The median is the 50th percentile by the same rule: of an even count it is the lower middle value.
/// </summary>
public static class Percentiles
{
    /// <summary>The 1-based rank of the <paramref name="percent"/>-th percentile among <paramref name="count"/> values.</summary>
    /// <remarks>Integer arithmetic on purpose: 0.9 × 10 is 9.000000000000002 in floating point, whose ceiling is 10, not 9.</remarks>
    public static int Rank(int percent, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Math.Max(1, (percent * count + 99) / 100);
    }

    /// <summary>The nearest-rank percentile of values already sorted ascending.</summary>
    public static T NearestRank<T>(IReadOnlyList<T> sorted, int percent) => sorted[Rank(percent, sorted.Count) - 1];
}

/// <summary>How a set of durations is spread: count, minimum, median, 90th percentile and maximum (nearest-rank).</summary>
public sealed record Distribution(int Count, TimeSpan Min, TimeSpan Median, TimeSpan P90, TimeSpan Max)
{
    /// <summary>The distribution of <paramref name="values"/>, or null when there are none.</summary>
    public static Distribution? Of(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? null
            : new Distribution(sorted.Count, sorted[0], Percentiles.NearestRank(sorted, 50), Percentiles.NearestRank(sorted, 90), sorted[^1]);
    }
}
