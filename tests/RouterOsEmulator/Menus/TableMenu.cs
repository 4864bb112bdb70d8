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
        IEnumerable<Dictionary<string, string>> candidates = name is null
            ? table.All
            : table.FindByName(name) is { } found ? [found] : [];
        return PrintCommand.Run(candidates.Select(item => rules.Present(state, item)), request, options);
    }

    private List<string[]> Add(ItemTable table, Request request, RouterState state)
    {
        var changes = ParseChanges(request.Attributes, out var failure);
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

        if (rules.Validate(state, item) is { } invalid)
        {
            return Reply.Failure(invalid.Message, invalid.Category);
        }

        return [Reply.Done(table.Adopt(item))];
    }

    private List<string[]> Set(ItemTable table, Request request, RouterState state, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var items = FindAll(table, request.Get(".id"));
        if (items is null)
        {
            return Reply.Failure(TrapMessages.NoSuchItem);
        }

        var changes = ParseChanges(attributes.Where(a => a.Key != ".id"), out var failure);
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

            var after = new Dictionary<string, string>(item);
            foreach (var (key, value) in changes)
            {
                after[key] = value;
            }

            if (rules.Validate(state, after) is { } invalid)
            {
                return Reply.Failure(invalid.Message, invalid.Category);
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
        var items = FindAll(table, request.Get(".id"));
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

    /// <summary><c>.id</c> may list several ids separated by commas; all must exist.</summary>
    private static List<Dictionary<string, string>>? FindAll(ItemTable table, string? ids)
    {
        if (string.IsNullOrEmpty(ids))
        {
            return null;
        }

        var items = new List<Dictionary<string, string>>();
        foreach (var id in ids.Split(','))
        {
            if (table.Find(id) is not { } item)
            {
                return null;
            }

            items.Add(item);
        }

        return items;
    }

    private Dictionary<string, string> ParseChanges(IEnumerable<KeyValuePair<string, string>> attributes, out List<string[]>? failure)
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
