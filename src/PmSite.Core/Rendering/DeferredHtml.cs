using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace PmSite.Rendering;

/// <summary>
/// HTML that PmSite writes straight into the page where a template outputs it (<c>{{ value | raw }}</c>), rather than
/// first making a string of it that is then copied into the page: a page's content inside the layout, a post-mortem's
/// body. A template that uses it otherwise (another filter, a comparison, its size) gets the same HTML as a string.
/// </summary>
public sealed class DeferredHtml(Action<TextWriter> write) : FluidValue
{
    private string? _html;

    /// <summary>No HTML, for models made only to be hashed.</summary>
    public static DeferredHtml Empty { get; } = new(_ => { });

    public override FluidValues Type => FluidValues.String;

    /// <summary><c>| raw</c> keeps deferred HTML as it is (it is PmSite's own), so that it is still written in place.</summary>
    internal static ValueTask<FluidValue> RawFilter(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input is DeferredHtml ? new(input) : new(new StringValue(input.ToStringValue(), encode: false));

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        if (_html is not null)
        {
            writer.Write(_html);
        }
        else
        {
            write(writer);
        }

        return ValueTask.CompletedTask;
    }

    [Obsolete("Fluid writes values through WriteToAsync.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) =>
        WriteToAsync(writer, encoder, cultureInfo).AsTask().GetAwaiter().GetResult();

    public override string ToStringValue()
    {
        if (_html is null)
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            write(text);
            _html = text.ToString();
        }

        return _html;
    }

    // Everything else is what the same HTML as a string value gives.
    private StringValue AsString => new(ToStringValue(), encode: false);

    public override object ToObjectValue() => ToStringValue();

    public override bool ToBooleanValue() => AsString.ToBooleanValue();

    public override decimal ToNumberValue() => AsString.ToNumberValue();

    public override bool Equals(FluidValue other) => other is DeferredHtml html ? html.ToStringValue() == ToStringValue() : AsString.Equals(other);

    public override bool Contains(FluidValue value) => AsString.Contains(value);

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => AsString.GetValueAsync(name, context);

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => AsString.GetIndexAsync(index, context);

    public override IEnumerable<FluidValue> Enumerate(TemplateContext context) => AsString.Enumerate(context);
}
