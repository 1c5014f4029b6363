using ScottPlot;

namespace Mt.Reporting;

/// <summary>A multiplot layout whose subplot rectangles are computed from the figure's size by a function (for
/// figures that need a header or one tall colour bar beside a grid of panels).</summary>
internal sealed class FixedLayout(Func<PixelRect, PixelRect[]> rectangles) : IMultiplotLayout
{
    public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect)
    {
        PixelRect[] rects = rectangles(figureRect);
        if (rects.Length != subplots.Count)
            throw new InvalidOperationException($"The layout places {rects.Length} panels but the figure has {subplots.Count}.");
        return rects;
    }

    /// <summary>The rectangle of column <paramref name="column"/> and row <paramref name="row"/> of panels of the given
    /// size whose grid starts at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public static PixelRect Cell(float left, float top, float width, float height, int row, int column) =>
        new(left + column * width, left + (column + 1) * width, top + (row + 1) * height, top + row * height);

    /// <summary>A header across the top, below it <paramref name="rows"/> x <paramref name="columns"/> panels of the
    /// given size, and one colour bar of <paramref name="barWidth"/> beside them: the panels row by row, then the header,
    /// then the bar (the order of the multiplot's plots).</summary>
    public static FixedLayout HeaderPanelsAndBar(int rows, int columns, float panelWidth, float panelHeight, float headerHeight, float barWidth) =>
        new(figure =>
        {
            var rects = new List<PixelRect>();
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    rects.Add(Cell(figure.Left, figure.Top + headerHeight, panelWidth, panelHeight, r, c));
            rects.Add(new PixelRect(figure.Left, figure.Right, figure.Top + headerHeight, figure.Top));
            float barLeft = figure.Left + columns * panelWidth;
            rects.Add(new PixelRect(barLeft, barLeft + barWidth, figure.Top + headerHeight + rows * panelHeight, figure.Top + headerHeight));
            return rects.ToArray();
        });
}
