namespace PmSite.Search;

/// <summary>Builds the browser index's binary files: bytes and unsigned LEB128 varints.</summary>
internal sealed class ByteWriter
{
    private readonly MemoryStream _stream = new();

    public int Length => (int)_stream.Length;

    public void Byte(byte value) => _stream.WriteByte(value);

    public void Bytes(byte[] value) => _stream.Write(value);

    public void VarInt(long value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "varints are unsigned");
        }

        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _stream.WriteByte((byte)value);
    }

    public byte[] ToArray() => _stream.ToArray();
}
