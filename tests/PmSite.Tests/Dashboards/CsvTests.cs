using PmSite.Dashboards;

namespace PmSite.Tests.Dashboards;

/// <summary>RFC 4180 fields: quoted only when they hold a comma, a quote or a line break; quotes doubled.</summary>
public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("@owner", "@owner")]
    [InlineData("semi;colon", "semi;colon")]
    public void Fields_are_quoted_only_when_they_must_be(string value, string field) =>
        Assert.Equal(field, ActionItemExport.CsvField(value));
}
