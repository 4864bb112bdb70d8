using MikroNet.RouterOsEmulator.State;
using MikroNet.RouterOsEmulator.Wire;

namespace MikroNet.RouterOsEmulator.Menus;

/// <summary>print/add/set/remove/enable/disable over one <see cref="ItemTable"/>, with RouterOS's traps.</summary>
internal sealed class TableMenu(string path, Func<RouterState, ItemTable> tableOf, MenuRules rules) : IMenu
{
    public string Path => path;

    public List<string[]>? Execute(string verb, Request request, RouterState state, EmulatorOptions options)
    {
        var table = tableOf(state);
        return verb switch
        {
            "print" or "getall" => Print(table, request, state, options),
            "remove" => Remove(table, request, state),
            "add" when rules.Writable is not null => Add(table, request, state),
            "set" when rules.Writable is not null => Set(table, request, state, request.Attributes),
            "enable" when rules.Writable is not null => Set(table, request, state, [new("disabled", "false")]),
            "disable" when rules.Writable is not null => Set(table, request, state, [new("disabled", "true")]),
            _ => null,
        };
    }

    private List<string[]> Print(ItemTable table, Request request, RouterState state, EmulatorOptions options)
    {
        var name = QueryEvaluator.IndexableName(request.Queries);
        var candidates = name is null ? table.All : table.WithName(name);
        return PrintCommand.Run(candidates.Select(item => rules.Present(state, item)), request, options);
    }

    private List<string[]> Add(ItemTable table, Request request, RouterState state)
    {
        var changes = ParseChanges(state, request.Attributes, out var failure);
        if (failure is not null)
        {
            return failure;
        }

        if (!changes.TryGetValue("name", out var name) || name.Length == 0)
        {
            return Reply.Failure(TrapMessages.NameRequired);
        }

        if (table.FindByName(name) is not null)
        {
            return Reply.Failure(rules.DuplicateName);
        }

        var item = new Dictionary<string, string>(rules.Defaults.Count + changes.Count + 1, StringComparer.Ordinal) { [".id"] = string.Empty };
        foreach (var (key, value) in rules.Defaults.Concat(changes))
        {
            item[key] = value;
        }

        return [Reply.Done(table.Adopt(item))];
    }

    private List<string[]> Set(ItemTable table, Request request, RouterState state, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var items = table.Resolve(ItemReference(request));
        if (items is null)
        {
            return Reply.Failure(TrapMessages.NoSuchItem);
        }

        var changes = ParseChanges(state, attributes.Where(a => a.Key is not (".id" or "numbers")), out var failure);
        if (failure is not null)
        {
            return failure;
        }

        foreach (var item in items)
        {
            if (changes.TryGetValue("name", out var name) && table.FindByName(name) is { } other && other != item)
            {
                return Reply.Failure(rules.DuplicateName);
            }
        }

        foreach (var item in items)
        {
            foreach (var (key, value) in changes)
            {
                if (key == "name")
                {
                    table.Rename(item, value);
                }
                else
                {
                    item[key] = value;
                }
            }
        }

        return [Reply.Done()];
    }

    private List<string[]> Remove(ItemTable table, Request request, RouterState state)
    {
        var items = table.Resolve(ItemReference(request));
        if (items is null)
        {
            return Reply.Failure(TrapMessages.NoSuchItem);
        }

        if (items.Select(rules.RemovalBlock).FirstOrDefault(block => block is not null) is { } blocked)
        {
            return Reply.Failure(blocked);
        }

        foreach (var item in items)
        {
            table.Remove(item);
            rules.OnRemoved(state, item);
        }

        return [Reply.Done()];
    }

    /// <summary>The API names the target <c>.id</c>; <c>numbers</c>, the console's name for it, works too.</summary>
    private static string? ItemReference(Request request) => request.Get(".id") ?? request.Get("numbers");

    /// <summary>
    /// Checks each argument as RouterOS does before it looks at any item: known name, boolean syntax, value among
    /// the allowed ones or naming an existing item (so a bad value traps even on a duplicate name).
    /// </summary>
    private Dictionary<string, string> ParseChanges(RouterState state, IEnumerable<KeyValuePair<string, string>> attributes, out List<string[]>? failure)
    {
        failure = null;
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (!rules.Writable!.Contains(key))
            {
                failure = Reply.Failure(TrapMessages.UnknownParameter(key));
                return changes;
            }

            if (rules.Booleans.Contains(key))
            {
                if (ParseBoolean(value) is not { } flag)
                {
                    failure = Reply.Failure(TrapMessages.InvalidValue(key), TrapMessages.ArgumentCategory);
                    return changes;
                }

                changes[key] = flag;
                continue;
            }

            if (rules.Validate(state, key, value) is { } invalid)
            {
                failure = Reply.Failure(invalid.Message, invalid.Category);
                return changes;
            }

            changes[key] = value;
        }

        return changes;
    }

    /// <summary>Routers take yes/no or true/false and always print true/false.</summary>
    private static string? ParseBoolean(string value) => value switch
    {
        "yes" or "true" => "true",
        "no" or "false" => "false",
        _ => null,
    };
}
