using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace VideoRelay.WebRtc.Rtp;

/// <summary>
/// The RTP fixed header (RFC 3550 §5.1) with CSRCs, padding and an RFC 8285 header-extension block.
/// </summary>
/// <remarks>
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |V=2|P|X|  CC   |M|     PT      |       sequence number         |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                           timestamp                           |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |           synchronization source (SSRC) identifier            |
///  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
///  |            contributing source (CSRC) identifiers             |
///  |                             ....                              |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |      defined by profile       |           length              |   (X = 1; length in
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+    32-bit words)
///  |                        header extension                       |
///  |                             ....                              |
/// </code>
/// Reading: <see cref="TryRead"/> parses the whole packet (it needs the last byte for the padding count)
/// and records where the extension block lies; <see cref="GetExtensions"/> iterates its elements.
/// Writing: the elements of <see cref="Extensions"/> are written; a header read from the wire does not
/// copy its elements into <see cref="Extensions"/>.
/// </remarks>
[DebuggerDisplay("PT={PayloadType} seq={SequenceNumber} ts={Timestamp} ssrc={Ssrc} M={Marker}")]
public struct RtpHeader
{
    public const int FixedSize = 12;
    public const int MaxCsrcs = 15;
    public const int Version = 2;

    private CsrcArray _csrcs;

    public bool Marker;
    public byte PayloadType;
    public ushort SequenceNumber;
    public uint Timestamp;
    public uint Ssrc;

    /// <summary>Header-extension elements to write.</summary>
    public RtpExtensionSet Extensions;

    /// <summary>Number of CSRCs (0–15).</summary>
    public int CsrcCount { readonly get; private set; }

    /// <summary>Read: trailing padding bytes of the packet (0 when P is clear).</summary>
    public int PaddingLength { readonly get; private set; }

    /// <summary>Read: the X bit was set.</summary>
    public bool HasExtension { readonly get; private set; }

    /// <summary>Read: the "defined by profile" field of the extension block.</summary>
    public ushort ExtensionProfile { readonly get; private set; }

    /// <summary>Read: offset of the extension elements from the start of the packet.</summary>
    public int ExtensionOffset { readonly get; private set; }

    /// <summary>Read: length of the extension elements in bytes.</summary>
    public int ExtensionLength { readonly get; private set; }

    /// <summary>Read: bytes of payload between the header and the padding.</summary>
    public int PayloadLength { readonly get; private set; }

    [UnscopedRef]
    public ReadOnlySpan<uint> Csrcs => ((ReadOnlySpan<uint>)_csrcs)[..CsrcCount];

    /// <summary>Adds a CSRC; false when 15 are already present.</summary>
    public bool TryAddCsrc(uint csrc)
    {
        if (CsrcCount == MaxCsrcs)
        {
            return false;
        }
        _csrcs[CsrcCount++] = csrc;
        return true;
    }

    /// <summary>Bytes the header takes when written: 12 + 4 per CSRC + the extension block.</summary>
    public readonly int GetSerializedSize() => FixedSize + 4 * CsrcCount + Extensions.GetSerializedSize();

    /// <summary>Writes the header. Padding, if any, is written after the payload by <see cref="RtpPacket"/>.</summary>
    public readonly bool TryWrite(Span<byte> dst, out int written) => TryWrite(dst, padding: false, out written);

    internal readonly bool TryWrite(Span<byte> dst, bool padding, out int written)
    {
        int size = GetSerializedSize();
        if (dst.Length < size || PayloadType > 127)
        {
            written = 0;
            return false;
        }
        bool extension = Extensions.Count > 0;
        dst[0] = (byte)((Version << 6) | (padding ? 0x20 : 0) | (extension ? 0x10 : 0) | CsrcCount);
        dst[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(dst[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(dst[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(dst[8..], Ssrc);
        int o = FixedSize;
        for (int i = 0; i < CsrcCount; i++, o += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(dst[o..], _csrcs[i]);
        }
        if (extension)
        {
            Extensions.TryWrite(dst[o..], out int n);
            o += n;
        }
        Debug.Assert(o == size);
        written = size;
        return true;
    }

    /// <summary>
    /// Parses an RTP packet's header. <paramref name="consumed"/> is the header length (payload starts
    /// there); <see cref="PayloadLength"/> excludes padding. False when the packet is short, not version 2,
    /// or a CSRC list, extension block or padding count runs past its end.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out RtpHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (packet.Length < FixedSize || packet[0] >> 6 != Version)
        {
            return false;
        }
        byte b0 = packet[0];
        int cc = b0 & 0x0F;
        int o = FixedSize + 4 * cc;
        if (o > packet.Length)
        {
            return false;
        }
        header.Marker = (packet[1] & 0x80) != 0;
        header.PayloadType = (byte)(packet[1] & 0x7F);
        header.SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        header.Timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        header.Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        header.CsrcCount = cc;
        for (int i = 0; i < cc; i++)
        {
            header._csrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(packet[(FixedSize + 4 * i)..]);
        }
        if ((b0 & 0x10) != 0)
        {
            if (packet.Length - o < 4)
            {
                return false;
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(packet[(o + 2)..]) * 4;
            if (length > packet.Length - o - 4)
            {
                return false;
            }
            header.HasExtension = true;
            header.ExtensionProfile = BinaryPrimitives.ReadUInt16BigEndian(packet[o..]);
            header.ExtensionOffset = o + 4;
            header.ExtensionLength = length;
            o += 4 + length;
        }
        int padding = 0;
        if ((b0 & 0x20) != 0)
        {
            padding = packet.Length > o ? packet[^1] : 0;
            if (padding == 0 || padding > packet.Length - o)
            {
                return false;
            }
        }
        header.PaddingLength = padding;
        header.PayloadLength = packet.Length - o - padding;
        consumed = o;
        return true;
    }

    /// <summary>The payload of <paramref name="packet"/> as described by a header read from it.</summary>
    public readonly ReadOnlySpan<byte> GetPayload(ReadOnlySpan<byte> packet) =>
        packet.Slice(packet.Length - PaddingLength - PayloadLength, PayloadLength);

    /// <summary>Iterates the extension elements of <paramref name="packet"/> (the packet this header was read from).</summary>
    public readonly RtpExtensionReader GetExtensions(ReadOnlySpan<byte> packet) =>
        HasExtension
            ? new RtpExtensionReader(ExtensionProfile, packet.Slice(ExtensionOffset, ExtensionLength))
            : default;

    [InlineArray(MaxCsrcs)]
    private struct CsrcArray
    {
        private uint _c;
    }
}
