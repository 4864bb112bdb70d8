using System.Reflection;
using NJsonSchema.Generation;

namespace MikroNet.Host.ApiDocs;

/// <summary>
/// Readable, unique schema names for generated clients: a use case's Request/Response and any type whose name
/// another feature also uses take the use case's folder as prefix (RegisterClientRequest, ClientDetailsInvoiceView);
/// generic wrappers read as their argument (ClientViewEnvelope, ClientViewListEnvelope); nested types join their
/// parent's name (ProblemDetailsError).
/// </summary>
internal sealed class SchemaNames(Assembly features) : ISchemaNameGenerator
{
    private readonly HashSet<string> _sharedNames = features.GetTypes()
        .Where(t => t.IsPublic && t.Namespace is not null)
        .GroupBy(t => t.Name)
        .Where(g => g.Select(t => t.Namespace).Distinct().Count() > 1)
        .Select(g => g.Key)
        .ToHashSet();

    public string Generate(Type type)
    {
        if (type.IsGenericType)
        {
            var definition = type.Name[..type.Name.IndexOf('`')];
            var arguments = string.Concat(type.GetGenericArguments().Select(Generate));
            return arguments + (typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? "List" : definition);
        }
        if (type.IsNested) return Generate(type.DeclaringType!) + type.Name;
        var useCase = type.Namespace?.StartsWith("MikroNet.Features.", StringComparison.Ordinal) == true
            ? type.Namespace.Split('.')[^1]
            : null;
        return useCase is not null && (type.Name is "Request" or "Response" || _sharedNames.Contains(type.Name))
            ? useCase + type.Name
            : type.Name;
    }
}
