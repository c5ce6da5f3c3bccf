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
        _options.Filters.AddFilter("raw", DeferredHtml.RawFilter);
    }

    public string Folder { get; }

    public string AssetsFolder => Path.Combine(Folder, "assets");

    /// <summary>Renders <c>{name}.liquid</c> with <paramref name="model"/>, then the layout around it, into <paramref name="output"/> as UTF-8.</summary>
    public void RenderPage(string name, object model, object layoutModel, Stream output)
    {
        // The page template is rendered where the layout writes its content, into the same text: no page-sized string
        // is made for the body and copied again into the layout. The page is encoded as it is written, and written to
        // the output in one go at the end unless it is larger than the text's bytes.
        var text = PageText.Rent(output);
        try
        {
            var content = new DeferredHtml(writer => RenderTo(writer, name, model, layoutModel));
            var context = new TemplateContext(new LayoutModel(layoutModel, content), _options);
            Wait(_templates.GetOrAdd("layout", Load).RenderAsync(text, HtmlEncoder.Default, context));
            text.Finish();
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

    /// <summary>Renders one template (or a partial, as "partials/x") into <paramref name="writer"/>; <paramref name="page"/> is exposed as <c>page</c>.</summary>
    public void RenderTo(TextWriter writer, string name, object model, object? page = null)
    {
        var context = new TemplateContext(model, _options);
        if (page is not null)
        {
            context.SetValue("page", page);
        }

        Wait(_templates.GetOrAdd(name, Load).RenderAsync(writer, HtmlEncoder.Default, context));
    }

    /// <summary>Renders one template (or a partial, as "partials/x") to a string; <paramref name="page"/> is exposed as <c>page</c>.</summary>
    public string Render(string name, object model, object? page = null)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        RenderTo(writer, name, model, page);
        return writer.ToString();
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
    public sealed record LayoutModel(object Page, DeferredHtml Content);
}

/// <summary>A theme that cannot be used (missing or invalid template); a problem of the theme, not of the content.</summary>
public sealed class ThemeException(string message) : Exception(message);
