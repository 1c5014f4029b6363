using Mt.Forward;

namespace Mt.Data.Responses;

/// <summary>Text names of <see cref="Mode"/> in files and on the command line.</summary>
public static class ModeText
{
    /// <summary>The accepted names, for messages: "TE, TM".</summary>
    public static string Names { get; } = string.Join(", ", Enum.GetNames<Mode>());

    /// <summary>Parses a mode name (TE or TM, any case); numbers are not accepted.</summary>
    public static bool TryParse(string text, out Mode mode)
    {
        foreach (Mode candidate in Enum.GetValues<Mode>())
        {
            if (string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }
        mode = default;
        return false;
    }
}
