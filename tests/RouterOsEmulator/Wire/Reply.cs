namespace MikroNet.RouterOsEmulator.Wire;

/// <summary>Reply sentences as the router words them; the session adds the tag.</summary>
internal static class Reply
{
    public static string[] Done() => ["!done"];

    public static string[] Done(string ret) => ["!done", "=ret=" + ret];

    public static string[] Empty() => ["!empty"];

    public static string[] Re(IEnumerable<KeyValuePair<string, string>> item) => ["!re", .. item.Select(p => $"={p.Key}={p.Value}")];

    public static string[] Trap(string message, int? category = null) =>
        category is null ? ["!trap", "=message=" + message] : ["!trap", $"=category={category}", "=message=" + message];

    public static List<string[]> Failure(string message, int? category = null) => [Trap(message, category), Done()];

    /// <summary>The reason is a bare word, without <c>=</c>, exactly as real routers send it.</summary>
    public static string[] Fatal(string reason) => ["!fatal", reason];
}
