using System.Reflection;
using System.Text.Json;
using MikroNet.Features.Common;
using NJsonSchema.Generation;

namespace MikroNet.Host.ApiDocs;

/// <summary>Lists the values of text properties marked with <see cref="EnumValuesAttribute"/>.</summary>
internal sealed class EnumValues : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        foreach (var property in context.ContextualType.Type.GetProperties())
        {
            if (property.GetCustomAttribute<EnumValuesAttribute>() is not { } values) continue;
            if (!context.Schema.Properties.TryGetValue(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), out var schema))
                continue;
            schema.Enumeration.Clear();
            foreach (var value in values.Values) schema.Enumeration.Add(value);
        }
    }
}
