using System.Security.Cryptography;
using System.Text;

namespace VideoRelay.Relay.Protocol;

/// <summary>
/// AUTH: 32 bytes, HMAC-SHA256 keyed with the cluster secret over a role label and both HELLO nonces. The client
/// proves first (label "VRLY client", server nonce then client nonce); only then does the server prove itself
/// (label "VRLY server", client nonce then server nonce). Distinct labels and orders mean neither proof can be
/// replayed as the other, and fresh nonces on both sides mean no proof can be replayed at all.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          proof = HMAC-SHA256(secret, label ‖ nonce ‖ nonce)   |
/// |                           (32 bytes)                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct AuthMessage(byte[] Proof) : IRelayMessage
{
    public const int ProofSize = 32;

    public RelayMessageType Type => RelayMessageType.Auth;

    public static bool TryRead(ReadOnlySpan<byte> source, out AuthMessage message, out int consumed)
    {
        if (source.Length != ProofSize)
        {
            message = default;
            consumed = 0;
            return false;
        }
        message = new AuthMessage(source.ToArray());
        consumed = ProofSize;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        if (Proof is not { Length: ProofSize } || destination.Length < ProofSize)
        {
            written = 0;
            return false;
        }
        Proof.CopyTo(destination);
        written = ProofSize;
        return true;
    }

    /// <summary>The client's proof: HMAC(secret, "VRLY client" ‖ serverNonce ‖ clientNonce).</summary>
    public static byte[] ClientProof(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> clientNonce) =>
        Compute(secret, "VRLY client"u8, serverNonce, clientNonce);

    /// <summary>The server's proof: HMAC(secret, "VRLY server" ‖ clientNonce ‖ serverNonce).</summary>
    public static byte[] ServerProof(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> clientNonce) =>
        Compute(secret, "VRLY server"u8, clientNonce, serverNonce);

    /// <summary>Constant-time comparison of a received proof with the expected one.</summary>
    public static bool Verify(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received) =>
        received.Length == ProofSize && CryptographicOperations.FixedTimeEquals(expected, received);

    public static byte[] SecretBytes(string secret) => Encoding.UTF8.GetBytes(secret);

    private static byte[] Compute(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> label, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        Span<byte> message = stackalloc byte[label.Length + first.Length + second.Length];
        label.CopyTo(message);
        first.CopyTo(message[label.Length..]);
        second.CopyTo(message[(label.Length + first.Length)..]);
        return HMACSHA256.HashData(secret, message);
    }
}
