using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace MikroNet.Features.Documents.Fonts;

/// <summary>
/// PDFsharp's font source: DejaVu Sans and DejaVu Sans Bold embedded in this assembly (Fonts/LICENSE), whatever family
/// a document asks for, so nothing depends on the fonts installed on the machine.
/// </summary>
public sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, byte[]> Faces = new();

    /// <summary>Installs the resolver once per process (PDFsharp refuses a second one).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts) GlobalFontSettings.FontResolver = new EmbeddedFonts();
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[] GetFont(string faceName) => Faces.GetOrAdd(faceName, name =>
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"MikroNet.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name}.ttf is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
