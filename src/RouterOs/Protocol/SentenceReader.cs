using System.Buffers;
using System.Text;

namespace MikroNet.RouterOs.Protocol;

/// <summary>
/// Reads sentences from a stream whose reads may end anywhere, including inside a length prefix.
/// Not thread-safe: one reader loop owns it.
/// </summary>
public sealed class SentenceReader(Stream stream, Encoding encoding, int maxWordLength = SentenceReader.DefaultMaxWordLength)
{
    public const int DefaultMaxWordLength = 16 * 1024 * 1024;

    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _position;
    private int _length;

    private bool HasBufferedData => _position < _length;

    /// <summary>Returns the next non-empty sentence, or null when the stream ends between sentences.</summary>
    /// <exception cref="EndOfStreamException">The stream ended inside a sentence.</exception>
    public async ValueTask<IReadOnlyList<string>?> ReadSentenceAsync(CancellationToken cancellationToken = default)
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
                // Empty sentences carry nothing and are skipped, as the protocol says.
                if (words.Count > 0)
                {
                    return words;
                }

                continue;
            }

            words.Add(await ReadWordAsync(length, cancellationToken));
        }
    }

    private async ValueTask<int> ReadLengthAsync(CancellationToken cancellationToken)
    {
        var first = await ReadByteAsync(cancellationToken);
        var following = LengthCodec.GetFollowingByteCount(first);
        if (following == 0)
        {
            return first;
        }

        var bytes = new byte[following + 1];
        bytes[0] = first;
        for (var i = 1; i <= following; i++)
        {
            bytes[i] = await ReadByteAsync(cancellationToken);
        }

        var length = LengthCodec.Decode(bytes);
        if (length > (uint)maxWordLength)
        {
            throw new RouterOsProtocolException($"Word of {length} bytes exceeds the limit of {maxWordLength}.");
        }

        return (int)length;
    }

    private async ValueTask<string> ReadWordAsync(int length, CancellationToken cancellationToken)
    {
        if (_length - _position >= length)
        {
            var word = encoding.GetString(_buffer, _position, length);
            _position += length;
            return word;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var filled = 0;
            while (filled < length)
            {
                if (!HasBufferedData && !await FillAsync(cancellationToken))
                {
                    throw new EndOfStreamException("The stream ended inside a word.");
                }

                var chunk = Math.Min(length - filled, _length - _position);
                Buffer.BlockCopy(_buffer, _position, rented, filled, chunk);
                _position += chunk;
                filled += chunk;
            }

            return encoding.GetString(rented, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (!HasBufferedData && !await FillAsync(cancellationToken))
        {
            throw new EndOfStreamException("The stream ended inside a sentence.");
        }

        return _buffer[_position++];
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        var read = await stream.ReadAsync(_buffer, cancellationToken);
        _position = 0;
        _length = read;
        return read > 0;
    }
}
