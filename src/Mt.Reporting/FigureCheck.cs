namespace Mt.Reporting;

/// <summary>Argument checks shared by the figures; each failure is an <see cref="ArgumentException"/> naming the array.</summary>
internal static class FigureCheck
{
    /// <summary>Finite, strictly increasing and at least <paramref name="minLength"/> long.</summary>
    public static void Increasing(double[]? values, string name, int minLength, string parameter)
    {
        if (values is null)
            throw new ArgumentException($"{name} is null.", parameter);
        if (values.Length < minLength)
            throw new ArgumentException($"{name} has {values.Length} values; at least {minLength} are needed.", parameter);
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] is not finite.", parameter);
            if (i > 0 && values[i] <= values[i - 1])
                throw new ArgumentException($"{name} must be strictly increasing ({name}[{i}] = {values[i]} after {values[i - 1]}).", parameter);
        }
    }

    /// <summary>Not null and of shape [rows, columns]; <paramref name="expected"/> says where the shape comes from.</summary>
    public static void Shape(double[,]? values, int rows, int columns, string name, string expected, string parameter)
    {
        if (values is null)
            throw new ArgumentException($"{name} is null.", parameter);
        if (values.GetLength(0) != rows || values.GetLength(1) != columns)
            throw new ArgumentException(
                $"{name} is [{values.GetLength(0)}, {values.GetLength(1)}] but must be {expected} = [{rows}, {columns}].", parameter);
    }

    /// <summary>Every value finite.</summary>
    public static void Finite(double[,] values, string name, string parameter)
    {
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < values.GetLength(1); j++)
                if (!double.IsFinite(values[i, j]))
                    throw new ArgumentException($"{name}[{i}, {j}] is not finite.", parameter);
    }

    /// <summary>Frequencies: positive, finite, strictly ascending, at least one.</summary>
    public static void Frequencies(double[]? frequenciesHz, string name, string parameter)
    {
        Increasing(frequenciesHz, name, 1, parameter);
        if (frequenciesHz![0] <= 0)
            throw new ArgumentException($"{name} must be positive.", parameter);
    }
}
