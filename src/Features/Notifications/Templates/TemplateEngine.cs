using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace MikroNet.Features.Notifications.Templates;

/// <summary>
/// Liquid (Fluid) for message templates and provider request bodies. Values reach templates already formatted
/// (money and dates in Notifications:Culture), so templates need no culture of their own. Output is not encoded:
/// messages are plain text, and a JSON body escapes what it inserts with the <c>json</c> filter.
/// </summary>
public sealed partial class TemplateEngine
{
    private static readonly FluidParser Parser = new();
    private readonly TemplateOptions _options = new() { MaxSteps = 100_000, MaxRecursion = 20 };
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new();

    public TemplateEngine() =>
        _options.Filters.AddFilter("json", (input, _, _) =>
            new ValueTask<FluidValue>(new StringValue(JsonSerializer.Serialize(input.ToStringValue()))));

    /// <summary>Why the text is not a template, with its line and column; null when it parses.</summary>
    public static TemplateProblem? Problem(string source)
    {
        if (Parser.TryParse(source, out _, out var error)) return null;
        // Fluid says "End of tag '}}' was expected at (2:15)" and then quotes the source on further lines.
        var message = error.Split('\n')[0];
        var at = Position().Match(message);
        return at.Success
            ? new TemplateProblem(int.Parse(at.Groups[1].Value), int.Parse(at.Groups[2].Value), message[..at.Index].TrimEnd())
            : new TemplateProblem(1, 1, message);
    }

    /// <summary>
    /// Renders a template (parsed once per distinct text) with the model's values; a template that runs past its
    /// step budget (a loop over a huge range) throws <see cref="TemplateRenderException"/>.
    /// </summary>
    public string Render(string source, IReadOnlyDictionary<string, object?> model)
    {
        if (_parsed.Count > 1_000) _parsed.Clear();
        var template = _parsed.GetOrAdd(source, s => Parser.Parse(s));
        var context = new TemplateContext(_options);
        foreach (var (name, value) in model) context.SetValue(name, value);
        try
        {
            return template.Render(context, NullEncoder.Default).Trim();
        }
        catch (InvalidOperationException ex)
        {
            throw new TemplateRenderException(ex.Message);
        }
    }

    [GeneratedRegex(@"\s*at \((\d+):(\d+)\)$")]
    private static partial Regex Position();
}

public sealed record TemplateProblem(int Line, int Column, string Message)
{
    public override string ToString() => $"Line {Line}, column {Column}: {Message}";
}

public sealed class TemplateRenderException(string message) : Exception(message);
