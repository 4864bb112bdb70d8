using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MikroNet.RouterOs;

/// <summary>
/// The attributes of one reply sentence. Some menus repeat a key within one sentence, so the pairs are kept in order;
/// the dictionary view answers with the last value of a repeated key.
/// </summary>
public sealed class RouterOsRecord : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _lookup;

    public RouterOsRecord(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        Pairs = pairs;
        _lookup = new Dictionary<string, string>(pairs.Count, StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            _lookup[key] = value;
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; }

    public string this[string key] => _lookup[key];

    public IEnumerable<string> Keys => _lookup.Keys;

    public IEnumerable<string> Values => _lookup.Values;

    public int Count => _lookup.Count;

    public bool ContainsKey(string key) => _lookup.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _lookup.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _lookup.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
