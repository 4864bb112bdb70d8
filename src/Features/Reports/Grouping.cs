namespace MikroNet.Features.Reports;

/// <summary>Reads a `by` query value (month, method, …; any case); names only, never the enum's numbers.</summary>
public static class Grouping
{
    public static bool TryParse<T>(string? text, T fallback, out T value) where T : struct, Enum
    {
        value = fallback;
        if (string.IsNullOrEmpty(text)) return true;
        return !char.IsAsciiDigit(text[0]) && text[0] != '-' && Enum.TryParse(text, ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }

    public static string Names<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
}
