using System.Text;

namespace MikroNet.RouterOsEmulator.Wire;

/// <summary>Reads client sentences; reads may stop anywhere, so every byte goes through the buffer.</summary>
internal sealed class WireReader(Stream stream, Encoding encoding)
{
    private const int MaxWordLength = 64 * 1024 * 1024;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _position;
    private int _length;

    public bool HasBufferedData => _position < _length;

    /// <summary>Null when the client closed the connection between sentences.</summary>
    public async Task<List<string>?> ReadSentenceAsync(CancellationToken cancellationToken)
    {
        var words = new List<string>();
        while (true)
        {
            if (words.Count == 0 && !HasBufferedData && !await FillAsync(cancellationToken))
            {
                return null;
            }

            var length = await ReadLengthAsync(cancellationToken);
            if (length == 0)
            {
                if (words.Count > 0)
                {
                    return words;
                }

                continue;
            }

            if (_length - _position >= length)
            {
                words.Add(encoding.GetString(_buffer, _position, length));
                _position += length;
                continue;
            }

            var bytes = new byte[length];
            for (var filled = 0; filled < length;)
            {
                if (!HasBufferedData && !await FillAsync(cancellationToken))
                {
                    throw new EndOfStreamException();
                }

                var chunk = Math.Min(length - filled, _length - _position);
                Buffer.BlockCopy(_buffer, _position, bytes, filled, chunk);
                _position += chunk;
                filled += chunk;
            }

            words.Add(encoding.GetString(bytes));
        }
    }

    private async ValueTask<int> ReadLengthAsync(CancellationToken cancellationToken)
    {
        var first = await ReadByteAsync(cancellationToken);
        var (following, value) = first switch
        {
            < 0x80 => (0, first),
            < 0xC0 => (1, first & 0x3F),
            < 0xE0 => (2, first & 0x1F),
            < 0xF0 => (3, first & 0x0F),
            0xF0 => (4, 0),
            _ => throw new InvalidDataException($"Unsupported length prefix 0x{first:X2}."),
        };
        long length = value;
        for (var i = 0; i < following; i++)
        {
            length = (length << 8) | await ReadByteAsync(cancellationToken);
        }

        return length > MaxWordLength ? throw new InvalidDataException("Word too long.") : (int)length;
    }

    private async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (!HasBufferedData && !await FillAsync(cancellationToken))
        {
            throw new EndOfStreamException();
        }

        return _buffer[_position++];
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _length = await stream.ReadAsync(_buffer, cancellationToken);
        _position = 0;
        return _length > 0;
    }
}
