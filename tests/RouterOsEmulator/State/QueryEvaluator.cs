namespace MikroNet.RouterOsEmulator.State;

/// <summary>
/// RouterOS query words: each pushes a boolean onto a stack that starts as endless <c>true</c>s; <c>?#</c> combines
/// them; an item matches when no <c>false</c> remains.
/// </summary>
internal static class QueryEvaluator
{
    public static bool Matches(IReadOnlyDictionary<string, string> item, IReadOnlyList<string> queries)
    {
        var stack = new List<bool>();
        foreach (var query in queries)
        {
            if (query.StartsWith('#'))
            {
                ApplyOperations(stack, query[1..]);
            }
            else
            {
                stack.Add(Test(item, query));
            }
        }

        return !stack.Contains(false);
    }

    /// <summary>The single <c>?name=</c> among plain queries, which the caller may answer from the name index.</summary>
    public static string? IndexableName(IReadOnlyList<string> queries)
    {
        if (queries.Any(q => q.StartsWith('#')))
        {
            return null;
        }

        var byName = queries.FirstOrDefault(q => q.StartsWith("name=", StringComparison.Ordinal) || q.StartsWith("=name=", StringComparison.Ordinal));
        return byName?[(byName.IndexOf('=', 1) + 1)..];
    }

    private static bool Test(IReadOnlyDictionary<string, string> item, string query)
    {
        switch (query[0])
        {
            case '-':
                return !item.ContainsKey(query[1..]);
            case '<':
            case '>':
                var (key, value) = Split(query[1..]);
                if (!item.TryGetValue(key, out var actual))
                {
                    return false;
                }

                var order = long.TryParse(actual, out var a) && long.TryParse(value, out var b)
                    ? a.CompareTo(b)
                    : string.CompareOrdinal(actual, value);
                return query[0] == '<' ? order < 0 : order > 0;
        }

        if (!query.Contains('=', StringComparison.Ordinal))
        {
            return item.ContainsKey(query);
        }

        // "?=name=value" is an accepted variant of "?name=value".
        var (name, expected) = Split(query.StartsWith('=') ? query[1..] : query);
        return item.TryGetValue(name, out var current) && Normalize(current) == Normalize(expected);
    }

    private static void ApplyOperations(List<bool> stack, string operations)
    {
        foreach (var op in operations)
        {
            switch (op)
            {
                case '!':
                    stack.Add(!Pop(stack));
                    break;
                case '&':
                    var andRight = Pop(stack);
                    stack.Add(Pop(stack) && andRight);
                    break;
                case '|':
                    var orRight = Pop(stack);
                    stack.Add(Pop(stack) | orRight);
                    break;
                case >= '0' and <= '9':
                    var index = op - '0';
                    stack.Add(index < stack.Count ? stack[stack.Count - 1 - index] : true);
                    break;
            }
        }
    }

    private static bool Pop(List<bool> stack)
    {
        if (stack.Count == 0)
        {
            return true;
        }

        var top = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return top;
    }

    private static (string Key, string Value) Split(string text)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        return separator < 0 ? (text, string.Empty) : (text[..separator], text[(separator + 1)..]);
    }

    /// <summary>Routers print booleans as true/false but take yes/no in queries too.</summary>
    private static string Normalize(string value) => value switch
    {
        "yes" => "true",
        "no" => "false",
        _ => value,
    };
}
