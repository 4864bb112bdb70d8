using System.Globalization;
using MikroNet.RouterOsEmulator.Wire;

namespace MikroNet.RouterOsEmulator.Menus;

internal static class PrintCommand
{
    public static List<string[]> Run(
        IEnumerable<IReadOnlyDictionary<string, string>> candidates, Request request, EmulatorOptions options)
    {
        var matches = candidates.Where(item => State.QueryEvaluator.Matches(item, request.Queries));
        if (request.Get("count-only") is not null)
        {
            return [Reply.Done(matches.Count().ToString(CultureInfo.InvariantCulture))];
        }

        var proplist = request.Get(".proplist")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var replies = matches
            .Select(item => Reply.Re(proplist is null ? item : item.Where(p => proplist.Contains(p.Key))))
            .ToList();
        if (replies.Count == 0 && options.EmptyReply)
        {
            replies.Add(Reply.Empty());
        }

        replies.Add(Reply.Done());
        return replies;
    }
}
