namespace PmSite.Search;

/// <summary>Builds the browser index's binary files: bytes and unsigned LEB128 varints, in a growing array.</summary>
internal sealed class ByteWriter(int capacity = 256)
{
    private byte[] _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Byte(byte value)
    {
        Reserve(1);
        _buffer[Length++] = value;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Reserve(value.Length);
        value.CopyTo(_buffer.AsSpan(Length));
        Length += value.Length;
    }

    public void VarInt(long value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "varints are unsigned");
        }

        Reserve(10);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[Length++] = (byte)value;
    }

    public void Clear() => Length = 0;

    public byte[] ToArray() => Written.ToArray();

    private void Reserve(int bytes)
    {
        if (Length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + bytes));
        }
    }
}
