using System.Collections.Concurrent;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// Documents that parsed and passed validation, by their exact query text, so that a frontend repeating its queries
/// (with variables) pays for parsing and validating each text once. Bounded by `GraphQL:DocumentCacheSize`: when
/// full, an arbitrary entry makes room, so a caller sending endless distinct texts costs memory no more than that.
/// Only validated documents enter. GraphQL.NET's core rules depend on the text and the schema alone and are not run
/// again; the role rule and the complexity analyzer run again only where their verdict can differ (<see cref="CachedDocument"/>).
/// </summary>
public sealed class DocumentCache(IOptions<GraphOptions> options)
{
    private readonly ConcurrentDictionary<string, CachedDocument> _documents = new(StringComparer.Ordinal);

    public int Count => _documents.Count;

    public CachedDocument? Find(string query) => _documents.GetValueOrDefault(query);

    /// <summary>Keeps a document that has just passed every rule as a caller with <paramref name="roles"/>.</summary>
    public async ValueTask AddAsync(string query, GraphQLDocument document, string roles)
    {
        var capacity = options.Value.DocumentCacheSize;
        if (capacity == 0) return;
        var entry = await CachedDocument.CreateAsync(document, roles);
        while (_documents.Count >= capacity)
        {
            using var any = _documents.Keys.GetEnumerator();
            if (!any.MoveNext()) break;
            _documents.TryRemove(any.Current, out _);
        }
        _documents[query] = entry;
    }
}
