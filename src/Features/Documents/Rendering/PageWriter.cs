using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using MikroNet.Features.Documents.Fonts;

namespace MikroNet.Features.Documents.Rendering;

/// <summary>
/// A4 pages written top to bottom: text blocks, table rows and a stamp. Long free text (addresses, instructions,
/// names) wraps within its column and pushes what follows down; a block or row that no longer fits starts a new page
/// (an invoice with a hundred part payments lists them all).
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

    private readonly PdfDocument _document;
    private XGraphics _gfx;

    public PageWriter(PdfDocument document)
    {
        _document = document;
        _gfx = NewPage();
        Width = _document.Pages[0].Width.Point - 2 * Margin;
        Height = _document.Pages[0].Height.Point;
    }

    public double Width { get; }
    public double Height { get; }
    public double Y { get; set; } = Margin;

    /// <summary>Wrapped text across the line at the current position (a new page first if it does not fit); advances Y.</summary>
    public void Block(string text, double x, double width, bool strong = false, bool heading = false, XBrush? brush = null,
        double after = 0)
    {
        if (text.Length == 0) return;
        MakeRoom(Wrap(text, Font(strong, heading), width).Count * Font(strong, heading).GetHeight());
        Y += Text(text, x, Y, width, strong, heading, brush) + after;
    }

    /// <summary>Wrapped text in a column; returns the height it took.</summary>
    public double Text(string text, double x, double y, double width, bool strong = false, bool heading = false,
        XBrush? brush = null, bool right = false)
    {
        if (text.Length == 0) return 0;
        var font = Font(strong, heading);
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
        MakeRoom(cells.Max(c => Wrap(c.Text, Font(strong, false), c.Width).Count) * Font(strong, false).GetHeight());
        var height = cells.Max(c => Text(c.Text, c.X, Y, c.Width, strong, right: c.Right));
        Y += height + 4;
    }

    public void Line()
    {
        MakeRoom(6);
        _gfx.DrawLine(Rule, Margin, Y, Margin + Width, Y);
        Y += 6;
    }

    public void Gap(double points) => Y += points;

    /// <summary>A large rotated word across the upper first page (PAID, VOID, REFUNDED), translucent, drawn first so the text lies on it.</summary>
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

    private static XFont Font(bool strong, bool heading) => heading ? Heading : strong ? Strong : Body;

    private void MakeRoom(double height)
    {
        if (Y + height <= Height - Margin || Y <= Margin) return;
        _gfx.Dispose();
        _gfx = NewPage();
        Y = Margin;
    }

    private XGraphics NewPage()
    {
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        return XGraphics.FromPdfPage(page);
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
