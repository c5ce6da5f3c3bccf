using System.Globalization;
using System.Text;
using System.Xml;

namespace PmSite.Dashboards.Charts;

/// <summary>
/// A small writer of inline SVG: an <see cref="XmlWriter"/> underneath, so the output is always well-formed and every
/// text is escaped; numbers are written invariantly with at most two decimals, so the same chart is the same bytes.
/// Colours are left to CSS (classes and <c>currentColor</c>), which is what makes charts follow dark mode and print.
/// </summary>
internal sealed class SvgWriter : IDisposable
{
    private const string Namespace = "http://www.w3.org/2000/svg";
    private readonly StringBuilder _text = new();
    private readonly XmlWriter _xml;

    /// <summary>Opens an accessible <c>&lt;svg role="img"&gt;</c> labelled by its own title and description.</summary>
    public SvgWriter(string id, double width, double height, string title, string description, string cssClass)
    {
        _xml = XmlWriter.Create(_text, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment });
        _xml.WriteStartElement("svg", Namespace);
        Attributes(
            ("id", id), ("class", cssClass), ("viewBox", $"0 0 {Number(width)} {Number(height)}"), ("role", "img"),
            ("aria-labelledby", $"{id}-title {id}-desc"), ("font-size", "12"), ("fill", "currentColor"));
        _xml.WriteStartElement("title", Namespace);
        _xml.WriteAttributeString("id", $"{id}-title");
        _xml.WriteString(title);
        _xml.WriteEndElement();
        _xml.WriteStartElement("desc", Namespace);
        _xml.WriteAttributeString("id", $"{id}-desc");
        _xml.WriteString(description);
        _xml.WriteEndElement();
    }

    public void StartGroup(string cssClass, params (string Name, object? Value)[] attributes)
    {
        _xml.WriteStartElement("g", Namespace);
        Attributes([("class", cssClass), .. attributes]);
    }

    public void EndGroup() => _xml.WriteEndElement();

    /// <summary>An element with attributes and, optionally, a <c>&lt;title&gt;</c> child shown as a tooltip.</summary>
    public void Element(string name, string? tooltip, params (string Name, object? Value)[] attributes)
    {
        _xml.WriteStartElement(name, Namespace);
        Attributes(attributes);
        if (tooltip is not null)
        {
            _xml.WriteStartElement("title", Namespace);
            _xml.WriteString(tooltip);
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
    }

    public void Text(double x, double y, string text, string cssClass, string anchor = "start")
    {
        _xml.WriteStartElement("text", Namespace);
        Attributes(("x", x), ("y", y), ("class", cssClass), ("text-anchor", anchor == "start" ? null : anchor));
        _xml.WriteString(text);
        _xml.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string cssClass) =>
        Element("line", null, ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("class", cssClass), ("stroke", "currentColor"));

    /// <summary>Closes the SVG and returns its markup.</summary>
    public override string ToString()
    {
        _xml.WriteEndElement();
        _xml.Flush();
        return _text.ToString();
    }

    public void Dispose() => _xml.Dispose();

    /// <summary>At most two decimals, invariant culture, no trailing zeros: 12, 12.5, 12.33.</summary>
    public static string Number(double value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    private void Attributes(params (string Name, object? Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _xml.WriteAttributeString(name, value is double d ? Number(d) : value is int i ? i.ToString(CultureInfo.InvariantCulture) : value.ToString());
            }
        }
    }
}
