namespace MikroNet.RouterOs.Protocol;

/// <summary>One reply sentence split into its reply word, tag, attributes and bare words.</summary>
public sealed class ReplySentence
{
    private ReplySentence(string type, string? tag, RouterOsRecord attributes, IReadOnlyList<string> bareWords)
    {
        Type = type;
        Tag = tag;
        Attributes = attributes;
        BareWords = bareWords;
    }

    /// <summary>The reply word: <c>!re</c>, <c>!done</c>, <c>!trap</c>, <c>!fatal</c>, <c>!empty</c> or one not known yet.</summary>
    public string Type { get; }

    public string? Tag { get; }

    public RouterOsRecord Attributes { get; }

    /// <summary>Words without a leading <c>=</c>, such as the reason after <c>!fatal</c>.</summary>
    public IReadOnlyList<string> BareWords { get; }

    /// <summary>The tag may sit anywhere in the sentence (old RouterOS versions put it last).</summary>
    public static ReplySentence Parse(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            throw new ArgumentException("A reply sentence has at least one word.", nameof(words));
        }

        string? tag = null;
        var pairs = new List<KeyValuePair<string, string>>(words.Count - 1);
        var bare = new List<string>();
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            if (word.StartsWith(".tag=", StringComparison.Ordinal))
            {
                tag = word[5..];
            }
            else if (word.StartsWith('='))
            {
                pairs.Add(ParseAttribute(word));
            }
            else
            {
                bare.Add(word);
            }
        }

        return new ReplySentence(words[0], tag, new RouterOsRecord(pairs), bare);
    }

    /// <summary>
    /// Splits <c>=name=value</c> at the first <c>=</c> after the name, so values keep their own <c>=</c>;
    /// <c>=only-key</c> yields an empty value.
    /// </summary>
    public static KeyValuePair<string, string> ParseAttribute(string word)
    {
        var separator = word.IndexOf('=', 1);
        return separator < 0
            ? new(word[1..], string.Empty)
            : new(word[1..separator], word[(separator + 1)..]);
    }
}
