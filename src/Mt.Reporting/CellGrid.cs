using ScottPlot;
using SkiaSharp;

namespace Mt.Reporting;

/// <summary>
/// A plottable that fills the rectangles of a rectilinear, possibly non-uniform grid with colours from a colour map:
/// cell [i, j] spans rows <c>YEdges[i]..YEdges[i+1]</c> and columns <c>XEdges[j]..XEdges[j+1]</c>, in data units.
/// Unlike a heatmap it keeps each cell's true size, so graded depth cells are drawn where they are.
/// </summary>
internal sealed class CellGrid(double[] xEdges, double[] yEdges, double[,] values, IColormap colormap, ScottPlot.Range range)
    : IPlottable, IHasColorAxis
{
    public bool IsVisible { get; set; } = true;
    public IAxes Axes { get; set; } = new Axes();
    public IEnumerable<LegendItem> LegendItems => [];
    public IColormap Colormap { get; set; } = colormap;

    public ScottPlot.Range GetRange() => range;

    public AxisLimits GetAxisLimits() => new(xEdges[0], xEdges[^1], yEdges[0], yEdges[^1]);

    public void Render(RenderPack rp)
    {
        using var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        float[] px = xEdges.Select(x => Axes.GetPixelX(x)).ToArray();
        float[] py = yEdges.Select(y => Axes.GetPixelY(y)).ToArray();
        double span = range.Max - range.Min;
        for (int i = 0; i < values.GetLength(0); i++)
        {
            float top = Math.Min(py[i], py[i + 1]), bottom = Math.Max(py[i], py[i + 1]);
            for (int j = 0; j < values.GetLength(1); j++)
            {
                double v = values[i, j];
                if (double.IsNaN(v))
                    continue;
                double f = Math.Clamp((v - range.Min) / span, 0, 1);
                paint.Color = Colormap.GetColor(f).ToSKColor();
                float left = Math.Min(px[j], px[j + 1]), right = Math.Max(px[j], px[j + 1]);
                // Half a pixel of overlap hides hairline seams between neighbouring cells.
                rp.Canvas.DrawRect(new SKRect(left, top, right + 0.5f, bottom + 0.5f), paint);
            }
        }
    }
}
