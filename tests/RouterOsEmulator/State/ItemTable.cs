using System.Globalization;

namespace MikroNet.RouterOsEmulator.State;

/// <summary>
/// One menu's items in <c>.id</c> order, with a name index so that <c>?name=</c> lookups stay O(1) at 10,000+ items.
/// Callers hold <see cref="RouterState.Sync"/>. Names are compared as the bytes they are (see <see cref="ByteText"/>).
/// </summary>
/// <param name="uniqueNames">False for menus such as <c>/ppp/active</c>, where one name may have several items.</param>
internal sealed class ItemTable(long firstId, bool uniqueNames = true)
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
        if (uniqueNames && item.TryGetValue("name", out var name))
        {
            _byName[name] = id;
        }
    }

    public Dictionary<string, string>? Find(string id) =>
        TryParseId(id, out var key) && _items.TryGetValue(key, out var item) ? item : null;

    public Dictionary<string, string>? FindByName(string name) => WithName(name).FirstOrDefault();

    /// <summary>O(1) where names are unique, a scan elsewhere.</summary>
    public IEnumerable<Dictionary<string, string>> WithName(string name)
    {
        if (!uniqueNames)
        {
            return _items.Values.Where(item => item.GetValueOrDefault("name") == name);
        }

        return _byName.TryGetValue(name, out var id) ? [_items[id]] : [];
    }

    /// <summary>
    /// What RouterOS takes where it wants an id (<c>.id=</c>, <c>numbers=</c>): a comma-separated list whose
    /// elements are ids (<c>*1A</c>) or item names. Null when any element matches nothing.
    /// </summary>
    public List<Dictionary<string, string>>? Resolve(string? ids)
    {
        if (string.IsNullOrEmpty(ids))
        {
            return null;
        }

        var items = new List<Dictionary<string, string>>();
        foreach (var reference in ids.Split(','))
        {
            var found = Find(reference) is { } byId ? [byId] : WithName(reference).ToList();
            if (found.Count == 0)
            {
                return null;
            }

            items.AddRange(found.Where(item => !items.Contains(item)));
        }

        return items;
    }

    public void Rename(Dictionary<string, string> item, string newName)
    {
        item.TryGetValue("name", out var old);
        item["name"] = newName;
        if (uniqueNames)
        {
            if (old is not null)
            {
                _byName.Remove(old);
            }

            _byName[newName] = ParseId(item[".id"]);
        }
    }

    public void Remove(Dictionary<string, string> item)
    {
        _items.Remove(ParseId(item[".id"]));
        if (uniqueNames && item.TryGetValue("name", out var name) && _byName.TryGetValue(name, out var indexed) && FormatId(indexed) == item[".id"])
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
