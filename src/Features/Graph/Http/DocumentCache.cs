using System.Collections.Concurrent;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// Documents that parsed and passed validation, by their exact query text, so that a frontend repeating its queries
/// (with variables) pays for parsing and validating each text once. Bounded by `GraphQL:DocumentCacheSize`: when
/// full, an arbitrary entry makes room, so a caller sending endless distinct texts costs memory no more than that.
/// Only validated documents enter; validation depends on the text and the schema alone, never on variables.
/// </summary>
public sealed class DocumentCache(IOptions<GraphOptions> options)
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    public int Count => _documents.Count;

    public GraphQLDocument? Find(string query) => _documents.GetValueOrDefault(query);

    public void Add(string query, GraphQLDocument document)
    {
        var capacity = options.Value.DocumentCacheSize;
        if (capacity == 0) return;
        while (_documents.Count >= capacity)
        {
            using var any = _documents.Keys.GetEnumerator();
            if (!any.MoveNext()) break;
            _documents.TryRemove(any.Current, out _);
        }
        _documents[query] = document;
    }
}
