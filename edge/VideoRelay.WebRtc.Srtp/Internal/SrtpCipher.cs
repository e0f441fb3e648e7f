namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>
/// One set of session keys (the SRTP keys or the SRTCP keys of one direction) and the packet
/// transform of a profile. Stateless about streams: the caller has parsed the header, estimated
/// the index and checked replay. Source and destination are either the same memory (same start)
/// or disjoint; the caller guarantees the destination is long enough.
/// </summary>
internal abstract class SrtpCipher : IDisposable
{
    protected SrtpCipher(int tagLength) => TagLength = tagLength;

    /// <summary>Bytes of authentication tag this cipher writes and checks.</summary>
    public int TagLength { get; }

    /// <summary>Encrypts the payload and appends the tag: writes <c>source.Length + TagLength</c> bytes.</summary>
    public abstract void ProtectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, ulong index);

    /// <summary>Checks the tag, then decrypts: writes <c>source.Length - TagLength</c> bytes. False when the tag is wrong.</summary>
    public abstract bool UnprotectRtp(ReadOnlySpan<byte> source, Span<byte> destination, int headerLength, uint ssrc, ulong index);

    /// <summary>Encrypts everything after the first 8 bytes, adds E/index and tag; returns bytes written.</summary>
    public abstract int ProtectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint index);

    /// <summary>
    /// Checks the tag and, when the E bit of <paramref name="eAndIndex"/> is set, decrypts: writes
    /// <c>source.Length - TagLength - 4</c> bytes. False when the tag is wrong.
    /// </summary>
    public abstract bool UnprotectRtcp(ReadOnlySpan<byte> source, Span<byte> destination, uint ssrc, uint eAndIndex);

    /// <summary>Where the 32-bit E/SRTCP-index word sits in an SRTCP packet of this profile.</summary>
    public abstract int GetSrtcpIndexOffset(int packetLength);

    public abstract void Dispose();

    /// <summary>True when both spans start at the same address (in-place operation).</summary>
    protected static bool SameStart(ReadOnlySpan<byte> source, Span<byte> destination) =>
        System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination));
}
