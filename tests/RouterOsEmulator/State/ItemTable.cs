using System.Globalization;

namespace MikroNet.RouterOsEmulator.State;

/// <summary>
/// One menu's items in <c>.id</c> order, with a name index so that <c>?name=</c> lookups stay O(1) at 10,000+ items.
/// Callers hold <see cref="RouterState.Sync"/>.
/// </summary>
internal sealed class ItemTable(long firstId)
{
    private readonly SortedDictionary<long, Dictionary<string, string>> _items = [];
    private readonly Dictionary<string, long> _byName = new(StringComparer.Ordinal);
    private long _nextId = firstId;

    public int Count => _items.Count;

    public IEnumerable<Dictionary<string, string>> All => _items.Values;

    public static string FormatId(long id) => "*" + id.ToString("X", CultureInfo.InvariantCulture);

    public string Add(Dictionary<string, string> fields) => Insert(_nextId++, fields);

    /// <summary>For built-in items whose ids sit outside the counter, like <c>*FFFFFFFE</c>.</summary>
    public string Insert(long id, Dictionary<string, string> fields)
    {
        var formatted = FormatId(id);
        var item = new Dictionary<string, string>(fields.Count + 1, StringComparer.Ordinal) { [".id"] = formatted };
        foreach (var (key, value) in fields)
        {
            item[key] = value;
        }

        Store(id, item);
        return formatted;
    }

    /// <summary>Keeps <paramref name="item"/> itself; it must already hold an <c>.id</c> key so that it prints first.</summary>
    public string Adopt(Dictionary<string, string> item)
    {
        var id = _nextId++;
        var formatted = FormatId(id);
        item[".id"] = formatted;
        Store(id, item);
        return formatted;
    }

    private void Store(long id, Dictionary<string, string> item)
    {
        _items[id] = item;
        if (item.TryGetValue("name", out var name))
        {
            _byName[name] = id;
        }
    }

    public Dictionary<string, string>? Find(string id) =>
        TryParseId(id, out var key) && _items.TryGetValue(key, out var item) ? item : null;

    public Dictionary<string, string>? FindByName(string name) =>
        _byName.TryGetValue(name, out var id) ? _items[id] : null;

    public void Rename(Dictionary<string, string> item, string newName)
    {
        var id = ParseId(item[".id"]);
        if (item.TryGetValue("name", out var old))
        {
            _byName.Remove(old);
        }

        item["name"] = newName;
        _byName[newName] = id;
    }

    public void Remove(Dictionary<string, string> item)
    {
        _items.Remove(ParseId(item[".id"]));
        if (item.TryGetValue("name", out var name) && _byName.TryGetValue(name, out var indexed) && FormatId(indexed) == item[".id"])
        {
            _byName.Remove(name);
        }
    }

    private static long ParseId(string id) => TryParseId(id, out var value) ? value : throw new FormatException(id);

    private static bool TryParseId(string id, out long value)
    {
        value = 0;
        return id.Length > 1 && id[0] == '*'
            && long.TryParse(id.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
