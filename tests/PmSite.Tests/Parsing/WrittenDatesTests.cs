using PmSite.Parsing;

namespace PmSite.Tests.Parsing;

/// <summary>Dates as teams write them, read by <see cref="WrittenDates"/>: one example a row.</summary>
public sealed class WrittenDatesTests
{
    [Theory]
    [InlineData("2026-01-14", "2026-01-14", false)]
    [InlineData("2026-1-4", "2026-01-04", false)]
    [InlineData("2026/01/14", "2026-01-14", false)]
    [InlineData("January 14-19, 2026", "2026-01-14", true)]
    [InlineData("January 30 - February 2, 2026", "2026-01-30", true)]
    [InlineData("Sept. 18th, 2017", "2017-09-18", false)]
    [InlineData("May 1 2019, 3:18 PM", "2019-05-01", false)]
    [InlineData("Nov 08, 2022", "2022-11-08", false)]
    [InlineData("12th March 2023", "2023-03-12", false)]
    [InlineData("08Nov2022", "2022-11-08", false)]
    [InlineData("14-19 January 2026", "2026-01-14", true)]
    [InlineData("14. Januar 2026", "2026-01-14", false)]
    [InlineData("14 janvier 2026", "2026-01-14", false)]
    [InlineData("1er février 2026", "2026-02-01", false)]
    [InlineData("14 de enero de 2026", "2026-01-14", false)]
    [InlineData("14 januari 2026", "2026-01-14", false)]
    [InlineData("14 maart 2026", "2026-03-14", false)]
    [InlineData("14 augusti 2026", "2026-08-14", false)]
    [InlineData("01.07.2019", "2019-07-01", false)]
    [InlineData("25/04/2023", "2023-04-25", false)]
    [InlineData("04/25/2023", "2023-04-25", false)]
    [InlineData("03/04/2021", "2021-03-04", true)]
    [InlineData("Wednesday, 2018-08-22", "2018-08-22", false)]
    public void A_written_date_is_read(string text, string date, bool choice)
    {
        var read = WrittenDates.Read(text, out var invalid);

        Assert.Null(invalid);
        Assert.NotNull(read);
        Assert.Equal(date, read.Value.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(choice, read.Value.Choice is not null);
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("31.04.2025")]
    [InlineData("February 30, 2024")]
    public void A_date_off_the_calendar_is_invalid(string text)
    {
        Assert.Null(WrittenDates.Read(text, out var invalid));
        Assert.Contains("not a calendar date", invalid, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TBD")]
    [InlineData("yyyy-mm-dd")]
    [InlineData("April 2023")]
    [InlineData("version 2020.3.1")]
    [InlineData("the 3rd of the month")]
    public void Text_without_a_date_holds_none(string text)
    {
        Assert.Null(WrittenDates.Read(text, out var invalid));
        Assert.Null(invalid);
    }

    [Fact]
    public void The_first_date_in_a_text_is_found_where_it_stands()
    {
        const string text = "Upgraded to 1.19.3 on Dec 7 and the chain halted on December 08, 2022 at 5:13 UTC; fixed 2022-12-09.";

        var found = WrittenDates.FindFirst(text);

        Assert.Equal((new DateOnly(2022, 12, 8), text.IndexOf("December", StringComparison.Ordinal)), (found!.Value.Date.Date, found.Value.Index));
    }
}
