using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using MikroNet.Features.Documents.Fonts;

namespace MikroNet.Features.Documents.Rendering;

/// <summary>
/// One A4 page written top to bottom: text blocks, label/value lines, table rows and a stamp. Long free text
/// (addresses, instructions, names) wraps within its column and pushes what follows down.
/// </summary>
internal sealed class PageWriter : IDisposable
{
    public const double Margin = 50;

    private static readonly XFont Body = new(EmbeddedFonts.Family, 9.5, XFontStyleEx.Regular);
    private static readonly XFont Strong = new(EmbeddedFonts.Family, 9.5, XFontStyleEx.Bold);
    private static readonly XFont Heading = new(EmbeddedFonts.Family, 16, XFontStyleEx.Bold);
    private static readonly XFont TitleFont = new(EmbeddedFonts.Family, 22, XFontStyleEx.Bold);
    private static readonly XFont Stamp = new(EmbeddedFonts.Family, 54, XFontStyleEx.Bold);
    private static readonly XPen Rule = new(XColors.LightGray, 0.75);

    private readonly XGraphics _gfx;

    public PageWriter(PdfDocument document)
    {
        var page = document.AddPage();
        page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(page);
        Width = page.Width.Point - 2 * Margin;
        Height = page.Height.Point;
    }

    public double Width { get; }
    public double Height { get; }
    public double Y { get; set; } = Margin;

    /// <summary>Wrapped text in a column; returns the height it took.</summary>
    public double Text(string text, double x, double y, double width, bool strong = false, bool heading = false,
        XBrush? brush = null, bool right = false)
    {
        if (text.Length == 0) return 0;
        var font = heading ? Heading : strong ? Strong : Body;
        var lineHeight = font.GetHeight();
        var lines = Wrap(text, font, width);
        for (var i = 0; i < lines.Count; i++)
            _gfx.DrawString(lines[i], font, brush ?? XBrushes.Black, new XRect(Margin + x, y + i * lineHeight, width, lineHeight),
                right ? XStringFormats.TopRight : XStringFormats.TopLeft);
        return lines.Count * lineHeight;
    }

    public void Title(string title) =>
        _gfx.DrawString(title, TitleFont, XBrushes.Black, new XRect(Margin, Margin, Width, 30), XStringFormats.TopRight);

    /// <summary>A row of cells at the current line (x offsets and widths within the text area); advances Y.</summary>
    public void Row(IReadOnlyList<(string Text, double X, double Width, bool Right)> cells, bool strong = false)
    {
        var height = cells.Max(c => Text(c.Text, c.X, Y, c.Width, strong, right: c.Right));
        Y += height + 4;
    }

    public void Line()
    {
        _gfx.DrawLine(Rule, Margin, Y, Margin + Width, Y);
        Y += 6;
    }

    public void Gap(double points) => Y += points;

    /// <summary>A large rotated word across the upper page (PAID, VOID, REFUNDED), in a translucent colour.</summary>
    public void StampWord(string word, XColor colour)
    {
        var state = _gfx.Save();
        var centre = new XPoint(Margin + Width / 2, 300);
        _gfx.RotateAtTransform(-18, centre);
        var brush = new XSolidBrush(XColor.FromArgb(90, colour));
        var size = _gfx.MeasureString(word, Stamp);
        var box = new XRect(centre.X - size.Width / 2 - 14, centre.Y - size.Height / 2 - 6, size.Width + 28, size.Height + 12);
        _gfx.DrawRectangle(new XPen(XColor.FromArgb(110, colour), 4), box);
        _gfx.DrawString(word, Stamp, brush, box, XStringFormats.Center);
        _gfx.Restore(state);
    }

    /// <summary>Breaks at spaces and line breaks; a word wider than the column is broken where it must be.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Fits(candidate, font, width)) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (!Fits(line, font, width) && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && !Fits(line[..cut], font, width)) cut = Math.Max(1, cut * 3 / 4);
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    private bool Fits(string text, XFont font, double width) => _gfx.MeasureString(text, font).Width <= width;

    public void Dispose() => _gfx.Dispose();
}
