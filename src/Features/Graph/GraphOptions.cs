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

    /// <summary>Deepest nesting of objects and lists in an argument or a variable.</summary>
    [Range(1, 64)] public int MaxInputDepth { get; set; } = 16;
}
