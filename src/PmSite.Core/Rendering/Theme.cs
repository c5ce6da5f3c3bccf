using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;

namespace PmSite.Rendering;

/// <summary>
/// The Liquid templates of a theme folder (<c>theme/*.liquid</c>, partials in <c>theme/partials/</c>), parsed once
/// and rendered with HTML-encoding on by default: any value a post-mortem supplies is escaped unless a
/// template opts out with <c>| raw</c> for HTML PmSite itself produced.
/// </summary>
public sealed class Theme
{
    private static readonly FluidParser s_parser = new(new FluidParserOptions { AllowFunctions = false });

    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);

    // An incident's card looks the same on every list it appears in: render it once per build.
    private readonly ConcurrentDictionary<string, string> _cards = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options;

    public Theme(string folder)
    {
        Folder = Path.GetFullPath(folder);
        if (!File.Exists(Path.Combine(Folder, "layout.liquid")))
        {
            throw new ThemeException($"theme folder '{Folder}' has no layout.liquid");
        }

        _options = new TemplateOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(Folder, "partials")),
            MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
        };
        _options.Filters.AddFilter("json", JsonFilter);
        _options.Filters.AddFilter("incident_card", IncidentCardFilter);
        _options.Filters.AddFilter("raw", RawFilter);
    }

    public string Folder { get; }

    public string AssetsFolder => Path.Combine(Folder, "assets");

    /// <summary>Renders <c>{name}.liquid</c> with <paramref name="model"/>, then the layout around it, into <paramref name="output"/> as UTF-8.</summary>
    public void RenderPage(string name, object model, object layoutModel, Stream output)
    {
        // The page template is rendered where the layout writes its content, into the same text: no page-sized string
        // is made for the body and copied again into the layout. The page is encoded and written in one go at the end.
        var text = PageText.Rent();
        try
        {
            var content = new PageContent(this, name, model, layoutModel);
            var context = new TemplateContext(new LayoutModel(layoutModel, content), _options);
            Wait(_templates.GetOrAdd("layout", Load).RenderAsync(text, HtmlEncoder.Default, context));
            text.WriteTo(output);
        }
        finally
        {
            PageText.Return(text);
        }
    }

    // Fluid writes through WriteAsync; a page renders into memory, so each write completes at once.
    private static void Wait(ValueTask rendering)
    {
        if (!rendering.IsCompletedSuccessfully)
        {
            rendering.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Renders one template (or a partial, as "partials/x") to a string; <paramref name="page"/> is exposed as <c>page</c>.</summary>
    public string Render(string name, object model, object? page = null)
    {
        var template = _templates.GetOrAdd(name, Load);
        var context = new TemplateContext(model, _options);
        if (page is not null)
        {
            context.SetValue("page", page);
        }

        return template.Render(context, HtmlEncoder.Default);
    }

    private IFluidTemplate Load(string name)
    {
        var path = Path.Combine(Folder, name + ".liquid");
        if (!File.Exists(path))
        {
            throw new ThemeException($"theme template '{path}' is missing");
        }

        if (!s_parser.TryParse(File.ReadAllText(path), out var template, out var error))
        {
            throw new ThemeException($"theme template '{path}': {error}");
        }

        return template;
    }

    private static ValueTask<Fluid.Values.FluidValue> JsonFilter(Fluid.Values.FluidValue input, FilterArguments arguments, TemplateContext context) =>
        new(new Fluid.Values.StringValue(System.Text.Json.JsonSerializer.Serialize(input.ToStringValue()), encode: false));

    /// <summary><c>{{ incident | incident_card }}</c>: the <c>partials/incident-card</c> HTML of an incident, rendered once.</summary>
    private ValueTask<Fluid.Values.FluidValue> IncidentCardFilter(Fluid.Values.FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.ToObjectValue() is not IncidentSummaryView incident)
        {
            return new(Fluid.Values.NilValue.Instance);
        }

        var html = _cards.GetOrAdd(incident.Id, _ => Render("partials/incident-card", new { Incident = incident }));
        return new(new Fluid.Values.StringValue(html, encode: false));
    }

    /// <summary>What the layout sees: the page's own model plus the page body, rendered where the layout writes it.</summary>
    public sealed record LayoutModel(object Page, Fluid.Values.FluidValue Content);

    /// <summary>
    /// The layout's <c>content</c>: the page template, rendered straight into the layout's output when the layout
    /// writes it. Anything else a theme does with it (a filter other than <c>raw</c>, a comparison) sees its HTML as a string.
    /// </summary>
    private sealed class PageContent(Theme theme, string name, object model, object page) : Fluid.Values.FluidValue
    {
        private string? _html;

        public override Fluid.Values.FluidValues Type => Fluid.Values.FluidValues.String;

        public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, System.Globalization.CultureInfo cultureInfo)
        {
            if (_html is not null)
            {
                writer.Write(_html);
                return ValueTask.CompletedTask;
            }

            var context = new TemplateContext(model, theme._options);
            context.SetValue("page", page);
            return theme._templates.GetOrAdd(name, theme.Load).RenderAsync(writer, encoder, context);
        }

        [Obsolete("Fluid writes values through WriteToAsync.")]
        public override void WriteTo(TextWriter writer, TextEncoder encoder, System.Globalization.CultureInfo cultureInfo) =>
            Wait(WriteToAsync(writer, encoder, cultureInfo));

        public override string ToStringValue() => _html ??= theme.Render(name, model, page);

        // Everything else is what the same HTML as a string value gives: its size, characters, comparisons.
        private Fluid.Values.StringValue AsString => new(ToStringValue(), encode: false);

        public override object ToObjectValue() => ToStringValue();

        public override bool ToBooleanValue() => AsString.ToBooleanValue();

        public override decimal ToNumberValue() => AsString.ToNumberValue();

        public override bool Equals(Fluid.Values.FluidValue other) => AsString.Equals(other);

        public override bool Contains(Fluid.Values.FluidValue value) => AsString.Contains(value);

        public override ValueTask<Fluid.Values.FluidValue> GetValueAsync(string name, TemplateContext context) => AsString.GetValueAsync(name, context);

        public override ValueTask<Fluid.Values.FluidValue> GetIndexAsync(Fluid.Values.FluidValue index, TemplateContext context) => AsString.GetIndexAsync(index, context);

        public override IEnumerable<Fluid.Values.FluidValue> Enumerate(TemplateContext context) => AsString.Enumerate(context);
    }

    /// <summary><c>| raw</c> keeps the page content as it is (it is PmSite's own HTML), so that it is still written in place.</summary>
    private static ValueTask<Fluid.Values.FluidValue> RawFilter(Fluid.Values.FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input is PageContent ? new(input) : new(new Fluid.Values.StringValue(input.ToStringValue(), encode: false));
}

/// <summary>A theme that cannot be used (missing or invalid template); a problem of the theme, not of the content.</summary>
public sealed class ThemeException(string message) : Exception(message);
