using System.Globalization;
using System.Security;
using System.Text;

namespace HighPerf.Benchmarks.Reports;

/// <summary>One line of a <see cref="SvgLineChart"/>: its legend name, its stroke colour and its points in data units.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

/// <summary>
/// A line chart as a standalone SVG document: a title, both axes from zero with "nice" ticks (1, 2 or 5 times a power
/// of ten) and grid lines, axis labels, one polyline per series and a legend. Enough for a committed report, no more.
/// </summary>
internal static class SvgLineChart
{
    private const int Left = 78;
    private const int Right = 24;
    private const int Top = 56;
    private const int Bottom = 62;
    private const int TargetTicks = 6;

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, int width = 880, int height = 480)
    {
        var maxX = 0.0;
        var maxY = 0.0;
        foreach (var s in series)
        {
            foreach (var (x, y) in s.Points)
            {
                maxX = Math.Max(maxX, x);
                maxY = Math.Max(maxY, y);
            }
        }

        var xStep = NiceStep(maxX);
        var yStep = NiceStep(maxY);
        var xMax = Math.Max(xStep, Math.Ceiling(maxX / xStep) * xStep);
        var yMax = Math.Max(yStep, Math.Ceiling(maxY / yStep) * yStep);
        var plotWidth = width - Left - Right;
        var plotHeight = height - Top - Bottom;
        double Px(double x) => Left + x / xMax * plotWidth;
        double Py(double y) => Top + plotHeight - y / yMax * plotHeight;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{width / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">{Escape(title)}</text>""").Append('\n');

        // Grid and ticks first, so the lines are drawn over them.
        for (var x = 0.0; x <= xMax + xStep / 2; x += xStep)
        {
            var px = F(Px(x));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{px}" y1="{Top}" x2="{px}" y2="{Top + plotHeight}" stroke="#e4e4e4"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{px}" y1="{Top + plotHeight}" x2="{px}" y2="{Top + plotHeight + 5}" stroke="black"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{px}" y="{Top + plotHeight + 19}" text-anchor="middle">{Label(x)}</text>""").Append('\n');
        }

        for (var y = 0.0; y <= yMax + yStep / 2; y += yStep)
        {
            var py = F(Py(y));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{py}" x2="{Left + plotWidth}" y2="{py}" stroke="#e4e4e4"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left - 5}" y1="{py}" x2="{Left}" y2="{py}" stroke="black"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 8}" y="{py}" text-anchor="end" dominant-baseline="middle">{Label(y)}</text>""").Append('\n');
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top + plotHeight}" x2="{Left + plotWidth}" y2="{Top + plotHeight}" stroke="black"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Top + plotHeight}" stroke="black"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + plotWidth / 2}" y="{height - 16}" text-anchor="middle">{Escape(xLabel)}</text>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text transform="translate(20 {Top + plotHeight / 2}) rotate(-90)" text-anchor="middle">{Escape(yLabel)}</text>""").Append('\n');

        foreach (var s in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{s.Color}" stroke-width="2" stroke-linejoin="round" points=" """);
            foreach (var (x, y) in s.Points)
            {
                svg.Append(F(Px(x))).Append(',').Append(F(Py(y))).Append(' ');
            }

            svg.Append("\"/>\n");
        }

        // Legend in the top left corner of the plot, one row per series.
        for (var i = 0; i < series.Count; i++)
        {
            var y = Top + 16 + i * 20;
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left + 14}" y1="{y}" x2="{Left + 44}" y2="{y}" stroke="{series[i].Color}" stroke-width="3"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + 52}" y="{y}" dominant-baseline="middle">{Escape(series[i].Name)}</text>""").Append('\n');
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>The tick step: 1, 2 or 5 times a power of ten, giving about <see cref="TargetTicks"/> ticks up to <paramref name="max"/>.</summary>
    internal static double NiceStep(double max)
    {
        if (max <= 0 || double.IsNaN(max))
        {
            return 1;
        }

        var raw = max / TargetTicks;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static string Label(double value) => value.ToString(Math.Abs(value - Math.Round(value)) < 1e-9 ? "0" : "0.###", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
