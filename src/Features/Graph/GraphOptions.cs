using System.ComponentModel.DataAnnotations;

namespace MikroNet.Features.Graph;

/// <summary>Limits of the read side (section `GraphQL`).</summary>
public sealed class GraphOptions
{
    public const string Section = "GraphQL";

    /// <summary>Deepest selection allowed (introspection fields are not counted).</summary>
    [Range(1, 100)] public int MaxDepth { get; set; } = 10;

    /// <summary>Largest complexity (GraphQL.NET's analyzer: lists multiply their children by first/last).</summary>
    [Range(1, int.MaxValue)] public int MaxComplexity { get; set; } = 50_000;

    /// <summary>Largest `first`/`last`.</summary>
    [Range(1, 100_000)] public int MaxPageSize { get; set; } = 100;

    /// <summary>Page size when neither `first` nor `last` is given.</summary>
    [Range(1, 100_000)] public int DefaultPageSize { get; set; } = 10;

    /// <summary>Longest list in an argument or a variable (`in: [...]`, `or: [...]`, `order: [...]`).</summary>
    [Range(1, 1_000_000)] public int MaxListLength { get; set; } = 1_000;

    /// <summary>Most objects and operations in one `where` (`{ name: { eq: "x" } }` counts 2).</summary>
    [Range(1, 1_000_000)] public int MaxFilterNodes { get; set; } = 500;

    /// <summary>Distinct query texts whose parsed, validated document is kept (0: none).</summary>
    [Range(0, 1_000_000)] public int DocumentCacheSize { get; set; } = 1_000;

    /// <summary>
    /// Whether a cached one-client tree document is answered by one PostgreSQL statement that writes the whole answer
    /// (Sql/SqlAnswers.cs) instead of GraphQL.NET's execution; the answers are the same.
    /// </summary>
    public bool SqlAnswers { get; set; } = true;

    /// <summary>Subscriptions one WebSocket connection may hold open at once.</summary>
    [Range(1, 10_000)] public int MaxSubscriptionsPerConnection { get; set; } = 100;

    /// <summary>How long a WebSocket may stay open before its `connection_init` (then closed with 4408).</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the server pings an idle WebSocket connection (graphql-transport-ws `ping`).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Largest WebSocket message a client may send (then closed with 1009).</summary>
    [Range(1024, 16 * 1024 * 1024)] public int MaxSocketMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Requests GraphQL.NET executes at once over HTTP, each holding its result until it is written; the others wait
    /// (Http/ExecutionSlots). Two per CPU by default.
    /// </summary>
    [Range(1, 10_000)] public int MaxConcurrentExecutions { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Deepest nesting of objects and lists in an argument or a variable.</summary>
    [Range(1, 64)] public int MaxInputDepth { get; set; } = 16;
}
