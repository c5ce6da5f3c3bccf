using PmSite.Dashboards;

namespace PmSite.Tests.Dashboards;

/// <summary>Nearest-rank percentiles: rank ⌈p·n/100⌉ of the sorted values, worked out by hand below.</summary>
public sealed class PercentileTests
{
    [Theory]
    [InlineData(50, 1, 1)]
    [InlineData(90, 1, 1)]
    [InlineData(0, 5, 1)]
    [InlineData(50, 4, 2)]     // ⌈2⌉ = 2: the lower middle value
    [InlineData(50, 5, 3)]     // ⌈2.5⌉ = 3
    [InlineData(90, 5, 5)]     // ⌈4.5⌉ = 5
    [InlineData(90, 9, 9)]     // ⌈8.1⌉ = 9
    [InlineData(90, 10, 9)]    // ⌈9⌉ = 9 exactly; floating point would say 9.000000000000002 → 10
    [InlineData(90, 20, 18)]
    [InlineData(90, 11, 10)]   // ⌈9.9⌉ = 10
    [InlineData(100, 7, 7)]
    [InlineData(25, 8, 2)]
    public void Rank_is_the_ceiling_of_p_times_n_over_100(int percent, int count, int rank) =>
        Assert.Equal(rank, Percentiles.Rank(percent, count));

    public static TheoryData<int[], int, int> Values => new()
    {
        { [7], 50, 7 },
        { [7], 90, 7 },
        { [30, 10, 50, 20, 40], 50, 30 },
        { [30, 10, 50, 20, 40], 90, 50 },
        { [60, 15, 45, 120], 50, 45 },
        { [60, 15, 45, 120], 90, 120 },
        { [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5 },
        { [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9 },
        { [5, 5, 5, 100], 90, 100 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Nearest_rank_percentile_is_always_one_of_the_values(int[] minutes, int percent, int expected)
    {
        var sorted = minutes.Order().ToList();

        Assert.Equal(expected, Percentiles.NearestRank(sorted, percent));
    }

    [Fact]
    public void A_distribution_has_count_min_median_p90_and_max()
    {
        var d = Distribution.Of(new[] { 60, 15, 45, 120 }.Select(m => TimeSpan.FromMinutes(m)))!;

        Assert.Equal(4, d.Count);
        Assert.Equal(TimeSpan.FromMinutes(15), d.Min);
        Assert.Equal(TimeSpan.FromMinutes(45), d.Median);
        Assert.Equal(TimeSpan.FromMinutes(120), d.P90);
        Assert.Equal(TimeSpan.FromMinutes(120), d.Max);
    }

    [Fact]
    public void No_values_have_no_distribution() => Assert.Null(Distribution.Of([]));

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(101, 3)]
    [InlineData(50, 0)]
    public void Out_of_range_arguments_are_refused(int percent, int count) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Percentiles.Rank(percent, count));
}
