using System.Buffers.Binary;

namespace Mt.Data.Datasets;

/// <summary>
/// Gives every dataset of an HDF5 file written by PureHDF a defined fill value. PureHDF 2.2 writes each dataset's
/// fill-value message (version 3) with the flag "fill value undefined", and the HDF5 library then refuses to report
/// one: h5py's <c>dataset.fillvalue</c> raises "fill value is undefined". Clearing that flag, with no value stored,
/// gives the library's default fill value, 0, which HDF5 and h5py report as defined; the data are unchanged (every
/// chunk is written and the fill time is "never"). The message keeps its size, so only the flag byte and the
/// checksum of its object header change.
/// </summary>
/// <remarks>
/// The file is scanned for version-2 object headers (signature <c>OHDR</c>); a candidate is patched only when its
/// stored Jenkins lookup3 checksum (the one HDF5 uses for metadata) matches its bytes, so chunk data that happen to
/// contain the signature are never touched.
/// </remarks>
public static class Hdf5FillValue
{
    private const byte FillValueMessageType = 0x05;
    private const byte UndefinedFlag = 0x10;
    private const byte DefinedFlag = 0x20;
    private static readonly byte[] Signature = "OHDR"u8.ToArray();

    /// <summary>Patches every undefined fill value of the HDF5 file in <paramref name="stream"/> (readable, writable,
    /// seekable) and returns how many were patched.</summary>
    public static int MakeDefined(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int patched = 0;
        foreach (long offset in FindSignatures(stream))
        {
            byte[]? header = ReadHeader(stream, offset);
            if (header is null || !PatchHeader(header)) continue;
            stream.Position = offset;
            stream.Write(header);
            patched++;
        }
        stream.Flush();
        return patched;
    }

    /// <summary>Offsets of every occurrence of the object-header signature, read in blocks.</summary>
    private static List<long> FindSignatures(Stream stream)
    {
        var found = new List<long>();
        var buffer = new byte[1 << 20];
        long blockStart = 0;
        int carried = 0;
        stream.Position = 0;
        while (true)
        {
            int read = stream.ReadAtLeast(buffer.AsSpan(carried), buffer.Length - carried, throwOnEndOfStream: false);
            int length = carried + read;
            var span = buffer.AsSpan(0, length);
            for (int i = span.IndexOf(Signature); i >= 0;)
            {
                found.Add(blockStart + i);
                int next = span[(i + 1)..].IndexOf(Signature);
                i = next < 0 ? -1 : i + 1 + next;
            }
            if (read == 0) break;
            // Keep the last three bytes: a signature may straddle two blocks.
            carried = Math.Min(Signature.Length - 1, length);
            span[(length - carried)..].CopyTo(buffer);
            blockStart += length - carried;
        }
        return found;
    }

    /// <summary>The bytes of the object header's first chunk at <paramref name="offset"/> (prefix, messages and
    /// checksum) when they parse as one and the checksum matches, else null.</summary>
    private static byte[]? ReadHeader(Stream stream, long offset)
    {
        var prefix = new byte[6 + 16 + 4 + 8];
        stream.Position = offset;
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < 7 || prefix[4] != 2) return null;
        byte flags = prefix[5];
        int position = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        int sizeBytes = 1 << (flags & 0x03);
        if (position + sizeBytes > got) return null;
        ulong chunkSize = 0;
        for (int b = 0; b < sizeBytes; b++) chunkSize |= (ulong)prefix[position + b] << (8 * b);
        long total = position + sizeBytes + (long)chunkSize + 4;
        if (chunkSize == 0 || total > stream.Length - offset || total > 1 << 24) return null;
        var header = new byte[total];
        stream.Position = offset;
        stream.ReadExactly(header);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan((int)total - 4));
        return Lookup3(header.AsSpan(0, (int)total - 4)) == stored ? header : null;
    }

    /// <summary>Clears the "undefined" flag of an undefined version-3 fill-value message without a value in the
    /// header, and rewrites the checksum; false when there is none.</summary>
    private static bool PatchHeader(byte[] header)
    {
        byte flags = header[5];
        int position = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0) + (1 << (flags & 0x03));
        int end = header.Length - 4;
        bool creationOrder = (flags & 0x04) != 0;
        int messageHeader = 4 + (creationOrder ? 2 : 0);
        bool changed = false;
        while (position + messageHeader <= end)
        {
            byte type = header[position];
            int size = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(position + 1));
            int data = position + messageHeader;
            if (data + size > end) break;
            if (type == FillValueMessageType && size == 2 && header[data] == 3
                && (header[data + 1] & UndefinedFlag) != 0 && (header[data + 1] & DefinedFlag) == 0)
            {
                header[data + 1] &= unchecked((byte)~UndefinedFlag);
                changed = true;
            }
            position = data + size;
        }
        if (changed) BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(end), Lookup3(header.AsSpan(0, end)));
        return changed;
    }

    /// <summary>Bob Jenkins' lookup3 <c>hashlittle</c> with initial value 0: the checksum of HDF5's metadata.</summary>
    internal static uint Lookup3(ReadOnlySpan<byte> key)
    {
        uint a, b, c;
        a = b = c = 0xdeadbeef + (uint)key.Length;
        int i = 0, length = key.Length;
        while (length > 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(key[i..]);
            b += BinaryPrimitives.ReadUInt32LittleEndian(key[(i + 4)..]);
            c += BinaryPrimitives.ReadUInt32LittleEndian(key[(i + 8)..]);
            Mix(ref a, ref b, ref c);
            i += 12;
            length -= 12;
        }
        if (length == 0) return c;
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        key.Slice(i, length).CopyTo(tail);
        a += BinaryPrimitives.ReadUInt32LittleEndian(tail);
        b += BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        c += BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]);
        Final(ref a, ref b, ref c);
        return c;
    }

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= uint.RotateLeft(c, 4); c += b;
        b -= a; b ^= uint.RotateLeft(a, 6); a += c;
        c -= b; c ^= uint.RotateLeft(b, 8); b += a;
        a -= c; a ^= uint.RotateLeft(c, 16); c += b;
        b -= a; b ^= uint.RotateLeft(a, 19); a += c;
        c -= b; c ^= uint.RotateLeft(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= uint.RotateLeft(b, 14);
        a ^= c; a -= uint.RotateLeft(c, 11);
        b ^= a; b -= uint.RotateLeft(a, 25);
        c ^= b; c -= uint.RotateLeft(b, 16);
        a ^= c; a -= uint.RotateLeft(c, 4);
        b ^= a; b -= uint.RotateLeft(a, 14);
        c ^= b; c -= uint.RotateLeft(b, 24);
    }
}
