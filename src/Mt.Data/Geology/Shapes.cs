namespace Mt.Data.Geology;

/// <summary>Kinds of anomaly shape.</summary>
public enum ShapeKind
{
    /// <summary>Axis-aligned rectangle.</summary>
    Rectangle,

    /// <summary>Axis-aligned ellipse.</summary>
    Ellipse,

    /// <summary>Parallelogram with horizontal top and bottom and sides dipping at a random angle.</summary>
    DippingBody,

    /// <summary>Irregular polygon, star-shaped about its centre.</summary>
    Polygon,
}

/// <summary>A point of the profile section: lateral position and depth (m, depth positive down).</summary>
/// <param name="YM">Lateral position (m).</param>
/// <param name="ZM">Depth (m).</param>
public readonly record struct SectionPoint(double YM, double ZM);

/// <summary>A closed region of the (y, z) section.</summary>
public abstract record Shape
{
    /// <summary>What kind of shape this is.</summary>
    public abstract ShapeKind Kind { get; }

    /// <summary>Whether the point (<paramref name="yM"/>, <paramref name="zM"/>) lies inside.</summary>
    public abstract bool Contains(double yM, double zM);
}

/// <summary>An ellipse with axes along y and z.</summary>
/// <param name="Centre">Centre (m).</param>
/// <param name="SemiAxisYM">Half the lateral extent (m).</param>
/// <param name="SemiAxisZM">Half the vertical extent (m).</param>
public sealed record EllipseShape(SectionPoint Centre, double SemiAxisYM, double SemiAxisZM) : Shape
{
    /// <inheritdoc />
    public override ShapeKind Kind => ShapeKind.Ellipse;

    /// <inheritdoc />
    public override bool Contains(double yM, double zM)
    {
        double u = (yM - Centre.YM) / SemiAxisYM, v = (zM - Centre.ZM) / SemiAxisZM;
        return u * u + v * v <= 1;
    }
}

/// <summary>A simple polygon (rectangle, dipping body or irregular polygon); inside by the even-odd rule.</summary>
/// <param name="PolygonKind">The kind of shape the vertices describe.</param>
/// <param name="Vertices">Vertices in order, at least 3; the last connects back to the first.</param>
public sealed record PolygonShape(ShapeKind PolygonKind, IReadOnlyList<SectionPoint> Vertices) : Shape
{
    /// <inheritdoc />
    public override ShapeKind Kind => PolygonKind;

    /// <inheritdoc />
    public override bool Contains(double yM, double zM)
    {
        bool inside = false;
        for (int i = 0, j = Vertices.Count - 1; i < Vertices.Count; j = i++)
        {
            SectionPoint a = Vertices[i], b = Vertices[j];
            if ((a.ZM > zM) != (b.ZM > zM) && yM < a.YM + (zM - a.ZM) * (b.YM - a.YM) / (b.ZM - a.ZM))
                inside = !inside;
        }

        return inside;
    }
}
