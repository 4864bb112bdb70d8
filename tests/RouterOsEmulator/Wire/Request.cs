namespace MikroNet.RouterOsEmulator.Wire;

/// <summary>A client sentence: command word, <c>=</c> attributes in order, <c>?</c> queries in order, and the tag.</summary>
internal sealed record Request(string Command, IReadOnlyList<KeyValuePair<string, string>> Attributes, IReadOnlyList<string> Queries, string? Tag)
{
    public static Request Parse(IReadOnlyList<string> words)
    {
        var attributes = new List<KeyValuePair<string, string>>();
        var queries = new List<string>();
        string? tag = null;
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            if (word.StartsWith(".tag=", StringComparison.Ordinal))
            {
                tag = word[5..];
            }
            else if (word.StartsWith('?'))
            {
                queries.Add(word[1..]);
            }
            else if (word.StartsWith('='))
            {
                var separator = word.IndexOf('=', 1);
                attributes.Add(separator < 0 ? new(word[1..], string.Empty) : new(word[1..separator], word[(separator + 1)..]));
            }
        }

        return new Request(words[0], attributes, queries, tag);
    }

    public string? Get(string key)
    {
        foreach (var (name, value) in Attributes)
        {
            if (name == key)
            {
                return value;
            }
        }

        return null;
    }
}
