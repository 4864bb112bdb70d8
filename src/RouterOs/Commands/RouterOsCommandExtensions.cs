namespace MikroNet.RouterOs;

/// <summary>Menu verbs on top of <see cref="RouterOsConnection.SendAsync"/>; <c>path</c> is a menu such as <c>/ppp/secret</c>.</summary>
public static class RouterOsCommandExtensions
{
    /// <param name="queryOrProplist">Words such as <c>?name=alice</c> or <c>=.proplist=.id,name</c>.</param>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> PrintAsync(
        this RouterOsConnection connection, string path, params string[] queryOrProplist) =>
        (await connection.SendAsync(Verb(path, "print"), queryOrProplist)).Items;

    public static Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> PrintAsync(
        this RouterOsConnection connection, string path, IEnumerable<string> queryOrProplist, CancellationToken cancellationToken) =>
        PrintCoreAsync(connection, path, queryOrProplist, cancellationToken);

    /// <returns>The <c>.id</c> of the new item.</returns>
    public static async Task<string> AddAsync(
        this RouterOsConnection connection,
        string path,
        IEnumerable<KeyValuePair<string, string>> properties,
        CancellationToken cancellationToken = default)
    {
        var reply = await connection.SendAsync(Verb(path, "add"), Attributes(properties), cancellationToken: cancellationToken);
        return reply.Ret ?? throw new RouterOsProtocolException($"{path}/add succeeded without returning the new .id.");
    }

    public static Task SetAsync(
        this RouterOsConnection connection,
        string path,
        string id,
        IEnumerable<KeyValuePair<string, string>> properties,
        CancellationToken cancellationToken = default) =>
        connection.SendAsync(Verb(path, "set"), [IdWord(id), .. Attributes(properties)], cancellationToken: cancellationToken);

    public static Task RemoveAsync(
        this RouterOsConnection connection, string path, string id, CancellationToken cancellationToken = default) =>
        connection.SendAsync(Verb(path, "remove"), [IdWord(id)], cancellationToken: cancellationToken);

    public static async Task<string> GetIdentityAsync(this RouterOsConnection connection, CancellationToken cancellationToken = default)
    {
        var items = await PrintCoreAsync(connection, "/system/identity", [], cancellationToken);
        return items.Count > 0 && items[0].TryGetValue("name", out var name) ? name : string.Empty;
    }

    public static async Task<RouterOsResource> GetResourceAsync(this RouterOsConnection connection, CancellationToken cancellationToken = default)
    {
        var items = await PrintCoreAsync(connection, "/system/resource", [], cancellationToken);
        var raw = items.Count > 0 ? items[0] : new Dictionary<string, string>();
        return new RouterOsResource(
            raw.GetValueOrDefault("version", string.Empty),
            raw.GetValueOrDefault("board-name", string.Empty),
            raw.GetValueOrDefault("uptime", string.Empty),
            raw.GetValueOrDefault("architecture-name", string.Empty),
            raw.GetValueOrDefault("cpu-load", string.Empty),
            raw);
    }

    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> PrintCoreAsync(
        RouterOsConnection connection, string path, IEnumerable<string> words, CancellationToken cancellationToken) =>
        (await connection.SendAsync(Verb(path, "print"), words, cancellationToken: cancellationToken)).Items;

    private static string Verb(string path, string verb) => path.TrimEnd('/') + "/" + verb;

    private static string IdWord(string id) => "=.id=" + id;

    private static IEnumerable<string> Attributes(IEnumerable<KeyValuePair<string, string>> properties) =>
        properties.Select(p => $"={p.Key}={p.Value}");
}
